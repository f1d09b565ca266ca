/** Masking and fingerprints: the only things about a secret that ever leave a rule. */
import { createRequire } from 'node:module';

/**
 * A value's length in code points, not UTF-16 units, counted without copying it (it may be megabytes long).
 */
export function codePoints(value: string): number {
  let length = 0;
  for (const _ of value) length++;
  return length;
}

/** `'djan…' (66 chars)`: enough to recognise a key, never enough to use it. */
export function mask(value: string, length = codePoints(value)): string {
  const shown = Math.min(4, Math.floor(length / 4));
  return `'${Array.from(value.slice(0, 8)).slice(0, shown).join('')}…' (${length} chars)`;
}

let crypto: typeof import('node:crypto') | undefined;

/** node:crypto, loaded on the first finding, not at startup: it costs a clean commit ~5 ms to load. */
function hash(text: string): string {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * An id for one secret, so reports can group it. Internal until keyed: every API that returns
 * findings passes them through keyFingerprints (src/engine/findings.ts), which replaces it with an
 * HMAC keyed by the repository's root commit (no table of common values looks it up) and drops it
 * for values too short to hide.
 */
export function fingerprint(value: string): string {
  return 'sha256:' + hash(value);
}

/** A stable id for something that is not a secret (a path): reports group by it. */
export function stableId(text: string): string {
  return 'sha256:' + hash(text).slice(0, 16);
}
