/**
 * Applying a planned fix as one transaction (DESIGN §6). Order:
 *   1. index: every untrack and stage runs against a private copy of the index (GIT_INDEX_FILE);
 *   2. work tree: every new content goes to a 0600 temp file in a 0700 temp folder next to its
 *      target (named `.env` inside, so the `.env` ignore rule covers the one holding the key), then
 *      the temp files are renamed over their targets, `.env` before the settings that stop holding
 *      the key;
 *   3. index: the private copy replaces the real index under git's own `index.lock`, only if the
 *      index did not change meanwhile.
 * A failure at any step undoes the earlier ones (old bytes and modes are in memory), so the
 * repository is byte-identical to before. A kill -9 can leave the work tree ahead of the index;
 * the next run plans from both and finishes the job.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError, GitError } from '../errors.js';
import { gitPaths, repoInfo, setIndexEntry, untrack, writeBlob, type GitOptions } from '../git.js';
import type { RunContext } from '../types.js';
import { fault } from './fault.js';

export interface FileChange {
  /** Absolute path written (a resolved in-tree symlink target, or the path itself). */
  path: string;
  /** Root-relative path, for messages. */
  display: string;
  /** New bytes, or null when only the mode changes. */
  bytes: Buffer | null;
  /** Mode the file ends with. */
  mode: number;
  /** What was there before: bytes, mode and owner, or null for a new file. */
  before: { bytes: Buffer; mode: number; uid?: number; gid?: number } | null;
}

export interface IndexChange {
  untrack: string[];
  stage: Array<{ path: string; bytes: Buffer; mode: string }>;
}

const TEMP_PREFIX = '.djkey-guard-';
const TEMP_SUFFIX = '.tmp';

/** The git message in full, never cut after its first line. */
function gitFailure(error: unknown, what: string): Error {
  if (error instanceof GitError) {
    const detail = error.stderr.trim() || `exit ${error.code}`;
    return new UsageError(`${what} failed: git ${error.argv.join(' ')}\n${detail}\nNothing was changed.`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Paths of this worktree's index and of our lock (GIT_INDEX_FILE honoured). */
export async function indexPaths(options: GitOptions): Promise<{ index: string; lock: string }> {
  const [index, lock] = await gitPaths(['index', 'djkey-guard-fix.lock'], options);
  return { index: index!, lock: lock! };
}

/** Where fix and rotate run: the work-tree root, its git dir, and git options rooted there. */
export interface RepoAt {
  root: string;
  gitDir: string;
  rootGit: GitOptions;
}

/**
 * Finds the repository at `context.cwd` and runs `work` there holding the fix/rotate lock, taken
 * before planning so two runs cannot both pick a new key (a dry run writes nothing: no lock).
 */
export async function underLock<T>(
  context: RunContext,
  dryRun: boolean,
  work: (repo: RepoAt) => Promise<T>
): Promise<T> {
  const git: GitOptions = { cwd: context.cwd, env: context.env, debug: context.debug };
  const { root, gitDir } = await repoInfo(git);
  const rootGit = { ...git, cwd: root };
  const release = dryRun ? () => {} : acquireLock((await indexPaths(rootGit)).lock);
  try {
    return await work({ root, gitDir, rootGit });
  } finally {
    release();
  }
}

/**
 * Take the fix/rotate lock for the whole run (plan included, so two runs cannot both pick a new
 * key). A lock left by a killed run (its pid is gone) is taken over. Returns the release function.
 */
export function acquireLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => rmSync(lockPath, { force: true });
      process.once('exit', release);
      return () => {
        process.removeListener('exit', release);
        release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new UsageError(`cannot create ${lockPath}: ${(error as Error).message}`);
      const pid = Number.parseInt(readFileOr(lockPath), 10);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new UsageError(
          `another djkey-guard fix or rotate is running in this repository (pid ${pid}). Wait for it to ` +
            `finish, then run again.`
        );
      }
      rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new UsageError(
    `another djkey-guard fix or rotate is running in this repository (${lockPath}). Wait for it to ` +
      `finish, then run again.`
  );
}

function readFileOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove temp folders a killed run left next to the targets (they may hold the key). */
export function removeStaleTemps(dirs: Iterable<string>): void {
  for (const dir of new Set(dirs)) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names)
      if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX))
        rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/** Build the new index in a private copy; nothing visible changes. Returns the copy's path. */
