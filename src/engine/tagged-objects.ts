/**
 * Refs that point (directly or through tags, any depth) at a blob or a tree: no commit to walk, but
 * the object is on the server for anyone to fetch, so it is judged (DESIGN §11). A blob is judged
 * as a file named after the ref; a tree as every blob in it with its path (the `.env` rule too).
 */
import type { Config } from '../config/allowlist.js';
import { readObjects, treeBlobs, type GitOptions } from '../git.js';
import { historyEnvMessage } from '../words/messages.js';
import { envFileRule } from '../rules/index.js';
import { GITLINK_MODE, objectMessage, taggedTarget } from '../parse-z.js';
import { readInWindows } from './any-blob.js';
import type { HistoryFinding } from './commit-walk.js';
import { judgeBlob, type JudgedHit } from './judge-blob.js';
import { openBlobStream } from './blob-stream.js';
import { walkFinding } from './findings.js';

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
      // A symlink's blob (its target text) too: any bytes a pusher chose, fetchable by anyone.
      blobs.push({ oid: entry.oid, path: entry.path, source });
    }
  }
  type Blob = (typeof blobs)[number];
  const seen = new Set<string>();
  const take = (judged: JudgedHit[] | null, blob: Blob, shift = 0) => {
    for (const { hit, allowed: honoured, refused } of judged ?? []) {
      const pragma = honoured || refused === true;
      if (hit.severity === 'warning' || !hit.fingerprint || seen.has(hit.fingerprint)) continue;
      seen.add(hit.fingerprint);
      const found = walkFinding({ ...hit, line: hit.line + shift }, blob.path, where(blob.source));
      if (honoured && pragmas === 'honour') result.pragmas.push(found);
      else result.findings.push(pragma ? { ...found, pragmaRefused: true } : found);
    }
  };
  const large: Blob[] = [];
  const stream = openBlobStream<Blob>(options, (object, blob) => {
    result.scanned++;
    if (object.data === null) large.push(blob);
    else take(judgeBlob(object, blob.path, blob.source.config, { binary: 0, large: 0 }, true), blob);
  });
  for (const blob of blobs) stream.request(blob.oid, blob);
  await stream.done();
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

/** Where a tagged object's finding is: the pushed id stands for the commit (there is none). */
const where = (source: TaggedObject) => ({ commit: source.tip, date: '', atHead: false, ref: source.ref });

function finding(
  source: TaggedObject,
  path: string,
  rule: 'env-file',
  message: string
): HistoryFinding & { ref: string } {
  return { rule, severity: 'error', path, line: 0, column: 0, message, ...where(source) };
}

/** Where a key in an annotated tag's message is reported (the finding's commit is the tag's id). */
export const TAG_MESSAGE = '(tag message)';

/**
 * The messages of pushed annotated tags, down a chain of tags of tags (a tag's message is pushed and
 * fetchable like a file): one cat-file per level of nesting.
 */
export async function judgeTagMessages(
  tags: ReadonlyArray<{ ref: string; oid: string; config: Config }>,
  pragmas: 'honour' | 'refuse',
  options: GitOptions
): Promise<Omit<TaggedResult, 'scanned'>> {
  const result: Omit<TaggedResult, 'scanned'> = { findings: [], pragmas: [] };
  let level = [...tags];
  for (let depth = 0; level.length && depth < 64; depth++) {
    const next: typeof level = [];
    const byOid = new Map(level.map((tag) => [tag.oid, tag]));
    await readObjects(
      [...byOid.keys()],
      16 << 20,
      (object) => {
        const tag = byOid.get(object.oid);
        if (!tag || object.type !== 'tag' || !object.data) return;
        const data = objectMessage(object.data);
        const judged = judgeBlob(
          { ...object, data, size: data.length },
          TAG_MESSAGE,
          tag.config,
          {
            binary: 0,
            large: 0
          },
          true
        );
        for (const { hit, allowed, refused } of judged ?? []) {
          if (hit.severity === 'warning' || !hit.fingerprint) continue;
          const found = walkFinding(hit, TAG_MESSAGE, {
            commit: tag.oid,
            date: '',
            atHead: false,
            ref: tag.ref
          });
          if (allowed && pragmas === 'honour') result.pragmas.push(found);
          else result.findings.push(allowed || refused ? { ...found, pragmaRefused: true } : found);
        }
        const target = taggedTarget(object.data);
        if (target?.type === 'tag') next.push({ ...tag, oid: target.oid });
      },
      options
    );
    level = next;
  }
  return result;
}
