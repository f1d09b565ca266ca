/** End-to-end fixtures: the packed tarball (once per run), a user-like env, commits, tree snapshots. */
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { join, relative } from 'node:path';
import * as assert from 'uvu/assert';
import { TEST_ENV, tempDir } from './env.js';
import { insecureKey } from './keys.js';
import { exec, PROJECT_ROOT, type Repo, type RunResult } from './repo.js';

let tarball: string | undefined;
let installed: string | undefined;
let clone: string | undefined;

/**
 * A clean clone of this repository's HEAD (what CI and users get), with the project's
 * node_modules linked in so its build needs no second `npm ci`. Once per test run.
 */
export function cleanClone(): string {
  if (clone) return clone;
  // The clone is HEAD: work not yet committed is not in what the e2e tests install.
  const dirty = exec(
    'git',
    ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'hooks', 'scripts', 'package.json'],
    { cwd: PROJECT_ROOT, env: E2E_ENV }
  ).stdout.trim();
  if (dirty)
    process.stderr.write(
      `e2e: note: uncommitted changes are not in the clean clone the e2e tests install:\n${dirty}\n`
    );
  const dir = join(tempDir('djkg-clone-'), 'djkey-guard');
  const result = exec('git', ['clone', '-q', '--no-local', PROJECT_ROOT, dir], {
    cwd: PROJECT_ROOT,
    env: E2E_ENV
  });
  if (result.code !== 0) throw new Error(`git clone failed: ${result.stderr}`);
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'));
  clone = dir;
  return dir;
}

/**
 * `npm pack` in the clean clone, scripts on, exactly as a user or the pre-commit framework runs it
 * (prepack builds dist/ and drops our lifecycle scripts). stdout must be the file name alone.
 */
export function packTarball(): string {
  if (tarball) return tarball;
  const dir = cleanClone();
  const result = exec('npm', ['pack'], { cwd: dir, env: E2E_ENV });
  if (result.code !== 0) throw new Error(`npm pack failed: ${result.stderr}`);
  if (!/^djkey-guard-[\w.-]+\.tgz\n?$/.test(result.stdout))
    throw new Error(
      `npm pack printed more than the tarball name on stdout: ${JSON.stringify(result.stdout)}`
    );
  tarball = join(dir, result.stdout.trim());
  return tarball;
}

/** `npm run release -- <version>` in the clean clone (once); returns the clone and the tag. */
export function releaseTag(version = '0.0.1-e2e'): { repo: string; tag: string; output: RunResult } {
  const dir = cleanClone();
  const tag = `v${version}`;
  const existing = exec('git', ['rev-parse', '-q', '--verify', `refs/tags/${tag}`], {
    cwd: dir,
    env: E2E_ENV
  });
  if (existing.code === 0) return { repo: dir, tag, output: existing };
  const output = exec('npm', ['run', '--silent', 'release', '--', version], { cwd: dir, env: E2E_ENV });
  if (output.code !== 0) throw new Error(`npm run release failed: ${output.stderr}`);
  return { repo: dir, tag, output };
}

/** The env of a user: hermetic git, a shared npm cache, and the tarball as the package to depend on. */
export const E2E_ENV: NodeJS.ProcessEnv = {
  ...TEST_ENV,
  npm_config_prefer_offline: 'true',
  npm_config_loglevel: 'error'
};

export function userEnv(): NodeJS.ProcessEnv {
  return { ...E2E_ENV, DJKEY_GUARD_PACKAGE: packTarball() };
}

/** The tarball installed outside any repo, as npx would (its cli path). */
export function installedCli(): string {
  if (installed) return installed;
  const dir = tempDir('djkg-npx-');
  const result = exec('npm', ['install', '--no-save', '--no-package-lock', '--prefix', dir, packTarball()], {
    cwd: dir,
    env: E2E_ENV
  });
  if (result.code !== 0) throw new Error(`npm install of the tarball failed: ${result.stderr}`);
  installed = join(dir, 'node_modules/djkey-guard/dist/cli.js');
  return installed;
}

/** Run the installed (packed) CLI in `cwd`. */
export function djkeyGuard(args: string[], cwd: string, env = userEnv()): RunResult {
  return exec(process.execPath, [installedCli(), ...args], { cwd, env });
}

export function headCount(repo: Repo, cwd = repo.dir): number {
  return Number(repo.git(['rev-list', '--count', 'HEAD'], { cwd }).stdout.trim());
}

