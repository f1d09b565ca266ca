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
import { blobFingerprints, judgeBlob, type JudgedHit } from './judge-blob.js';
import { openBlobStream } from './blob-stream.js';
import { readInWindows } from './any-blob.js';
import { walkFinding } from './findings.js';
import { MissingList, MissingObjectsError, nameMissing } from './missing.js';
import { OidSet } from './oid-set.js';
import { isZeroOid } from './sources.js';
import { logRaw, missingObjects, type GitOptions } from '../git.js';
import {
  GITLINK_MODE,
  SYMLINK_MODE,
  objectMessage,
  type BatchObject,
  type LogCommit,
  type RawEntry
} from '../parse-z.js';
import { envFileRule, mayHoldKey } from '../rules/index.js';
import { historyEnvMessage, historyPriorMessage } from '../words/messages.js';
import type { HistoryFinding, ScanResult } from '../types.js';

export type { HistoryFinding } from '../types.js';

export interface WalkResult extends ScanResult {
  findings: HistoryFinding[];
  /** Commits walked. */
  commits: number;
  /** A commit of the walk whose parents are missing (shallow clone): the walk is incomplete. */
  boundary: string | null;
  /** Keys an allow pragma let through (server and CI list them: a bypass is visible). */
  pragmas: HistoryFinding[];
}

/**
 * How long the walk goes on once an object is known to be missing: long enough to judge a push or a
 * small history whole (its findings are reported with the error), short enough to fail in seconds.
 */
const MISSING_GRACE_MS = 2000;

