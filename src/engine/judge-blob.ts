/**
 * One blob → its secret-key hits: the judge `scan`, `history` and `pre-receive` share. Decoding
 * (binary and oversized blobs are counted, not read), the rule, and the inline allow pragma on the
 * value's or the name's line are applied here once; what a hit means for a commit (new, old,
 * first seen where) is the caller's.
 */
import { pragmaLines, type Config } from '../config/allowlist.js';
import { blobText } from '../decode.js';
import { anyText } from './any-blob.js';
import { secretKeyRule } from '../rules/index.js';
import type { Hit } from '../rules/types.js';
import type { BatchObject } from '../parse-z.js';

export interface JudgedHit {
  hit: Hit;
  /** An allow pragma covers it: counted as allowed, never reported. */
  allowed: boolean;
}

/**
 * The hits of one blob read as `path`, or null when it is not text (counted in `skipped`).
 * `anyBytes` (server, CI): a blob with NUL bytes is judged too, as text or by its printable runs.
 */
export function judgeBlob(
  object: BatchObject,
  path: string,
  config: Config,
  skipped: { binary: number; large: number },
  anyBytes = false
): JudgedHit[] | null {
  const text =
    anyBytes && object.data !== null ? anyText(object.data, config.names).text : blobText(object, skipped);
  if (text === null) return null;
  const hits = secretKeyRule.detect(text, path, config);
  if (hits.length === 0) return [];
  const hasPragma = pragmaLines(text);
  return hits.map((hit) => ({ hit, allowed: [hit.line, ...(hit.pragmaLines ?? [])].some(hasPragma) }));
}

/** Fingerprints of every key a blob holds (pragma or not): what "already committed" compares against. */
export function blobFingerprints(object: BatchObject, path: string, config: Config, into: Set<string>): void {
  for (const { hit } of judgeBlob(object, path, config, { binary: 0, large: 0 }) ?? [])
    if (hit.fingerprint) into.add(hit.fingerprint);
}
