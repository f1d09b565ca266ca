/** The one place that runs git. Everything else asks these functions. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { GitError, UsageError } from './errors.js';
import {
  BatchParser,
  LOG_RAW_FORMAT,
  LogRawParser,
  parseLsFiles,
  parseLsTree,
  parseRawDiff,
  type BatchObject,
  type IndexEntry,
  type LogCommit,
  type RawEntry
} from './parse-z.js';

export interface GitOptions {
  cwd: string;
  /** Passed through untouched: GIT_INDEX_FILE from `git commit -a` must reach plumbing. */
  env: NodeJS.ProcessEnv;
  input?: string | Buffer;
  debug?: (line: string) => void;
  /** Receive stdout as it streams instead of collecting it. */
  onStdout?: (chunk: Buffer) => void;
  /** Exit codes that are answers rather than failures (e.g. 1 from check-ignore). */
  okCodes?: number[];
  /** Write stdin incrementally (instead of `input`); the callee must end the stream. */
  feed?: (stdin: NodeJS.WritableStream) => void;
  /** Ends the process early (a walk that already knows it cannot finish): the call rejects. */
  signal?: AbortSignal;
  /** Receives pause/resume of stdout, for a consumer that must hold the producer back. */
  flow?: (control: { pause(): void; resume(): void }) => void;
}

export interface GitResult {
  stdout: Buffer;
  code: number;
}

/** Run git with an argv array (never a shell). Throws GitError on failure, UsageError if git is missing. */
export function git(args: readonly string[], options: GitOptions): Promise<GitResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-c', 'core.quotepath=off', ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      signal: options.signal
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) =>
      options.onStdout ? options.onStdout(chunk) : out.push(chunk)
    );
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    options.flow?.({ pause: () => child.stdout.pause(), resume: () => child.stdout.resume() });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new UsageError('git not found on PATH. Install git, or make it visible to this shell/GUI client.')
          : new GitError(args, null, error.message)
      );
    });
    // EPIPE when git exits early (e.g. a bad object) surfaces through 'close' below.
    child.stdin.on('error', () => {});
    if (options.feed) options.feed(child.stdin);
    else child.stdin.end(options.input ?? '');
    child.on('close', (code) => {
      options.debug?.(`git ${args.join(' ')}  (${Date.now() - started} ms, exit ${code})`);
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0 || (code !== null && options.okCodes?.includes(code))) {
        resolve({ stdout: Buffer.concat(out), code });
      } else {
        reject(new GitError(args, code, stderr));
      }
    });
  });
}

async function text(args: readonly string[], options: GitOptions): Promise<string> {
  return (await git(args, options)).stdout.toString('utf8');
}

export interface RepoInfo {
  /** Absolute work-tree root. */
  root: string;
  /** Absolute path of this worktree's git dir. */
  gitDir: string;
}

/** Find the repository root; every path is resolved against it, never against cwd. */
export async function repoInfo(options: GitOptions): Promise<RepoInfo> {
  let out: string;
  try {
    out = await text(['rev-parse', '--show-toplevel', '--absolute-git-dir'], options);
  } catch (error) {
    if (error instanceof GitError) {
      throw new UsageError(
        `not inside a git work tree (${options.cwd}): ${error.stderr.trim().split('\n')[0] ?? ''}`
      );
    }
    throw error;
  }
  const [root, gitDir] = out.replace(/\n$/, '').split('\n');
  if (!root || !gitDir) throw new UsageError(`not inside a git work tree (${options.cwd})`);
  return { root, gitDir };
}

/**
 * What the commit changes: the index against HEAD (git itself uses the empty tree before the first
 * commit), deletions included (status D) — the callers need HEAD's side of every file the commit
 * modifies, deletes or renames from. Renames come as a deletion plus an addition, so a rename git
 * would detect (or would not, at any similarity) is always seen from both sides.
 */
export async function stagedEntries(
  options: GitOptions,
  pathspecs: readonly string[] = []
): Promise<RawEntry[]> {
  const args = ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--no-ext-diff'];
  const literal = pathspecs.length ? ['--literal-pathspecs'] : [];
  const out = await text([...literal, ...args, '--', ...pathspecs], options);
  return parseRawDiff(out);
}

