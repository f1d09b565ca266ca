/**
 * `scan`: the staged change or every tracked file → allowlist → path rules → blobs → content rules →
 * findings.
 */
import { changeFinding, keyFingerprints } from './findings.js';
import { loadConfig, type Config } from '../config/allowlist.js';
import { judgeText, judgeUnguarded, type JudgedHit } from './judge-blob.js';
import { projectNamesAt } from './project-names.js';
import { blobText } from '../decode.js';
import { openBlobStream, type BlobStream } from './blob-stream.js';
import { MissingList, MissingObjectsError } from './missing.js';
import { stagedTargets, trackedTargets, type Target, type Targets } from './sources.js';
import { knownWorkTree, repoInfo, stagedEntries, type GitOptions } from '../git.js';
import { loadIgnoreCheck } from '../config/gitignore.js';
import { GITLINK_MODE, SYMLINK_MODE, type BatchObject, type RawEntry } from '../parse-z.js';
import { envFileRule } from '../rules/index.js';
import type { Hit } from '../rules/types.js';
import { envFileMessage, gitignoreMissingMessage } from '../words/messages.js';
import type { RunContext, ScanResult } from '../types.js';

export interface ScanOptions extends RunContext {
  /** `staged` (the hook: what the commit adds) or `all` (every tracked file). */
  mode: 'staged' | 'all';
  /** Restrict to these paths (as given on the command line, relative to cwd). */
  paths?: readonly string[];
}

/**
 * Each blob arrives with its path and what to do with it (judge it, or collect a prior blob's fingerprints).
 */
type Blobs = BlobStream<{ path: string; handle: (object: BatchObject) => void }>;

async function listTargets(
  options: ScanOptions,
  git: GitOptions,
  root: string,
  staged?: Promise<RawEntry[]>
): Promise<Targets> {
  const paths = options.paths ?? [];
  if (options.mode === 'all') return trackedTargets(paths.length ? git : { ...git, cwd: root }, paths);
  return stagedTargets(await (staged ?? stagedEntries(git, paths)));
}

/** Scan what is staged (or everything tracked) and return findings; never throws for findings. */
export async function scan(options: ScanOptions): Promise<ScanResult & { root: string }> {
  const git: GitOptions = { cwd: options.cwd, env: options.env, debug: options.debug };
  // A hook's latency is mostly git round trips, so they overlap: the staged listing (its paths are
  // root-relative whatever the cwd) and the cat-file process start alongside repoInfo, not after it.
  const staged = options.mode === 'staged' ? stagedEntries(git, options.paths ?? []) : undefined;
  staged?.catch(() => {}); // a failure is reported by repoInfo (not a repo) or awaited below
  // Every blob is read whatever is missing (a staged change is small): all of them are named at the end.
  const missing = new MissingList();
  const blobs: Blobs = openBlobStream(git, (object, job) => job.handle(object), {
    onMissing: (oid, job) => missing.add({ oid, path: job.path })
  });
  try {
    const result = await scanWith(options, git, staged, blobs);
    if (missing.count) throw new MissingObjectsError(missing.shown, missing.count, result);
    return result;
  } finally {
    blobs.done().catch(() => {}); // on an early error: close cat-file's stdin so the process can exit
  }
}

async function scanWith(
  options: ScanOptions,
  git: GitOptions,
  staged: Promise<RawEntry[]> | undefined,
  blobs: Blobs
): Promise<ScanResult & { root: string }> {
  const root = knownWorkTree(git) ?? (await repoInfo(git)).root;
  const rootGit: GitOptions = { ...git, cwd: root };
  const config: Config = loadConfig(root);
  const result: ScanResult & { root: string } = {
    root,
    findings: [],
    scanned: 0,
    skipped: { binary: 0, large: 0, allowed: 0 }
  };

  const listed = await listTargets(options, git, root, staged);
  const targets = listed.current.filter((target) => target.mode !== GITLINK_MODE);
  const envPaths: string[] = [];
  const toRead: Target[] = [];
  for (const target of targets) {
    if (config.isIgnoredPath(target.path)) {
      result.skipped.allowed++;
      continue;
    }
    if (envFileRule.matches(target.path, config)) envPaths.push(target.path);
    if (target.mode !== SYMLINK_MODE) toRead.push(target);
  }

  const touchesRootGitignore = targets.some((target) => target.path === '.gitignore');
  if (envPaths.length || touchesRootGitignore || options.mode === 'all') {
    const isIgnored = await loadIgnoreCheck(rootGit);
    for (const path of envPaths) {
      const ignored = isIgnored(path);
      result.findings.push({
        rule: 'env-file',
        severity: 'error',
        path,
        line: 0,
        column: 0,
        ignored,
        message: envFileMessage(path, ignored, options.mode)
      });
    }
    // Said once: a staged .env's own message already names the line to add.
    const told = envPaths.some((path) => !isIgnored(path));
    if ((touchesRootGitignore || options.mode === 'all') && !told && !isIgnored('.env')) {
      result.findings.push({
        rule: 'env-file',
        severity: 'warning',
        path: '.gitignore',
        line: 0,
        column: 0,
        message: gitignoreMissingMessage
      });
    }
  }

  // Names the project guards itself (what its settings read SECRET_KEY from), from the index: looked
  // up only when a blob holds a pair that one of them would make a finding (never on a clean commit).
  const lookup = () => projectNamesAt(rootGit);
  await scanContents(toRead, listed.prior, config, result, blobs, lookup);
  // The commit check names each file it did not read; --all only counts them.
  if (options.mode === 'all') delete result.notRead;
  result.findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  await keyFingerprints(result.findings, rootGit);
  return result;
}

