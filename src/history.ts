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
 */
import { lineHasPragma, loadConfig } from './allowlist.js';
import { decode } from './decode.js';
import { headTree, logAllRaw, readObjects, repoInfo, type GitOptions } from './git.js';
import { GITLINK_MODE, SYMLINK_MODE, type LogCommit, type RawEntry } from './parse-z.js';
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
  // Insertion order is first-appearance order, so blobs are later read oldest first.
  const blobs = new Map<string, FirstSeen>();
  const envPaths = new Map<string, number>();
  const ignoredBlobs = new Set<string>();
  const onEntry = (entry: RawEntry): void => {
    if (entry.newMode === GITLINK_MODE) return;
    if (config.isIgnoredPath(entry.path)) {
      ignoredBlobs.add(entry.newOid);
      return;
    }
    const commit = commits.length - 1;
    if (envFileRule.matches(entry.path, config) && !envPaths.has(entry.path)) envPaths.set(entry.path, commit);
    if (entry.newMode !== SYMLINK_MODE && !blobs.has(entry.newOid)) blobs.set(entry.newOid, { commit, path: entry.path });
  };
  // The HEAD listing runs alongside the log walk.
  const [head] = await Promise.all([headTree(rootGit), logAllRaw((commit) => void commits.push(commit), onEntry, rootGit)]);
  const headOids = new Set(head?.map((entry) => entry.oid));
  const headPaths = new Set(head?.map((entry) => entry.path));
  result.commits = commits.length;
  result.skipped.allowed += [...ignoredBlobs].filter((oid) => !blobs.has(oid)).length;

  const byFingerprint = new Map<string, HistoryFinding>();
  const order = [...blobs.keys()];
  let next = 0;
  await readObjects(order, MAX_BLOB_BYTES, (object) => {
    const oid = order[next++]!;
    const seen = blobs.get(oid)!;
    if (object.data === null) {
      if (object.type !== 'missing') result.skipped.large++;
      return;
    }
    const decoded = decode(object.data);
    if ('binary' in decoded) {
      result.skipped.binary++;
      return;
    }
    result.scanned++;
    for (const hit of secretKeyRule.detect(decoded.text, seen.path, config)) {
      // Placeholder warnings are advice for a commit, not a leaked secret.
      if (hit.severity === 'warning' || !hit.fingerprint) continue;
      const known = byFingerprint.get(hit.fingerprint);
      if (known) {
        if (headOids.has(oid)) known.atHead = true;
        continue;
      }
      if ([hit.line, ...(hit.pragmaLines ?? [])].some((line) => lineHasPragma(decoded.text, line))) {
        result.skipped.allowed++;
        continue;
      }
      const { pragmaLines: _pragma, severity: _severity, ...rest } = hit;
      const commit = commits[seen.commit]!;
      byFingerprint.set(hit.fingerprint, {
        ...rest, rule: 'secret-key', severity: 'error', path: seen.path,
        commit: commit.oid, date: commit.date, atHead: headOids.has(oid),
      });
    }
  }, rootGit);

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
