/**
 * Judge a set of commits: the one engine behind `history` (every ref, or a range) and
 * `pre-receive` (the commits a push brings). One finding per distinct secret (by fingerprint) or
 * dotenv path, attributed to the first commit of the set that brought it in.
 *
 * How: one `git log --raw` pass lists, per commit, the blobs it adds or modifies; every distinct
 * blob is then read once through one `git cat-file --batch` and scanned whole. Only lines a
 * commit *adds* matter in principle, but scanning each new blob whole and keeping the first commit
 * per fingerprint gives the same answer: a key's first blob is, by construction, the commit that
 * added it (any earlier blob holding it would have been met first), later commits that merely
 * keep it produce the same fingerprint and are folded in. It is also cheaper than diffing — git
 * never computes a line diff, and a blob shared by many commits or branches is read once.
 *
 * A range starts on top of older history, so "first met in the range" is not "added by the
 * range": a key already in the settings module the range edits was there before. In range mode
 * the blobs the range replaces or deletes (from before the range) are read too, and a key found
 * in them is reported as a warning ("already in history: rotate it"), the way a commit that
 * moves an old key warns instead of blocking (DESIGN §3).
 * Memory: contents stream one blob at a time; per blob only its id and first path are kept.
 */
import type { Config } from '../config/allowlist.js';
import { blobFingerprints, judgeBlob } from './judge-blob.js';
import { openBlobStream } from './blob-stream.js';
import { walkFinding } from './findings.js';
import { MissingList, MissingObjectsError, nameMissing } from './missing.js';
import { GitError } from '../errors.js';
import { isZeroOid } from './sources.js';
import { logRaw, type GitOptions } from '../git.js';
import { GITLINK_MODE, SYMLINK_MODE, type BatchObject, type LogCommit, type RawEntry } from '../parse-z.js';
import { envFileRule } from '../rules/index.js';
import { historyEnvMessage, historyPriorMessage } from '../report/messages.js';
import type { HistoryFinding, ScanResult } from '../types.js';

export type { HistoryFinding } from '../types.js';

export interface WalkResult extends ScanResult {
  findings: HistoryFinding[];
  /** Commits walked. */
  commits: number;
  /** A commit of the walk whose parents are missing (shallow clone): the walk is incomplete. */
  boundary: string | null;
}

export interface WalkOptions {
  /** cwd is the work-tree root, or the git dir of a bare repository. */
  git: GitOptions;
  config: Config;
  /** git log revisions: `--all`, resolved ids and `^id`s, or `<ids> --not --all`. */
  revisions: readonly string[];
  /** The commits sit on older history (a range or a push): keys from before it only warn. */
  range: boolean;
  /** Commits whose parents were never fetched (the shallow file). */
  shallow?: ReadonlySet<string>;
  /** Blobs at HEAD, to answer "still at HEAD?" (started by the caller, so it overlaps the walk). */
  head?: Promise<Array<{ oid: string; path: string }> | null>;
}

/** A blob to read: where it first appeared, or `prior` for a blob from before the range. */
interface Wanted {
  oid: string;
  /** Index of the commit in the walk. */
  commit: number;
  path: string;
  prior: boolean;
}