export interface WalkOptions {
  /** cwd is the work-tree root, or the git dir of a bare repository. */
  git: GitOptions;
  config: Config;
  /**
   * The config a commit is judged with, when it differs by commit (pre-receive: each ref's
   * accepted config). Returns the same object for the same config: blobs are read once per config.
   */
  configOf?: (commit: string) => Config;
  /** Server and CI: every blob is judged whatever its size and bytes (any-blob.ts). */
  everyBlob?: boolean;
  /** `refuse`: an allow pragma does not allow (git config djkey-guard.allowPragmas=false). */
  pragmas?: 'honour' | 'refuse';
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

/**
 * Requests in flight before the log is paused: git log lists blobs far faster than they are judged,
 * and what it has listed but the reader has not yet handed over is the walk's memory.
 */
const HIGH_WATER = 2048;

/** A blob to read: where it first appeared, or `prior` for a blob from before the range. */
interface Wanted {
  oid: string;
  commit: WalkCommit;
  path: string;
  prior: boolean;
  /** The config it is judged with (configOf). */
  config: Config;
}

/** Where a key in a commit's message is reported (the finding's commit says which). */
export const COMMIT_MESSAGE = '(commit message)';

/** Walk and judge; returns data, never throws for findings. */
export async function judgeCommits(options: WalkOptions): Promise<WalkResult> {
  const configIds = new Map<Config, number>();
  const configId = (config: Config) => {
    let id = configIds.get(config);
    if (id === undefined) configIds.set(config, (id = configIds.size));
    return id;
  };
  let config = options.config;
  const result: WalkResult = {
    findings: [],
    pragmas: [],
    commits: 0,
    boundary: null,
    scanned: 0,
    skipped: { binary: 0, large: 0, allowed: 0 }
  };
  let current: WalkCommit | undefined;
  // Each finding keeps its commit's number, to sort by it at the end.
  const order = new Map<HistoryFinding, number>();
  const byFingerprint = new Map<string, HistoryFinding>();
  // Blobs that hold each secret, to answer "still at HEAD?" once HEAD's tree is known.
  const holders = new Map<string, string[]>();
  const priorPrints = new Set<string>();
  const envPaths = new Map<string, WalkCommit>();
  // Memory that grows with the history: one binary id per distinct blob asked for (oid-set.ts);
  // keyed by id and config when configs vary per commit (then a plain set).
  const requested: { add(key: string): unknown; has(key: string): boolean } = options.configOf
    ? new Set<string>()
    : new OidSet();
  const ignoredBlobs = new Set<string>();

  // Fail closed, fast: one rev-list looks every object of the walk up (no inflating) on another
  // core, and is never cut short (it names them all). Once it has found a missing object the walk
  // goes on for MISSING_GRACE_MS at most, judging what it can read (the findings reported with the
  // error), then stops; every missing object is named (missing.ts).
  const stop = new AbortController();
  const git: GitOptions = { ...options.git, signal: stop.signal };
  const missing = new MissingList();
  const met = new MissingList();
  let grace: ReturnType<typeof setTimeout> | undefined;
  const stopSoon = (): void => {
    if (grace !== undefined || stop.signal.aborted) return;
    grace = setTimeout(() => stop.abort(), MISSING_GRACE_MS);
    grace.unref();
  };
  const onMissing = (oid: string, seen: Wanted): void => {
    met.add({ oid, path: seen.path, commit: seen.commit.oid });
    stopSoon();
  };
  const check = missingObjects(options.revisions, (oid) => missing.add({ oid }), options.git).then(() => {
    if (missing.count > 0) stopSoon();
  });
  check.catch(() => {}); // awaited below

  const pragmaPrints = new Set<string>();
  // Blobs over the read cap, judged after the walk in windows (everyBlob only).
  const large: Wanted[] = [];
  const take = (judged: JudgedHit[], seen: Wanted): void => {
    for (const { hit, allowed: honoured, refused } of judged) {
      // Placeholder warnings are advice for a commit, not a leaked secret.
      if (hit.severity === 'warning' || !hit.fingerprint) continue;
      const pragma = honoured || refused === true;
      const allowed = honoured && options.pragmas !== 'refuse';
      if (!byFingerprint.has(hit.fingerprint)) {
        const { oid, date, index } = seen.commit;
        const finding: HistoryFinding = walkFinding(hit, seen.path, { commit: oid, date, atHead: false });
        order.set(finding, index);
        if (allowed) {
          result.skipped.allowed++;
          if (!pragmaPrints.has(hit.fingerprint)) result.pragmas.push(finding);
          pragmaPrints.add(hit.fingerprint);
          continue;
        }
        if (pragma) finding.pragmaRefused = true;
        byFingerprint.set(hit.fingerprint, finding);
      }
      const blobs = holders.get(hit.fingerprint) ?? [];
      if (blobs[blobs.length - 1] !== seen.oid) blobs.push(seen.oid);
      holders.set(hit.fingerprint, blobs);
    }
  };
  // Blobs stream out of cat-file in request order, which is first-appearance order (oldest first).
  const onBlob = (object: BatchObject, seen: Wanted): void => {
    if (stop.signal.aborted) return;
    if (options.everyBlob && object.data === null && object.type === 'blob') {
      large.push(seen);
      return;
    }
    if (seen.prior) {
      blobFingerprints(object, seen.path, seen.config, priorPrints);
      return;
    }
    if (object.type === 'commit' && object.data) {
      // The commit's own message (server and CI): pushed and fetchable like any file. Most messages
      // name no key at all: the detector's own first test skips them before any decoding.
      const data = objectMessage(object.data);
      if (!mayHoldKey(data.toString('utf8'), seen.config.names)) return;
      take(
        judgeBlob({ ...object, data, size: data.length }, seen.path, seen.config, result.skipped, true) ?? [],
        seen
      );
      return;
    }
    const judged = judgeBlob(object, seen.path, seen.config, result.skipped, options.everyBlob);
    if (judged === null) return;
    result.scanned++;
    take(judged, seen);
  };
  // The log is held back while the reader is behind, so memory stays flat in the size of the history.
  let log: { pause(): void; resume(): void } | undefined;
  const blobs = openBlobStream(git, onBlob, {
    onMissing,
    highWater: HIGH_WATER,
    onDrain: () => log?.resume()
  });
  // A blob is read once per config it is judged with (nearly always one).
  const keyOf = (oid: string, of: Config) => (options.configOf ? `${oid}:${configId(of)}` : oid);
  const want = (item: Wanted) => {
    requested.add(keyOf(item.oid, item.config));
    if (!blobs.request(item.oid, item)) log?.pause();
  };

  // A boundary commit has no parents here, so git diffs it against the empty tree: its whole tree
  // would look added. Its entries are left out; the caller says the walk is incomplete.
  let atBoundary = false;
  const onCommit = (commit: LogCommit): void => {
    current = { ...commit, index: result.commits++ };
    if (options.configOf) config = options.configOf(commit.oid);
    atBoundary = options.shallow?.has(commit.oid) ?? false;
    if (atBoundary && result.boundary === null) result.boundary = commit.oid;
    // Server and CI: the message is judged too (read in the same cat-file stream, in order).
    if (options.everyBlob)
      want({ oid: commit.oid, commit: current, path: COMMIT_MESSAGE, prior: false, config });
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
      !requested.has(keyOf(entry.oldOid, config))
    ) {
      want({ oid: entry.oldOid, commit, path: entry.path, prior: true, config });
    }
    if (entry.status === 'D' || isZeroOid(entry.newOid) || entry.newMode === GITLINK_MODE) return;
    if (config.isIgnoredPath(entry.path)) {
      ignoredBlobs.add(entry.newOid);
      return;
    }
    if (envFileRule.matches(entry.path, config) && !envPaths.has(entry.path))
      envPaths.set(entry.path, commit);
    // A symlink's blob is its target text: the client never reads it, the server and CI do (a
    // pusher can put any bytes there, and the blob is fetchable like any other).
    if ((entry.newMode === SYMLINK_MODE && !options.everyBlob) || requested.has(keyOf(entry.newOid, config)))
      return;
    want({ oid: entry.newOid, commit, path: entry.path, prior: false, config });
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
  clearTimeout(grace);
  const finish = () => collect(head);
  if (stop.signal.aborted || missing.count > 0 || met.count > 0) {
    // Missing objects: rev-list's list (or, if it could not list, what the reader met), named.
    const { list, detail } = await nameMissing(
      missing.count ? missing : met,
      checkFailure,
      options.git,
      met,
      options.revisions
    );
    throw new MissingObjectsError(list.shown, list.count, finish(), detail);
  }
  if (failure !== undefined) throw failure;
  if (checkFailure !== undefined) throw checkFailure; // never a clean result git could not check
  for (const seen of large) await judgeLarge(seen, options.git, seen.prior ? null : take, priorPrints);
  result.scanned += large.filter((seen) => !seen.prior).length;
  return finish();

  /** The findings as far as the walk got: first commit, still at HEAD, before the range or not. */
  function collect(head: Array<{ oid: string; path: string }> | null): WalkResult {
    result.skipped.allowed += [...ignoredBlobs].filter((oid) => !requested.has(oid)).length;

    // A key found with a pragma in one blob and without in another is a finding, not an allowance.
    result.pragmas = result.pragmas.filter((finding) => !byFingerprint.has(finding.fingerprint!));
    const headOids = new Set(head?.map((entry) => entry.oid));
    const headPaths = new Set(head?.map((entry) => entry.path));
    for (const [print, finding] of byFingerprint) {
      finding.atHead = holders.get(print)!.some((oid) => headOids.has(oid));
      if (priorPrints.has(print))
        Object.assign(finding, { severity: 'warning', message: historyPriorMessage(finding.message) });
    }
    const envFindings = [...envPaths].map(([path, commit]) => {
      const finding: HistoryFinding = {
        rule: 'env-file',
        severity: 'error',
        path,
        line: 0,
        column: 0,
        message: historyEnvMessage(path),
        commit: commit.oid,
        date: commit.date,
        atHead: headPaths.has(path)
      };
      order.set(finding, commit.index);
      return finding;
    });
    result.findings = [...byFingerprint.values(), ...envFindings].sort(
      (a, b) =>
        order.get(a)! - order.get(b)! || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line)
    );
    return result;
  }
}

/** A blob over the read cap, in overlapping windows: hits with their lines shifted, each key once. */
async function judgeLarge(
  seen: Wanted,
  git: GitOptions,
  take: ((judged: JudgedHit[], seen: Wanted) => void) | null,
  priorPrints: Set<string>
): Promise<void> {
  await readInWindows(seen.oid, git, (bytes, linesBefore) => {
    const object = { oid: seen.oid, type: 'blob', size: bytes.length, data: bytes };
    if (!take) {
      blobFingerprints(object, seen.path, seen.config, priorPrints);
      return;
    }
    const judged = judgeBlob(object, seen.path, seen.config, { binary: 0, large: 0 }, true);
    for (const { hit } of judged ?? []) {
      hit.line += linesBefore;
      if (hit.pragmaLines) hit.pragmaLines = hit.pragmaLines.map((line) => line + linesBefore);
    }
    take(judged ?? [], seen);
  });
}