/**
 * Stream every blob through the one cat-file process: the blobs to judge, then HEAD's side of the
 * files the commit modifies, deletes or renames from. A key whose fingerprint is found there is
 * old — it warns instead of blocking, wherever it moved to — and a key new anywhere blocks, even on
 * an old statement's continuation line. Only the fingerprints of prior keys are kept, and prior
 * blobs are judged only when something found could be old.
 */
async function scanContents(
  targets: Target[],
  prior: Target[],
  config: Config,
  result: ScanResult,
  blobs: Blobs,
  projectNames: () => Promise<string[]>
): Promise<void> {
  const found: Array<{ hit: Hit; path: string }> = [];
  // Hits under a key-ish word no configured name covers: findings only if the project guards it.
  const unguarded: Array<JudgedHit & { path: string }> = [];
  const priorPrints = new Set<string>();
  const priorUnguarded: Array<{ print: string; name: string }> = [];
  const none = { binary: 0, large: 0 };
  for (const target of targets)
    blobs.request(target.oid, {
      path: target.path,
      handle: (object) => {
        const text = blobText(object, result.skipped);
        if (text === null) {
          if (object.type === 'blob')
            (result.notRead ??= []).push({
              path: target.path,
              reason: object.data === null ? 'large' : 'binary'
            });
          return;
        }
        result.scanned++;
        for (const { hit, allowed } of judgeText(text, target.path, config)) {
          if (allowed) result.skipped.allowed++;
          else found.push({ hit, path: target.path });
        }
        for (const judged of judgeUnguarded(text, target.path, config))
          unguarded.push({ ...judged, path: target.path });
      }
    });
  for (const target of prior)
    blobs.request(target.oid, {
      path: target.path,
      handle: (object) => {
        if (found.length === 0 && unguarded.length === 0) return;
        const text = blobText(object, none);
        if (text === null) return;
        for (const { hit } of judgeText(text, target.path, config))
          if (hit.fingerprint) priorPrints.add(hit.fingerprint);
        if (unguarded.length > 0)
          for (const { hit } of judgeUnguarded(text, target.path, config))
            if (hit.fingerprint) priorUnguarded.push({ print: hit.fingerprint, name: hit.name! });
      }
    });
  await blobs.done();
  if (unguarded.length > 0) {
    const names = new Set(await projectNames());
    const key = (hit: Hit, path: string) => `${path}\0${hit.line}\0${hit.fingerprint}`;
    const seen = new Set(found.map(({ hit, path }) => key(hit, path)));
    for (const { hit, allowed, path } of unguarded) {
      if (!names.has(hit.name!) || seen.has(key(hit, path))) continue;
      seen.add(key(hit, path));
      if (allowed) result.skipped.allowed++;
      else found.push({ hit, path });
    }
    for (const { print, name } of priorUnguarded) if (names.has(name)) priorPrints.add(print);
  }
  for (const { hit, path } of found) {
    const isAdded = !(hit.fingerprint !== undefined && priorPrints.has(hit.fingerprint));
    if (!isAdded && hit.severity === 'warning') continue; // old placeholders: said when they were added
    result.findings.push(changeFinding(hit, path, isAdded));
  }
}

/** Does this result block the commit? */
export function blocks(result: ScanResult): boolean {
  return result.findings.some((finding) => finding.severity === 'error');
}
