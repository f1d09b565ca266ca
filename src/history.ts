/**
 * `history`: every commit reachable from any ref, one finding per distinct secret (by fingerprint)
 * or dotenv path, attributed to the first commit that brought it in.
 *
 * How: one `git log --raw` pass lists, per commit, the blobs it adds or modifies; every distinct
 * blob is then read once through one `git cat-file --batch` and scanned whole. Only lines a
 * commit *adds* matter in principle, but scanning each new blob whole and keeping the first commit
 * per fingerprint gives the same answer: a key's first blob is, by construction, the commit that
 * added it (any earlier blob holding it would have been met first), later commits that merely
 * keep it produce the same fingerprint and are folded in. It is also cheaper than diffing — git
 * never computes a line diff, and a blob shared by many commits or branches is read once.
 * Memory: contents stream one blob at a time; per blob only its id and first path are kept.
 */
import { loadConfig, pragmaLines } from './allowlist.js';
import { blobText } from './decode.js';
import { headTree, logAllRaw, objectReader, repoInfo, type GitOptions } from './git.js';
import { GITLINK_MODE, SYMLINK_MODE, type BatchObject, type LogCommit, type RawEntry } from './parse-z.js';
import { envFileRule, secretKeyRule } from './rules/index.js';
import { historyEnvMessage } from './messages.js';
import { MAX_BLOB_BYTES } from './scan.js';
import type { Finding, RunContext, ScanResult } from './types.js';

/** A finding plus where it entered history. Still a Finding, so every reporter (SARIF) takes it. */
export interface HistoryFinding extends Finding {
  /** Full id of the first commit that added it. */
  commit: string;
  /** That commit's author date (ISO 8601). */
  date: string;
  /** Secret: some blob at HEAD still holds it. Dotenv file: the path exists at HEAD. */
  atHead: boolean;
}

export interface HistoryResult extends ScanResult {
  root: string;
  findings: HistoryFinding[];
  /** Commits walked. */
  commits: number;
}

/** Where a blob first appeared: index into the commit list, and its path there. */
interface FirstSeen {
  oid: string;
  commit: number;
  path: string;
}

/** Scan all of history; returns data, never throws for findings. */
export async function scanHistory(context: RunContext): Promise<HistoryResult> {
  const git: GitOptions = { cwd: context.cwd, env: context.env, debug: context.debug };
  const { root } = await repoInfo(git);
  const rootGit: GitOptions = { ...git, cwd: root };
  const config = loadConfig(root);
  const result: HistoryResult = { root, findings: [], commits: 0, scanned: 0, skipped: { binary: 0, large: 0, allowed: 0 } };

  const commits: LogCommit[] = [];
  const byFingerprint = new Map<string, HistoryFinding>();
  // Blobs that hold each secret, to answer "still at HEAD?" once HEAD's tree is known.
  const holders = new Map<string, string[]>();
  const envPaths = new Map<string, number>();
  const requested = new Set<string>();
  const ignoredBlobs = new Set<string>();
  // Blobs stream out of cat-file in request order, which is first-appearance order (oldest first).
  const queue: FirstSeen[] = [];
  let next = 0;

  const onObject = (object: BatchObject): void => {
    const seen = queue[next++]!;
    const text = blobText(object, result.skipped);
    if (text === null) return;
    result.scanned++;
    const hasPragma = pragmaLines(text);
    for (const hit of secretKeyRule.detect(text, seen.path, config)) {
      // Placeholder warnings are advice for a commit, not a leaked secret.
      if (hit.severity === 'warning' || !hit.fingerprint) continue;
      if (!byFingerprint.has(hit.fingerprint)) {
        if ([hit.line, ...(hit.pragmaLines ?? [])].some(hasPragma)) {
          result.skipped.allowed++;
          continue;
        }
        const { pragmaLines: _pragma, severity: _severity, ...rest } = hit;
        const commit = commits[seen.commit]!;
        byFingerprint.set(hit.fingerprint, { ...rest, rule: 'secret-key', severity: 'error', path: seen.path, commit: commit.oid, date: commit.date, atHead: false });
      }
      const blobs = holders.get(hit.fingerprint) ?? [];
      if (blobs[blobs.length - 1] !== seen.oid) blobs.push(seen.oid);
      holders.set(hit.fingerprint, blobs);
    }
  };
  const reader = objectReader(MAX_BLOB_BYTES, onObject, rootGit);

  const onEntry = (entry: RawEntry): void => {
    if (entry.newMode === GITLINK_MODE) return;
    if (config.isIgnoredPath(entry.path)) {
      ignoredBlobs.add(entry.newOid);
      return;
    }
    const commit = commits.length - 1;
    if (envFileRule.matches(entry.path, config) && !envPaths.has(entry.path)) envPaths.set(entry.path, commit);
    if (entry.newMode === SYMLINK_MODE || requested.has(entry.newOid)) return;
    requested.add(entry.newOid);
    queue.push({ oid: entry.newOid, commit, path: entry.path });
    reader.request(entry.newOid);
  };
  // Three processes overlap: the HEAD listing, the history walk, and the blob reader it feeds.
  const walk = logAllRaw((commit) => void commits.push(commit), onEntry, rootGit).then(
    () => reader.done(),
    (error: unknown) => {
      void reader.done().catch(() => {}); // close cat-file's stdin, or it would keep the process alive
      throw error;
    },
  );
  const [head] = await Promise.all([headTree(rootGit), walk]);
  result.commits = commits.length;
  result.skipped.allowed += [...ignoredBlobs].filter((oid) => !requested.has(oid)).length;

  const headOids = new Set(head?.map((entry) => entry.oid));
  const headPaths = new Set(head?.map((entry) => entry.path));
  for (const [print, finding] of byFingerprint) finding.atHead = holders.get(print)!.some((oid) => headOids.has(oid));
  const envFindings: HistoryFinding[] = [...envPaths].map(([path, index]) => ({
    rule: 'env-file', severity: 'error', path, line: 0, column: 0, message: historyEnvMessage(path),
    commit: commits[index]!.oid, date: commits[index]!.date, atHead: headPaths.has(path),
  }));
  const position = new Map(commits.map((commit, index) => [commit.oid, index]));
  result.findings = [...byFingerprint.values(), ...envFindings].sort(
    (a, b) => position.get(a.commit)! - position.get(b.commit)! || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line),
  );
  return result;
}