/**
 * Entries of the index (tracked files), for `--all`, with root-relative paths. Pathspecs are
 * literal file names unless `patterns` is set (then git's own wildcard matching applies).
 */
export async function trackedEntries(
  options: GitOptions,
  pathspecs: readonly string[] = [],
  patterns = false
): Promise<IndexEntry[]> {
  const literal = pathspecs.length && !patterns ? ['--literal-pathspecs'] : [];
  const out = await text([...literal, 'ls-files', '-s', '-z', '--full-name', '--', ...pathspecs], options);
  return parseLsFiles(out).filter((entry) => entry.stage === 0 || entry.stage === 2);
}

/** An object git lists but cannot read: judging without it would report an incomplete result as clean. */
export class MissingObjectError extends UsageError {
  constructor(readonly oid: string) {
    super(
      `cannot read git object ${oid} (missing or corrupt): nothing is reported clean without it.\n` +
        'Check the repository with `git fsck`; in a partial or shallow clone, fetch the missing objects ' +
        'first.'
    );
    this.name = 'MissingObjectError';
  }
}

/** Pass objects on, remembering the first one git reported missing. */
function watchMissing(onObject: (object: BatchObject) => void): {
  onObject: (object: BatchObject) => void;
  check(): void;
} {
  let missing: string | undefined;
  return {
    onObject(object) {
      if (object.type === 'missing') missing ??= object.oid;
      onObject(object);
    },
    check() {
      if (missing !== undefined) throw new MissingObjectError(missing);
    }
  };
}

/**
 * Read objects through one `git cat-file --batch` process. Objects stream to `onObject` one at a
 * time; those over `maxSize` arrive with `data: null`. A missing object fails the read
 * (MissingObjectError) once the stream ends.
 */
export async function readObjects(
  oids: readonly string[],
  maxSize: number,
  onObject: (object: BatchObject) => void,
  options: GitOptions,
  /** `optional`: the names may not exist (`<tip>:.djkeyguardignore`); they arrive as `missing`. */
  absent: 'fail' | 'optional' = 'fail'
): Promise<void> {
  if (oids.length === 0) return;
  const watch = watchMissing(onObject);
  const parser = new BatchParser(maxSize, watch.onObject);
  await git(['cat-file', '--batch'], {
    ...options,
    input: oids.join('\n') + '\n',
    onStdout: (chunk) => parser.push(chunk)
  });
  if (absent === 'fail') watch.check();
}

/** A `git cat-file --batch` that takes object ids while it runs (see objectReader). */
export interface ObjectReader {
  /** Ask for one more object; objects arrive at `onObject` in request order. */
  request(oid: string): void;
  /** No more requests: resolves once every requested object has been handed over. Idempotent. */
  done(): Promise<void>;
}

/**
 * One `git cat-file --batch` fed while its ids are still being discovered, so reading overlaps
 * with whatever produces the ids (the history walk). Requests are written in batches, once per
 * turn of the event loop, not one write per id.
 */