/** Stage `path` with `content` and commit for real (hooks on); unstage again if it was blocked. */
export function tryCommit(
  repo: Repo,
  path: string,
  content: string,
  options: { cwd?: string; force?: boolean } = {}
): RunResult & { moved: boolean } {
  const cwd = options.cwd ?? repo.dir;
  const before = headCount(repo, cwd);
  exec('sh', ['-c', 'mkdir -p "$(dirname "$1")" && printf %s "$2" > "$1"', 'sh', path, content], { cwd });
  repo.git(['add', ...(options.force ? ['-f'] : []), '--', path], { cwd });
  const result = repo.git(['commit', '-m', `add ${path}`], { cwd, allowFail: true });
  const moved = headCount(repo, cwd) !== before;
  if (!moved) repo.git(['rm', '-q', '-f', '--', path], { cwd });
  return { ...result, moved };
}

/** Every file under `dir` (bytes + mode, symlink targets), skipping git's own bookkeeping. */
export function snapshotTree(
  dir: string,
  skip: RegExp = /^\.git\/(objects|logs|refs|index|COMMIT_EDITMSG|ORIG_HEAD|worktrees)|^node_modules\//
): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (path: string) => {
    const rel = relative(dir, path);
    if (rel && skip.test(rel + (lstatSync(path).isDirectory() ? '/' : ''))) return;
    const stat = lstatSync(path);
    if (stat.isDirectory()) {
      if (rel) out.set(rel + '/', 'dir');
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (stat.isSymbolicLink()) out.set(rel, `link:${readlinkSync(path)}`);
    else
      out.set(
        rel,
        `${(stat.mode & 0o777).toString(8)}:${createHash('sha256').update(readFileSync(path)).digest('hex')}`
      );
  };
  walk(dir);
  return out;
}

/** Paths whose bytes, mode or presence differ between two snapshots. */
export function treeDiff(a: Map<string, string>, b: Map<string, string>, ignore: string[] = []): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((key) => a.get(key) !== b.get(key) && !ignore.includes(key)).sort();
}

export function hasFile(dir: string, path: string): boolean {
  return existsSync(join(dir, path));
}

/** Where assertGuards commits: a key, a .env and a clean file (a monorepo puts them under its backend). */
export interface GuardPaths {
  keyPath?: string;
  envPath?: string;
  cleanPath?: string;
}

/**
 * What every install route and channel must do, through real commits (hooks on): a literal key and
 * a .env are blocked (HEAD does not move), a clean commit goes through. `label` names the route in
 * a failure. Returns the clean commit's output (a chained hook's own lines show there).
 */
export function assertGuards(
  repo: Repo,
  options: GuardPaths & { cwd?: string; label?: string } = {}
): string {
  const {
    cwd,
    keyPath = 'mysite/local_settings.py',
    envPath = '.env',
    cleanPath = 'mysite/views.py'
  } = options;
  const label = options.label ? `${options.label}: ` : '';
  const key = tryCommit(repo, keyPath, `SECRET_KEY = '${insecureKey(11)}'\n`, { cwd });
  const keyOutput = key.stdout + key.stderr;
  assert.is(key.moved, false, `${label}a literal key must be blocked\n${keyOutput}`);
  assert.match(keyOutput, 'secret-key');
  assert.match(keyOutput, 'commit blocked');
  const env = tryCommit(repo, envPath, 'SECRET_KEY=x\n', { cwd, force: true });
  assert.is(env.moved, false, `${label}a .env must be blocked\n${env.stdout}${env.stderr}`);
  assert.match(env.stdout + env.stderr, 'env-file');
  const clean = tryCommit(repo, cleanPath, 'def index(request):\n    return None\n', { cwd });
  assert.is(clean.moved, true, `${label}a clean commit goes through\n${clean.stdout}${clean.stderr}`);
  return clean.stderr + clean.stdout;
}

/**
 * A damaged installed copy fails closed: with `cli` (the dist/cli.js the route runs) emptied, or
 * cut short, a clean commit of `path` is blocked; the file is put back whole afterwards.
 */
export function assertDamagedBlocks(repo: Repo, cli: string, path: string, cwd = repo.dir): void {
  const whole = readFileSync(cli);
  try {
    // Cut at a line end, only the `#!` line is left: node runs it as "nothing to do", exit 0.
    const shebang = whole.subarray(0, whole.indexOf(10) + 1);
    for (const [how, bytes] of [
      ['emptied', Buffer.alloc(0)],
      ['cut to its #! line', shebang],
      ['cut', whole.subarray(0, Math.floor(whole.length / 2))]
    ] as const) {
      writeFileSync(cli, bytes);
      const result = tryCommit(repo, path, 'x = 1\n', { cwd });
      assert.is(result.moved, false, `${how} ${cli} must block\n${result.stdout}${result.stderr}`);
    }
  } finally {
    writeFileSync(cli, whole);
  }
}
