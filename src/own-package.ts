/**
 * This package's own root and version. Found by walking up from this module to the first
 * package.json named djkey-guard, so it holds both for the tsc output (dist/x/y.js), the bundled
 * bin (dist/cli.js) and the sources run by tsx (src/...).
 */
import { parseJsonText } from './json-text.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (parseJsonText(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'djkey-guard') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('djkey-guard: cannot find its own package.json');
    dir = parent;
  }
}

/** Root of the running djkey-guard package. */
export const OWN_ROOT = findRoot();

/** The running package's version. */
export function ownVersion(): string {
  return (parseJsonText(readFileSync(join(OWN_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
