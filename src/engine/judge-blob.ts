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
import { unguardedKeyWords } from '../rules/secret-key/project-names.js';
import type { Hit } from '../rules/types.js';
import type { BatchObject } from '../parse-z.js';

export interface JudgedHit {
  hit: Hit;
  /** An allow pragma covers it: counted as allowed, never reported. */
  allowed: boolean;
  /** An allow pragma is on its line but the config refuses pragmas (`"allowPragmas": false`). */
  refused?: true;
}

/** The hits of one blob read as `path`, or null when it is not text (counted in `skipped`). */
export function judgeBlob(
  object: BatchObject,
  path: string,
  config: Config,
  skipped: { binary: number; large: number },
  /** Server and CI: a blob with NUL bytes is judged too, as text or by its printable runs. */
  anyBytes = false
): JudgedHit[] | null {
  const text =
    anyBytes && object.data !== null ? anyText(object.data, config.names).text : blobText(object, skipped);
  return text === null ? null : judgeText(text, path, config);
}

/** The hits of one blob's decoded text. */
export function judgeText(text: string, path: string, config: Config): JudgedHit[] {
  const hits = secretKeyRule.detect(text, path, config);
  if (hits.length === 0) return [];
  const hasPragma = pragmaLines(text);
  return hits.map((hit) => {
    const pragma = [hit.line, ...(hit.pragmaLines ?? [])].some(hasPragma);
    if (pragma && config.allowPragmas === false) return { hit, allowed: false, refused: true };
    return { hit, allowed: pragma };
  });
}

/**
 * Hits a name the project guards could make (DESIGN §3): values bound to a key-ish word that is
 * none of the configured names (`APP_KEY: "…"`). Judged apart from judgeText's, so they never hide
 * or merge with its hits; the caller keeps those whose name the project's settings turn out to
 * read, and looks the names up only when there is one (a clean commit never does).
 */
export function judgeUnguarded(text: string, path: string, config: Config): JudgedHit[] {
  const words = unguardedKeyWords(text, config.names);
  if (words.length === 0) return [];
  return judgeText(text, path, { ...config, names: words }).filter(
    ({ hit }) => hit.name !== undefined && words.includes(hit.name)
  );
}

/** Fingerprints of every key a blob holds (pragma or not): what "already committed" compares against. */
export function blobFingerprints(object: BatchObject, path: string, config: Config, into: Set<string>): void {
  for (const { hit } of judgeBlob(object, path, config, { binary: 0, large: 0 }) ?? [])
    if (hit.fingerprint) into.add(hit.fingerprint);
}
