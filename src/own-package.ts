/**
 * This package's own root and version. Found by walking up from this module to the first
 * package.json named djkey-guard, so it holds both for the tsc output (dist/x/y.js), the bundled
 * bin (dist/cli.js) and the sources run by tsx (src/...).
 */
import { parseJsonText } from './parse/json.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (parseJsonText(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'djkey-guard'
    )
      return dir;
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

/**
 * The command that runs this very copy from the repository root at `root` — what a message should
 * tell the user to type. `npx djkey-guard` only where npx finds the local install (a package.json
 * at the root); elsewhere npx would go to the registry, so name the local bin or the file itself.
 */
export function localCommand(root: string): string {
  const rel = relative(root, OWN_ROOT).split(sep).join('/');
  if (rel === 'node_modules/djkey-guard') return 'npx djkey-guard';
  if (!rel.startsWith('..') && !isAbsolute(rel)) {
    const sub = /^(.+)\/node_modules\/djkey-guard$/.exec(rel);
    if (sub) return `${quoted(`${sub[1]}/node_modules/.bin/djkey-guard`)}`;
    return `node ${quoted(rel ? `${rel}/dist/cli.js` : 'dist/cli.js')}`;
  }
  return `node ${quoted(join(OWN_ROOT, 'dist', 'cli.js'))}`;
}

function quoted(path: string): string {
  return /^[\w./@+-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
