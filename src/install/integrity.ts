/**
 * Is the tool copy the plain hook runs whole? install writes a manifest (every file's size) beside
 * the copy; the hook passes its path in DJKEY_GUARD_MANIFEST and the CLI checks it before judging
 * anything. An emptied or cut module would otherwise run as "nothing found" (exit 0).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

export const MANIFEST_NAME = 'djkey-guard-manifest';

/** hooks/pre-commit's last line: a copy cut short (or emptied) lacks it, and the hooks check for it. */
export const HOOK_END = '# end of the djkey-guard hook';

/** Manifest text for `files` (paths relative to `base`): one `size path` line each. */
export function manifestText(base: string, files: readonly string[]): string {
  return files.map((file) => `${statSync(join(base, file)).size} ${file}`).join('\n') + '\n';
}

/** Throws (exit 2) naming the first file whose size differs from the manifest at `path`. */
export function verifyManifest(path: string): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(
      `the djkey-guard copy has no manifest (${path}): it is incomplete. Run djkey-guard install again.`
    );
  }
  const base = dirname(path);
  for (const line of text.split('\n')) {
    const match = /^(\d+) (.+)$/.exec(line);
    if (!match) continue;
    const file = join(base, match[2]!);
    let size: number | null = null;
    try {
      size = statSync(file).size;
    } catch {
      // missing: reported below
    }
    if (size !== Number(match[1])) {
      throw new UsageError(
        `the djkey-guard copy in ${base} is damaged ` +
          `(${match[2]}: ${size === null ? 'missing' : `${size} bytes`}, expected ${match[1]}), so ` +
          `this commit was not checked. Run djkey-guard install again.`
      );
    }
  }
}