/** Walk and judge; returns data, never throws for findings. */
export async function judgeCommits(options: WalkOptions): Promise<WalkResult> {
  const { config } = options;
  const result: WalkResult = {
    findings: [],
    commits: 0,
    boundary: null,
    scanned: 0,
    skipped: { binary: 0, large: 0, allowed: 0 }
  };
  const commits: LogCommit[] = [];
  const byFingerprint = new Map<string, HistoryFinding>();
  // Blobs that hold each secret, to answer "still at HEAD?" once HEAD's tree is known.
  const holders = new Map<string, string[]>();
  const priorPrints = new Set<string>();
  const envPaths = new Map<string, number>();
  const requested = new Set<string>();
  const ignoredBlobs = new Set<string>();

  // Fail closed, fast: a lookup-only process runs ahead of the reader, and the first missing blob
  // (or a tree git log cannot read) stops the walk; then every missing object is named.
  const stop = new AbortController();
  const git: GitOptions = { ...options.git, signal: stop.signal };
  const met = new MissingList();
  const onMissing = (oid: string, seen: Wanted): void => {
    met.add({ oid, path: seen.path, commit: commits[seen.commit]?.oid });
    if (!stop.signal.aborted) stop.abort();
  };

  // Blobs stream out of cat-file in request order, which is first-appearance order (oldest first).
  const onBlob = (object: BatchObject, seen: Wanted): void => {
    if (stop.signal.aborted) return;
    if (seen.prior) {
      blobFingerprints(object, seen.path, config, priorPrints);
      return;
    }
    const judged = judgeBlob(object, seen.path, config, result.skipped);
    if (judged === null) return;
    result.scanned++;
    for (const { hit, allowed } of judged) {
      // Placeholder warnings are advice for a commit, not a leaked secret.
      if (hit.severity === 'warning' || !hit.fingerprint) continue;
      if (!byFingerprint.has(hit.fingerprint)) {
        if (allowed) {
          result.skipped.allowed++;
          continue;
        }
        const commit = commits[seen.commit]!;
        byFingerprint.set(
          hit.fingerprint,
          walkFinding(hit, seen.path, { commit: commit.oid, date: commit.date, atHead: false })
        );
      }
      const blobs = holders.get(hit.fingerprint) ?? [];
      if (blobs[blobs.length - 1] !== seen.oid) blobs.push(seen.oid);
      holders.set(hit.fingerprint, blobs);
    }
  };
  const blobs = openBlobStream(git, onBlob, { onMissing, check: true });
  const want = (item: Wanted) => {
    requested.add(item.oid);
    blobs.request(item.oid, item);
  };

  // A boundary commit has no parents here, so git diffs it against the empty tree: its whole tree
  // would look added. Its entries are left out; the caller says the walk is incomplete.
  let atBoundary = false;
  const onCommit = (commit: LogCommit): void => {
    commits.push(commit);
    atBoundary = options.shallow?.has(commit.oid) ?? false;
    if (atBoundary && result.boundary === null) result.boundary = commit.oid;
  };
  const onEntry = (entry: RawEntry): void => {
    if (atBoundary) return;
    const commit = commits.length - 1;
    // The blob this commit replaces or deletes; from before the range when not met yet.
    if (
      options.range &&
      !isZeroOid(entry.oldOid) &&
      entry.oldMode !== GITLINK_MODE &&
      entry.oldMode !== SYMLINK_MODE &&
      !requested.has(entry.oldOid)
    ) {
      want({ oid: entry.oldOid, commit, path: entry.path, prior: true });
    }
    if (entry.status === 'D' || isZeroOid(entry.newOid) || entry.newMode === GITLINK_MODE) return;
    if (config.isIgnoredPath(entry.path)) {
      ignoredBlobs.add(entry.newOid);
      return;
    }
    if (envFileRule.matches(entry.path, config) && !envPaths.has(entry.path))
      envPaths.set(entry.path, commit);
    if (entry.newMode === SYMLINK_MODE || requested.has(entry.newOid)) return;
    want({ oid: entry.newOid, commit, path: entry.path, prior: false });
  };
  // Three processes overlap: the HEAD listing, the history walk, and the blob reader it feeds.
  const walk = logRaw(options.revisions, onCommit, onEntry, git).then(
    () => blobs.done(),
    (error: unknown) => {
      void blobs.done().catch(() => {}); // close cat-file's stdin, or it would keep the process alive
      throw error;
    }
  );
  let failure: unknown;
  const [head] = await Promise.all([
    (options.head ?? Promise.resolve(null)).catch(() => null),
    walk.catch((error: unknown) => {
      failure = error;
    })
  ]);
  const finish = () => collect(head);
  if (stop.signal.aborted || failure instanceof GitError) {
    // git stops at the first object it cannot read; the list of all of them comes from one rev-list.
    const { list, detail } = await nameMissing(options.revisions, met, options.git);
    if (list.count > 0 || stop.signal.aborted)
      throw new MissingObjectsError(list.shown, list.count, finish(), detail);
  }
  if (failure !== undefined) throw failure;
  return finish();

  /** The findings as far as the walk got: first commit, still at HEAD, before the range or not. */
  function collect(head: Array<{ oid: string; path: string }> | null): WalkResult {
    result.commits = commits.length;
    result.skipped.allowed += [...ignoredBlobs].filter((oid) => !requested.has(oid)).length;

    const headOids = new Set(head?.map((entry) => entry.oid));
    const headPaths = new Set(head?.map((entry) => entry.path));
    for (const [print, finding] of byFingerprint) {
      finding.atHead = holders.get(print)!.some((oid) => headOids.has(oid));
      if (priorPrints.has(print))
        Object.assign(finding, { severity: 'warning', message: historyPriorMessage(finding.message) });
    }
    const envFindings: HistoryFinding[] = [...envPaths].map(([path, index]) => ({
      rule: 'env-file',
      severity: 'error',
      path,
      line: 0,
      column: 0,
      message: historyEnvMessage(path),
      commit: commits[index]!.oid,
      date: commits[index]!.date,
      atHead: headPaths.has(path)
    }));
    const position = new Map(commits.map((commit, index) => [commit.oid, index]));
    result.findings = [...byFingerprint.values(), ...envFindings].sort(
      (a, b) =>
        position.get(a.commit)! - position.get(b.commit)! ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line)
    );
    return result;
  }
}
