/**
 * Refs that point (directly or through tags, any depth) at a blob or a tree: no commit to walk, but
 * the object is on the server for anyone to fetch, so it is judged (DESIGN §11). A blob is judged
 * as a file named after the ref; a tree as every blob in it with its path (the `.env` rule too).
 */
import type { Config } from '../config/allowlist.js';
import { readObjects, treeBlobs, type GitOptions } from '../git.js';
import { historyEnvMessage } from '../report/messages.js';
import { envFileRule } from '../rules/index.js';
import { GITLINK_MODE, SYMLINK_MODE } from '../parse-z.js';
import { readInWindows } from './any-blob.js';
import type { HistoryFinding } from './commit-walk.js';
import { judgeBlob, type JudgedHit } from './judge-blob.js';
import { MAX_BLOB_BYTES } from './scan.js';

export interface TaggedObject {
  ref: string;
  /** The pushed id (the tag or the object itself): what the report names. */
  tip: string;
  /** The blob or tree it peels to. */
  oid: string;
  type: 'blob' | 'tree';
  config: Config;
}

export interface TaggedResult {
  findings: Array<HistoryFinding & { ref: string }>;
  pragmas: Array<HistoryFinding & { ref: string }>;
  scanned: number;
}

/** Judge every blob the objects hold; `refuse`: an allow pragma does not allow. */
export async function judgeTagged(
  objects: readonly TaggedObject[],
  pragmas: 'honour' | 'refuse',
  options: GitOptions
): Promise<TaggedResult> {
  const result: TaggedResult = { findings: [], pragmas: [], scanned: 0 };
  const blobs: Array<{ oid: string; path: string; source: TaggedObject }> = [];
  for (const source of objects) {
    if (source.type === 'blob') {
      blobs.push({ oid: source.oid, path: source.ref, source });
      continue;
    }
    for (const entry of await treeBlobs(source.oid, options)) {
      if (entry.mode === GITLINK_MODE || source.config.isIgnoredPath(entry.path)) continue;
      if (envFileRule.matches(entry.path, source.config))
        result.findings.push(finding(source, entry.path, 'env-file', historyEnvMessage(entry.path)));
      if (entry.mode !== SYMLINK_MODE) blobs.push({ oid: entry.oid, path: entry.path, source });
    }
  }
  const seen = new Set<string>();
  const take = (judged: JudgedHit[] | null, blob: (typeof blobs)[number], shift = 0) => {
    for (const { hit, allowed: pragma } of judged ?? []) {
      if (hit.severity === 'warning' || !hit.fingerprint || seen.has(hit.fingerprint)) continue;
      seen.add(hit.fingerprint);
      const { pragmaLines: _lines, severity: _severity, ...rest } = hit;
      const found = {
        ...finding(blob.source, blob.path, 'secret-key', rest.message),
        ...rest,
        line: hit.line + shift
      };
      if (pragma && pragmas === 'honour') result.pragmas.push(found);
      else {
        if (pragma) found.pragmaRefused = true;
        result.findings.push(found);
      }
    }
  };
  const large: typeof blobs = [];
  let index = 0;
  await readObjects(
    blobs.map((blob) => blob.oid),
    MAX_BLOB_BYTES,
    (object) => {
      const blob = blobs[index++]!;
      result.scanned++;
      if (object.data === null) large.push(blob);
      else take(judgeBlob(object, blob.path, blob.source.config, { binary: 0, large: 0 }, true), blob);
    },
    options
  );
  for (const blob of large)
    await readInWindows(blob.oid, options, (bytes, linesBefore) => {
      const object = { oid: blob.oid, type: 'blob', size: bytes.length, data: bytes };
      take(
        judgeBlob(object, blob.path, blob.source.config, { binary: 0, large: 0 }, true),
        blob,
        linesBefore
      );
    });
  return result;
}

function finding(
  source: TaggedObject,
  path: string,
  rule: 'env-file' | 'secret-key',
  message: string
): HistoryFinding & { ref: string } {
  return {
    rule,
    severity: 'error',
    path,
    line: 0,
    column: 0,
    message,
    commit: source.tip,
    date: '',
    atHead: false,
    ref: source.ref
  };
}