async function prepareIndex(
  change: IndexChange,
  paths: { index: string; gitDir: string },
  options: GitOptions
): Promise<string> {
  const { index } = paths;
  const temp = join(paths.gitDir, `${TEMP_PREFIX}index-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  if (existsSync(index)) writeFileSync(temp, readFileSync(index), { mode: 0o600, flag: 'wx' });
  const tempGit = { ...options, env: { ...options.env, GIT_INDEX_FILE: temp } };
  try {
    await untrack(change.untrack, tempGit);
    for (const item of change.stage)
      await setIndexEntry(item.path, await writeBlob(item.bytes, options), item.mode, tempGit);
    return temp;
  } catch (error) {
    rmSync(temp, { force: true });
    throw gitFailure(error, 'updating the index');
  }
}

/** Run as root (a container, sudo), a replaced file keeps its owner rather than becoming root's. */
function keepOwner(temp: string, change: FileChange): void {
  const owner = change.before;
  if (!owner || owner.uid === undefined || owner.gid === undefined || process.getuid?.() !== 0) return;
  try {
    chownSync(temp, owner.uid, owner.gid);
  } catch {
    // keep root ownership rather than fail
  }
}

/** Put back what a change replaced (new files are removed); the temp copy lives in the git dir. */
function undo(change: FileChange, gitDir: string, temps: string[]): void {
  if (change.before === null) {
    rmSync(change.path, { force: true });
    return;
  }
  if (change.bytes !== null) {
    const temp = join(gitDir, `${TEMP_PREFIX}undo-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
    temps.push(temp);
    writeFileSync(temp, change.before.bytes, { mode: 0o600, flag: 'wx' });
    chmodSync(temp, change.before.mode);
    place(temp, change.path, temps);
  } else {
    chmodSync(change.path, change.before.mode);
  }
}

/**
 * Move a finished temp file over its target. Temp files live in the git dir (never seen by
 * `git status`); a work tree on another file system gets a second temp next to the target,
 * named like it inside a private folder, so a temp `.env` is covered by the `.env` ignore rule.
 */
function place(temp: string, target: string, temps: string[]): void {
  try {
    renameSync(temp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const dir = join(dirname(target), `${TEMP_PREFIX}${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
    mkdirSync(dir, { mode: 0o700 });
    temps.push(dir);
    const near = join(dir, basename(target));
    copyFileSync(temp, near);
    chmodSync(near, statSync(temp).mode & 0o7777);
    renameSync(near, target);
  }
}

/** Write the work tree and swap the index, all or nothing. */
export async function commit(
  files: readonly FileChange[],
  index: IndexChange,
  paths: { index: string; gitDir: string },
  options: GitOptions
): Promise<void> {
  const originalIndex = existsSync(paths.index) ? readFileSync(paths.index) : null;
  const tempIndex =
    index.untrack.length || index.stage.length ? await prepareIndex(index, paths, options) : null;
  const temps: string[] = [];
  const done: FileChange[] = [];
  let indexLock: string | null = null;
  const cleanup = () => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
    if (tempIndex) rmSync(tempIndex, { force: true });
    if (indexLock) rmSync(indexLock, { force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    fault('planned');
    const staged: Array<{ change: FileChange; temp: string }> = [];
    const tempRoot = join(paths.gitDir, `${TEMP_PREFIX}${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
    if (files.some((change) => change.bytes !== null)) {
      mkdirSync(tempRoot, { mode: 0o700 });
      temps.push(tempRoot);
    }
    files.forEach((change, n) => {
      if (change.bytes === null) return;
      const temp = join(tempRoot, `${n}-${basename(change.path)}`);
      writeFileSync(temp, change.bytes, { mode: 0o600, flag: 'wx' });
      staged.push({ change, temp });
    });
    fault('temp-written');
    let renamed = 0;
    for (const change of files) {
      const entry = staged.find((item) => item.change === change);
      if (entry) {
        chmodSync(entry.temp, change.mode);
        keepOwner(entry.temp, change);
        place(entry.temp, change.path, temps);
      } else {
        chmodSync(change.path, change.mode);
      }
      done.push(change);
      fault(`renamed-${++renamed}`);
    }
    fault('before-index');
    if (tempIndex) {
      indexLock = `${paths.index}.lock`;
      try {
        closeSync(openSync(indexLock, 'wx', 0o644));
      } catch (error) {
        indexLock = null;
        throw new UsageError(
          (error as NodeJS.ErrnoException).code === 'EEXIST'
            ? `${paths.index}.lock exists: another git process seems to be running in this repository. ` +
                `If none is, remove that file, then run again. Nothing was changed.`
            : `cannot lock the index: ${(error as Error).message}. Nothing was changed.`
        );
      }
      const current = existsSync(paths.index) ? readFileSync(paths.index) : null;
      if (
        (current === null) !== (originalIndex === null) ||
        (current && originalIndex && !current.equals(originalIndex))
      ) {
        throw new UsageError(
          'the index changed while fix was running (a git add or commit at the same time?). Nothing was ' +
            'changed; run it again.'
        );
      }
      if (existsSync(tempIndex)) {
        renameSync(tempIndex, indexLock);
        renameSync(indexLock, paths.index);
      } else {
        rmSync(indexLock, { force: true });
      }
      indexLock = null;
    }
  } catch (error) {
    for (const change of [...done].reverse()) {
      try {
        undo(change, paths.gitDir, temps);
      } catch {
        // keep undoing the others; the rerun plans from what is there
      }
    }
    cleanup();
    throw error instanceof UsageError
      ? error
      : new UsageError(`could not apply the fix: ${(error as Error).message}. Nothing was changed.`);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    cleanup();
  }
}

/** The mode an existing file has, for `before`. */
export function currentMode(path: string): number {
  return statSync(path).mode & 0o7777;
}
