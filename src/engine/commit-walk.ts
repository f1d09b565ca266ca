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
 * Memory: contents stream one blob at a time; the log is paused while the reader is behind, and per
 * distinct blob only its binary id is kept (OidSet).
 */
import type { Config } from '../config/allowlist.js';
import { blobFingerprints, judgeBlob } from './judge-blob.js';
import { openBlobStream } from './blob-stream.js';
import { walkFinding } from './findings.js';
import { MissingList, MissingObjectsError, nameMissing } from './missing.js';
import { OidSet } from './oid-set.js';
import { isZeroOid } from './sources.js';
import { logRaw, missingObjects, type GitOptions } from '../git.js';
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

/** A commit of the walk, numbered in walk order (oldest first): findings and their order refer to it. */
interface WalkCommit extends LogCommit {
  index: number;
}

/** A blob to read: where it first appeared, or `prior` for a blob from before the range. */
interface Wanted {
  oid: string;
  commit: WalkCommit;
  path: string;
  prior: boolean;
}

/**
 * Requests in flight before the log is paused: git log lists blobs far faster than they are judged,
 * and what it has listed but the reader has not yet handed over is the walk's memory.
 */
const HIGH_WATER = 2048;

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
  let current: WalkCommit | undefined;
  const byFingerprint = new Map<string, HistoryFinding & { order: number }>();
  // Blobs that hold each secret, to answer "still at HEAD?" once HEAD's tree is known.
  const holders = new Map<string, string[]>();
  const priorPrints = new Set<string>();
  const envPaths = new Map<string, WalkCommit>();
  // Memory that grows with the history: one binary id per distinct blob asked for (oid-set.ts).
  const requested = new OidSet();
  const ignoredBlobs = new Set<string>();

  // Fail closed, fast: one rev-list looks every object of the walk up (no inflating) on another
  // core; a missing one stops the walk, then every missing object is named (missing.ts).
  const stop = new AbortController();
  const git: GitOptions = { ...options.git, signal: stop.signal };
  const missing = new MissingList();
  const met = new MissingList();
  const onMissing = (oid: string, seen: Wanted): void => {
    met.add({ oid, path: seen.path, commit: seen.commit.oid });
    if (!stop.signal.aborted) stop.abort();
  };
  const check = missingObjects(options.revisions, (oid) => missing.add({ oid }), git).then(() => {
    if (missing.count > 0 && !stop.signal.aborted) stop.abort();
  });
  check.catch(() => {}); // awaited below

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
        const { oid, date, index } = seen.commit;
        byFingerprint.set(
          hit.fingerprint,
          walkFinding(hit, seen.path, { commit: oid, date, atHead: false, order: index })
        );
      }
      const blobs = holders.get(hit.fingerprint) ?? [];
      if (blobs[blobs.length - 1] !== seen.oid) blobs.push(seen.oid);
      holders.set(hit.fingerprint, blobs);
    }
  };
  // The log is held back while the reader is behind, so memory stays flat in the size of the history.
  let log: { pause(): void; resume(): void } | undefined;
  const blobs = openBlobStream(git, onBlob, {
    onMissing,
    highWater: HIGH_WATER,
    onDrain: () => log?.resume()
  });
  const want = (item: Wanted) => {
    requested.add(item.oid);
    if (!blobs.request(item.oid, item)) log?.pause();
  };

  // A boundary commit has no parents here, so git diffs it against the empty tree: its whole tree
  // would look added. Its entries are left out; the caller says the walk is incomplete.
  let atBoundary = false;
  const onCommit = (commit: LogCommit): void => {
    current = { ...commit, index: result.commits++ };
    atBoundary = options.shallow?.has(commit.oid) ?? false;
    if (atBoundary && result.boundary === null) result.boundary = commit.oid;
  };
  const onEntry = (entry: RawEntry): void => {
    if (atBoundary) return;
    const commit = current!;
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
  // Four processes overlap: the HEAD listing, the object check, the history walk and the blob
  // reader it feeds.
  const walk = logRaw(options.revisions, onCommit, onEntry, {
    ...git,
    flow: (control) => (log = control)
  }).then(
    () => blobs.done(),
    (error: unknown) => {
      void blobs.done().catch(() => {}); // close cat-file's stdin, or it would keep the process alive
      throw error;
    }
  );
  let failure: unknown;
  let checkFailure: unknown;
  const [head] = await Promise.all([
    (options.head ?? Promise.resolve(null)).catch(() => null),
    walk.catch((error: unknown) => {
      failure = error;
    }),
    check.catch((error: unknown) => {
      checkFailure = error;
    })
  ]);
  if (stop.signal.aborted) {
    // Missing objects: rev-list's list (or, if it could not list, what the reader met), named.
    const { list, detail } = await nameMissing(missing.count ? missing : met, checkFailure, options.git);
    throw new MissingObjectsError(list.shown, list.count, collect(head), detail);
  }
  if (failure !== undefined) throw failure;
  if (checkFailure !== undefined) throw checkFailure; // never a clean result git could not check
  return collect(head);

  /** The findings as far as the walk got: first commit, still at HEAD, before the range or not. */
  function collect(head: Array<{ oid: string; path: string }> | null): WalkResult {
    result.skipped.allowed += [...ignoredBlobs].filter((oid) => !requested.has(oid)).length;
    const headOids = new Set(head?.map((entry) => entry.oid));
    const headPaths = new Set(head?.map((entry) => entry.path));
    for (const [print, finding] of byFingerprint) {
      finding.atHead = holders.get(print)!.some((oid) => headOids.has(oid));
      if (priorPrints.has(print))
        Object.assign(finding, { severity: 'warning', message: historyPriorMessage(finding.message) });
    }
    const envFindings = [...envPaths].map(([path, commit]) => ({
      rule: 'env-file' as const,
      severity: 'error' as const,
      path,
      line: 0,
      column: 0,
      message: historyEnvMessage(path),
      commit: commit.oid,
      date: commit.date,
      atHead: headPaths.has(path),
      order: commit.index
    }));
    result.findings = [...byFingerprint.values(), ...envFindings]
      .sort((a, b) => a.order - b.order || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line))
      .map(({ order: _order, ...finding }) => finding);
    return result;
  }
}