export function objectReader(
  maxSize: number,
  onObject: (object: BatchObject) => void,
  options: GitOptions,
  /** `report`: a missing object reaches `onObject` as type `missing` and is the caller's to report. */
  absent: 'fail' | 'report' = 'fail'
): ObjectReader {
  const watch = absent === 'fail' ? watchMissing(onObject) : { onObject, check() {} };
  const parser = new BatchParser(maxSize, watch.onObject);
  let stdin: NodeJS.WritableStream | undefined;
  let pending: string[] = [];
  let scheduled = false;
  let closed: Promise<void> | undefined;
  const flush = () => {
    scheduled = false;
    if (pending.length) stdin!.write(pending.join('\n') + '\n');
    pending = [];
  };
  // --buffer: results are consumed in bulk, so let git fill its buffer instead of flushing per object.
  const finished = git(['cat-file', '--batch', '--buffer'], {
    ...options,
    onStdout: (chunk) => parser.push(chunk),
    feed: (stream) => (stdin = stream)
  });
  // Failures surface through done(); this only keeps an early one from being "unhandled".
  finished.catch(() => {});
  return {
    request(oid) {
      pending.push(oid);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    done() {
      if (!closed) {
        flush();
        stdin!.end();
        closed = finished.then(() => watch.check());
      }
      return closed;
    }
  };
}

/**
 * Objects the commits of `revisions` need that this repository does not have, in one
 * `git rev-list --objects --missing=print --quiet`: git looks every tree and blob up without
 * inflating a blob, and prints only the missing ones (`?<id>`, once its walk is done). About a
 * tenth of `git log -p`'s work, on another core: the check that lets a walk fail in seconds.
 */
export async function missingObjects(
  revisions: readonly string[],
  onMissing: (oid: string) => void,
  options: GitOptions
): Promise<void> {
  let tail = '';
  await git(
    ['rev-list', '--objects', '--no-object-names', '--missing=print', '--quiet', ...revisions, '--'],
    {
      ...options,
      onStdout: (chunk) => {
        const lines = (tail + chunk.toString('latin1')).split('\n');
        tail = lines.pop()!;
        for (const line of lines) if (line.startsWith('?')) onMissing(line.slice(1));
      }
    }
  );
}

/**
 * Where each missing object sits: `git fsck --connectivity-only --name-objects` names it by a
 * revision and a path that reach it (`missing blob <id> (refs/heads/main~3:app/settings.py)`, `:path`
 * for the index). Only ids and names are kept; fsck's exit code is the finding, not a failure.
 */
export async function missingNames(
  options: GitOptions
): Promise<Map<string, { type: string; rev: string; path: string }>> {
  const result = await git(
    ['fsck', '--connectivity-only', '--name-objects', '--no-reflogs', '--no-dangling', '--no-progress'],
    // No index (a path that does not exist reads as an empty one): fsck would name a blob the index
    // also holds by its index path, without a commit.
    {
      ...options,
      env: { ...options.env, GIT_INDEX_FILE: '/nonexistent/djkey-guard/no-index' },
      okCodes: [1, 2, 3, 4, 5, 6, 7, 8]
    }
  );
  const names = new Map<string, { type: string; rev: string; path: string }>();
  for (const line of result.stdout.toString('utf8').split('\n')) {
    const match = /^(?:missing|\s+to)\s+(\w+) ([0-9a-f]{40,64}) \((.*)\)$/.exec(line);
    if (!match || names.has(match[2]!)) continue;
    const colon = match[3]!.indexOf(':');
    if (colon < 0) continue;
    names.set(match[2]!, {
      type: match[1]!,
      rev: match[3]!.slice(0, colon),
      path: match[3]!.slice(colon + 1)
    });
  }
  return names;
}

/** Commit ids of revisions (`refs/heads/main~3`), in order; undefined for one git cannot resolve. */
export async function commitIds(
  revs: readonly string[],
  options: GitOptions
): Promise<Array<string | undefined>> {
  const found = await objectTypes(
    revs.map((rev) => `${rev}^{commit}`),
    options
  );
  return found.map((entry) => entry?.oid);
}

/**
 * The one way a path inside the git dir is resolved: `rev-parse [leading] --path-format=absolute
 * --git-path <name>...` in one spawn, worktree- and GIT_INDEX_FILE-aware; one line per leading
 * option, then one per name.
 */
async function revParsePaths(
  leading: readonly string[],
  names: readonly string[],
  options: GitOptions
): Promise<string[]> {
  const gitPaths = names.flatMap((name) => ['--git-path', name]);
  const out = await text(['rev-parse', ...leading, '--path-format=absolute', ...gitPaths], options);
  return out.replace(/\n$/, '').split('\n');
}

/** Absolute paths git uses for paths inside the git dir (`hooks`, `index`, a lock file), one spawn. */
export async function gitPaths(names: readonly string[], options: GitOptions): Promise<string[]> {
  return revParsePaths([], names, options);
}

/** Absolute path git uses for a path inside the git dir (`hooks`, `info/exclude`), worktree-aware. */
export async function gitPath(name: string, options: GitOptions): Promise<string> {
  return (await gitPaths([name], options))[0]!;
}

/**
 * Parentless commits reachable from `rev` (`HEAD`, `--all`), sorted: the first is a stable repository key.
 */
export async function rootCommits(rev: string, options: GitOptions): Promise<string[]> {
  return (await text(['rev-list', '--max-parents=0', rev], options)).split('\n').filter(Boolean).sort();
}

/** The bare-repository probe: is cwd in a bare repository, and its git dir; undefined outside any. */
export async function bareProbe(options: GitOptions): Promise<{ bare: boolean; gitDir: string } | undefined> {
  const probe = await git(['rev-parse', '--is-bare-repository', '--absolute-git-dir'], {
    ...options,
    okCodes: [128]
  });
  if (probe.code !== 0) return undefined;
  const [bare, gitDir = ''] = probe.stdout.toString('utf8').trim().split('\n');
  return { bare: bare === 'true', gitDir };
}

/** The git dir when `options.cwd` is (inside) a bare repository, else undefined. One spawn. */
export async function bareGitDir(options: GitOptions): Promise<string | undefined> {
  const probe = await bareProbe(options);
  return probe?.bare && probe.gitDir ? probe.gitDir : undefined;
}

/** The git dir and the path of its shallow file, in one spawn (a server hook runs in the git dir). */
export async function gitDirAndShallow(
  options: GitOptions
): Promise<{ gitDir: string; shallowFile: string }> {
  const [gitDir = '', shallowFile = ''] = await revParsePaths(['--absolute-git-dir'], ['shallow'], options);
  return { gitDir, shallowFile };
}

/** The commits listed in a shallow file (`git rev-parse --git-path shallow`); none when it is absent. */
export function readShallow(path: string): Set<string> {
  try {
    return new Set(readFileSync(path, 'utf8').split('\n').filter(Boolean));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw error;
  }
}

/** Commits whose parents this clone never fetched (`.git/shallow`); empty in a full clone. */
export async function shallowCommits(git: GitOptions): Promise<Set<string>> {
  return readShallow(await gitPath('shallow', git));
}

/**
 * `git cat-file --batch-check=%(objectname) %(objecttype)` over object names (`<tip>^{commit}`,
 * `<tip>:<path>`): per name, its id and type, or undefined when it does not exist.
 */
export async function objectTypes(
  names: readonly string[],
  options: GitOptions
): Promise<Array<{ oid: string; type: string } | undefined>> {
  if (names.length === 0) return [];
  const out = await text(['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    ...options,
    input: names.join('\n') + '\n'
  });
  const lines = out.split('\n');
  return names.map((_, index) => {
    const [oid, type] = (lines[index] ?? '').split(' ');
    return oid && type && type !== 'missing' ? { oid, type } : undefined;
  });
}

/**
 * The commits new to the repository from `tips` (`rev-list --parents --topo-order <tips> --not
 * --all`), children before parents, each as `[commit, ...parents]`.
 */
export async function commitParents(tips: readonly string[], options: GitOptions): Promise<string[][]> {
  const out = await text(['rev-list', '--parents', '--topo-order', ...tips, '--not', '--all', '--'], options);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' '));
}

