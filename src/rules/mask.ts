/** Masking and fingerprints: the only things about a secret that ever leave a rule. */
import { createRequire } from 'node:module';

/** `'djan…' (66 chars)`: enough to recognise a key, never enough to use it. */
export function mask(value: string): string {
  // Code points, not UTF-16 units, counted without copying the value (it may be megabytes long).
  let length = 0;
  for (const _ of value) length++;
  const shown = Math.min(4, Math.floor(length / 4));
  return `'${Array.from(value.slice(0, 8)).slice(0, shown).join('')}…' (${length} chars)`;
}

let crypto: typeof import('node:crypto') | undefined;

/** A stable id for one secret, so reports can group it without printing it. */
export function fingerprint(value: string): string {
  // Loaded on the first finding, not at startup: node:crypto costs a clean commit ~5 ms to load.
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return 'sha256:' + crypto.createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 16);
}