/** Blobs of any tree-ish (a tag of a tree, a commit), recursively, with their paths: one spawn. */
export async function treeBlobs(
  treeish: string,
  options: GitOptions
): Promise<Array<{ mode: string; oid: string; path: string }>> {
  const out = await text(['ls-tree', '-r', '-z', '--full-tree', treeish, '--'], options);
  return parseLsTree(out).filter((entry) => entry.type === 'blob');
}

/** `git fetch <flags> <remote> <refspecs...>`: what a CI job's shallow checkout lacks. */
export async function fetchRefs(
  remote: string,
  refspecs: readonly string[],
  flags: readonly string[],
  options: GitOptions
): Promise<void> {
  await git(['fetch', ...flags, remote, ...refspecs], options);
}

/** One blob's bytes as git streams them (`cat-file blob`), for blobs too large to hold whole. */
export async function streamBlob(
  oid: string,
  options: GitOptions,
  onChunk: (chunk: Buffer) => void
): Promise<void> {
  await git(['cat-file', 'blob', oid], { ...options, onStdout: onChunk });
}

/** Is `commit` an ancestor of (or equal to) `tip`? */
export async function isAncestor(commit: string, tip: string, options: GitOptions): Promise<boolean> {
  const answer = await git(['merge-base', '--is-ancestor', commit, tip], { ...options, okCodes: [1] });
  return answer.code === 0;
}

/**
 * Where a config value is set: `git config --show-scope --show-origin --get <key>` →
 * `{ scope: 'local' | 'global' | 'system' | 'worktree' | 'command', origin, value }`, or undefined.
 */
export async function configWithScope(
  key: string,
  options: GitOptions
): Promise<{ scope: string; origin: string; value: string } | undefined> {
  const result = await git(['config', '--show-scope', '--show-origin', '--get', key], {
    ...options,
    okCodes: [1]
  });
  if (result.code !== 0) return undefined;
  const [scope = '', origin = '', ...value] = result.stdout.toString('utf8').replace(/\n$/, '').split('\t');
  return { scope, origin, value: value.join('\t') };
}

/** `git config --get` or undefined when unset. */
export async function configGet(key: string, options: GitOptions): Promise<string | undefined> {
  const result = await git(['config', '--get', key], { ...options, okCodes: [1] });
  return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

/**
 * Ids of every blob and commit reachable from any ref (`rev-list --all --objects`), trees left
 * out. Only ids are printed (`--no-object-names`), so odd path names can't break the parsing.
 */
export async function reachableObjects(options: GitOptions): Promise<string[]> {
  const out = await text(
    ['rev-list', '--all', '--objects', '--no-object-names', '--filter=object:type=blob'],
    options
  );
  return out.split('\n').filter(Boolean);
}

/** `git rm --cached` (the files stay on disk). */
export async function untrack(paths: readonly string[], options: GitOptions): Promise<void> {
  // -f: a .env staged but never committed differs from both HEAD and the file; it still comes out.
  if (paths.length) await git(['rm', '--cached', '-f', '-q', '--ignore-unmatch', '--', ...paths], options);
}

/** `git hash-object -w --stdin`: stores the bytes as a blob and returns its id. */
export async function writeBlob(bytes: Buffer, options: GitOptions): Promise<string> {
  return (await text(['hash-object', '-w', '--stdin'], { ...options, input: bytes })).trim();
}

/** `git update-index --add --cacheinfo`: the index entry for `path` becomes blob `oid` with `mode`. */
export async function setIndexEntry(
  path: string,
  oid: string,
  mode: string,
  options: GitOptions
): Promise<void> {
  await git(['update-index', '--add', '--cacheinfo', `${mode},${oid},${path}`], options);
}

const nulList = (out: string): string[] => out.split('\0').filter(Boolean);

/** Paths in the index (`ls-files -z --full-name`), root-relative; only under `pathspec` when given. */
export async function indexNames(options: GitOptions, pathspec?: readonly string[]): Promise<string[]> {
  const under = pathspec ? ['--', ...pathspec] : [];
  return nulList(await text(['ls-files', '-z', '--full-name', ...under], options));
}

/** Paths staged for the next commit (added, changed or deleted against HEAD), root-relative. */
export async function stagedNames(options: GitOptions): Promise<string[]> {
  const args = ['diff', '--cached', '--name-only', '-z', '--no-renames', '--no-ext-diff'];
  return nulList(await text(args, options));
}

/** Where cwd sits: its path from the work-tree root (`sub/dir/`, '' at the root) and the root. */
export async function workTreePlace(options: GitOptions): Promise<{ prefix: string; top: string }> {
  const [prefix, top] = await Promise.all([
    text(['rev-parse', '--show-prefix'], options),
    text(['rev-parse', '--show-toplevel'], options)
  ]);
  return { prefix: prefix.replace(/\n$/, ''), top: top.replace(/\n$/, '') };
}

/** The directory shared by all worktrees of this repository (hooks, config, our installed copy). */
export async function commonDir(options: GitOptions): Promise<string> {
  return (await text(['rev-parse', '--path-format=absolute', '--git-common-dir'], options)).trim();
}

/** `git config --local <key> <value>` (never --global: installs stay inside the repository). */
export async function configSet(key: string, value: string, options: GitOptions): Promise<void> {
  await git(['config', '--local', key, value], options);
}

/** Whether git ignores `path` (`git check-ignore -q`; exit 1 means "not ignored"). */
export async function isIgnored(path: string, options: GitOptions): Promise<boolean> {
  return (await git(['check-ignore', '-q', '--', path], { ...options, okCodes: [1] })).code === 0;
}

/** `git config --local --unset <key>`; a key that is already unset is not an error. */
export async function configUnset(key: string, options: GitOptions): Promise<void> {
  await git(['config', '--local', '--unset', key], { ...options, okCodes: [5] });
}

/**
 * Blobs of the HEAD commit's tree (oid and path), or null while HEAD has no commit yet. One spawn:
 * ls-tree's exit 128 is taken as "no HEAD" (the caller already knows this is a repository).
 */
export async function headTree(
  options: GitOptions
): Promise<Array<{ mode: string; oid: string; path: string }> | null> {
  const result = await git(['ls-tree', '-r', '-z', '--full-tree', 'HEAD', '--'], {
    ...options,
    okCodes: [128]
  });
  if (result.code !== 0) return null;
  return parseLsTree(result.stdout.toString('utf8')).filter((entry) => entry.type === 'blob');
}

/**
 * Walk the commits git log's revision arguments name (`--all`, resolved ids and `^id`
 * exclusions, `<ids> --not --all`), oldest first (parents before children, otherwise by commit
 * date), streaming each commit and the blobs it adds, modifies or deletes (a range judge needs to
 * know which older blobs a commit replaces). A merge shows only the paths whose result differs
 * from every parent (dense combined): content first written in the merge (an "evil merge", a
 * conflict resolution) is judged, while what it takes unchanged from a side is judged where that
 * side's commits are (or was already in the repository, for a range). Nothing is collected here:
 * memory stays flat in the size of the history. Revisions come from resolveRevisions or are
 * literal options, never raw argv.
 */
export async function logRaw(
  revisions: readonly string[],
  onCommit: (commit: LogCommit) => void,
  onEntry: (entry: RawEntry) => void,
  options: GitOptions
): Promise<void> {
  const parser = new LogRawParser(onCommit, onEntry);
  await git(
    [
      '-c',
      'log.showSignature=false',
      'log',
      '--reverse',
      '--date-order',
      '--raw',
      '-z',
      '--no-renames',
      '--no-abbrev',
      '--diff-merges=dense-combined',
      '--no-color',
      '--no-ext-diff',
      `--format=${LOG_RAW_FORMAT}`,
      ...revisions,
      '--'
    ],
    { ...options, onStdout: (chunk) => parser.push(chunk) }
  );
}

/**
 * A revision range as git log reads it (`A..B`, `A...B`, `B`, `^A`), resolved by `git rev-parse`
 * to ids and `^id` exclusions, so nothing the user typed reaches git log as an option.
 *   git rev-parse --end-of-options main..topic --   →   <topic id>\n^<main id>
 * https://git-scm.com/docs/git-rev-parse#_specifying_ranges
 */
export async function resolveRevisions(ranges: readonly string[], options: GitOptions): Promise<string[]> {
  const out = await text(['rev-parse', '--end-of-options', ...ranges, '--'], options);
  // git 2.39 echoes --end-of-options and -- back; only ids and ^ids are kept.
  return out.split('\n').filter((line) => /^\^?[0-9a-f]{40,64}$/.test(line));
}

/**
 * Untracked, not ignored files matching `pathspecs` (`git ls-files -o --exclude-standard -z`): a project
 * before its first `git add`.
 */
export async function untrackedPaths(
  options: GitOptions,
  pathspecs: readonly string[] = []
): Promise<string[]> {
  return (await text(['ls-files', '-o', '--exclude-standard', '-z', '--', ...pathspecs], options))
    .split('\0')
    .filter(Boolean);
}

/**
 * The work-tree root when it is known without asking git (`rev-parse` is one more process per
 * commit), else undefined (ask git: repoInfo).
 * - In a hook: git runs it at the top of the work tree and sets GIT_PREFIX (the folder the user was
 *   in), and GIT_DIR in a linked worktree. A hook script may `cd` elsewhere first, so the folder
 *   must also hold `.git`, and no GIT_WORK_TREE may point away from it.
 * - By hand, in the folder that holds `.git` (a directory or a worktree's gitfile) with no GIT_DIR
 *   or GIT_WORK_TREE set: git's own discovery stops at that `.git` first, and the work tree is its
 *   folder unless the repository's config moves it (`core.worktree`, `core.bare`), which is read
 *   here. Anything else — a subdirectory, an unusual `.git` — asks git.
 * https://git-scm.com/docs/githooks#_description, https://git-scm.com/docs/git#_discussion
 */
export function knownWorkTree(options: GitOptions): string | undefined {
  const { env, cwd } = options;
  if (env.GIT_WORK_TREE) return undefined;
  const dotGit = join(cwd, '.git');
  let stat: Stats;
  try {
    stat = statSync(dotGit);
  } catch {
    return undefined;
  }
  if (env.GIT_PREFIX !== undefined) return cwd;
  if (env.GIT_DIR !== undefined || env.GIT_COMMON_DIR !== undefined) return undefined;
  let gitDir = dotGit;
  try {
    // A `.git` folder that is no repository (no HEAD) is skipped by git's discovery: ask git.
    if (stat.isDirectory() && !existsSync(join(dotGit, 'HEAD'))) return undefined;
    if (!stat.isDirectory()) {
      const pointer = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1];
      if (!pointer) return undefined;
      gitDir = resolve(cwd, pointer.trim());
    }
    // A linked worktree's config is the main repository's (plus config.worktree): ask git when
    // either moves the work tree. A submodule's own config names its work tree too.
    for (const file of ['config', 'config.worktree', 'commondir']) {
      const path = join(gitDir, file);
      if (!existsSync(path)) continue;
      const text = readFileSync(path, 'utf8');
      if (file === 'commondir') {
        const common = resolve(gitDir, text.trim());
        if (movesWorkTree(readFileSync(join(common, 'config'), 'utf8'))) return undefined;
      } else if (movesWorkTree(text)) return undefined;
    }
  } catch {
    return undefined;
  }
  return cwd;
}

/** Does a git config text set core.worktree or core.bare = true (conservatively: in any section)? */
function movesWorkTree(config: string): boolean {
  return /^\s*worktree\s*=/im.test(config) || /^\s*bare\s*=\s*(?:true|yes|on|1)\s*$/im.test(config);
}

/**
 * Lines of Python files that make them a settings module or name one, from the index (`rev`
 * undefined) or a tree, in one `git grep`: an assignment of SECRET_KEY (at any indentation: `if`
 * blocks, settings classes) and any mention of DJANGO_SETTINGS_MODULE (manage.py, wsgi.py).
 * Every `.py` blob is searched, whatever its name (`mysite/production.py`): git's search, no blob
 * crosses into node. Only called when a name the project guards is needed (engine/project-names.ts).
 *   git grep --cached -z -I -E -e '^[[:space:]]*SECRET_KEY[[:space:]]*(:[^=]*)?=([^=]|$)' \
 *     -e DJANGO_SETTINGS_MODULE -- '*.py'
 * Exit 1 means no match.
 */
export async function settingsLines(
  options: GitOptions,
  rev?: string | readonly string[]
): Promise<Array<{ path: string; line: string; rev?: string }>> {
  const args = [
    'grep',
    ...(rev === undefined ? ['--cached'] : []),
    '-z',
    '-I',
    '-E',
    '-e',
    '^[[:space:]]*SECRET_KEY[[:space:]]*(:[^=]*)?=([^=]|$)',
    '-e',
    'DJANGO_SETTINGS_MODULE',
    // Several trees in one grep (pre-receive: every accepted and pushed tip of a push).
    ...(rev === undefined ? [] : typeof rev === 'string' ? [rev] : rev),
    '--',
    '*.py'
  ];
  if (Array.isArray(rev) && rev.length === 0) return [];
  const result = await git(args, { ...options, okCodes: [1] });
  const prefix = typeof rev === 'string' ? rev.length + 1 : 0; // `HEAD:path`
  const found: Array<{ path: string; line: string; rev?: string }> = [];
  for (const row of result.stdout.toString('utf8').split('\n')) {
    const nul = row.indexOf('\0');
    if (Array.isArray(rev)) {
      // `<rev>:<path>`: a revision name holds no colon (ids, HEAD), a path may.
      const colon = row.indexOf(':');
      if (colon > 0 && nul > colon)
        found.push({ rev: row.slice(0, colon), path: row.slice(colon + 1, nul), line: row.slice(nul + 1) });
    } else if (nul > prefix) found.push({ path: row.slice(prefix, nul), line: row.slice(nul + 1) });
  }
  return found;
}
