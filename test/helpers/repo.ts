/** Throw-away git repositories for tests, driven by real git and the real built CLI. */
import { spawnSync } from 'node:child_process';
import { suite, type Test } from 'uvu';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_ENV, tempDir } from './env.js';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(PROJECT_ROOT, 'dist/cli.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Repo {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Run git in the repo (or `cwd`); throws on failure unless `allowFail`. */
  git(
    args: string[],
    options?: { cwd?: string; allowFail?: boolean; input?: string; env?: NodeJS.ProcessEnv }
  ): RunResult;
  /** Write a file (parents created), relative to the repo. */
  write(path: string, content: string | Buffer, mode?: number): void;
  stage(...paths: string[]): void;
  commit(message?: string): void;
  /** Run the built CLI in the repo (or `cwd`). */
  run(args?: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }): RunResult;
  remove(): void;
}

/** No git or CLI run in a test may hang the suite: past this it is killed and the test fails. */
export const RUN_TIMEOUT_MS = 180_000;

export function exec(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; timeout?: number }
): RunResult {
  const timeout = options.timeout ?? RUN_TIMEOUT_MS;
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? TEST_ENV,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    timeout
  });
  if (result.error)
    throw (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT'
      ? new Error(`${command} ${args.join(' ').slice(0, 200)}: no answer within ${timeout} ms`)
      : result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function createRepo(options: { init?: boolean } = {}): Repo {
  const dir = tempDir('djkg-repo-');
  if (dir.startsWith(PROJECT_ROOT)) throw new Error(`refusing to use a repo inside the project: ${dir}`);
  const env = { ...TEST_ENV };
  const repo: Repo = {
    dir,
    env,
    git(args, opts = {}) {
      const result = exec('git', args, { cwd: opts.cwd ?? dir, env: opts.env ?? env, input: opts.input });
      if (result.code !== 0 && !opts.allowFail)
        throw new Error(`git ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
      return result;
    },
    write(path, content, mode) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      if (mode !== undefined) chmodSync(file, mode);
    },
    stage(...paths) {
      repo.git(['add', '--', ...paths]);
    },
    commit(message = 'commit') {
      repo.git(['commit', '-q', '--no-verify', '-m', message]);
    },
    run(args = [], opts = {}) {
      return exec(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? dir, env: opts.env ?? env });
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  if (options.init !== false) {
    repo.git(['init', '-q', '-b', 'main']);
    repo.git(['config', 'commit.gpgsign', 'false']);
  }
  return repo;
}

/**
 * Writes `path`, stages it (`force`: past .gitignore, as a .env needs) and commits with hooks off;
 * returns the new HEAD's id.
 */
export function commitFile(
  repo: Repo,
  path: string,
  content: string | Buffer,
  options: { message?: string; force?: boolean } = {}
): string {
  repo.write(path, content);
  repo.git(['add', ...(options.force ? ['-f'] : []), '--', path]);
  repo.commit(options.message ?? `edit ${path}`);
  return repo.git(['rev-parse', 'HEAD']).stdout.trim();
}

/** A committed Django project: manage.py, and with `settings` a settings module read by decouple. */
export function djangoRepo(options: { settings?: boolean } = {}): Repo {
  const repo = createRepo();
  repo.write('manage.py', 'import os\n');
  if (options.settings)
    repo.write('mysite/settings.py', "from decouple import config\nSECRET_KEY = config('SECRET_KEY')\n");
  repo.stage('.');
  repo.commit('init');
  return repo;
}

/**
 * A uvu suite whose every test finds a fresh repository on `context.repo`, prepared by `setup` (a
 * first commit, files), and removed after the test even when it fails.
 */
export function repoSuite<Extra extends object = object>(
  name: string,
  setup?: (repo: Repo, context: Extra & { repo: Repo }) => void
): Test<Extra & { repo: Repo }> {
  const test = suite<Extra & { repo: Repo }>(name);
  test.before.each((context) => {
    context.repo = createRepo();
    setup?.(context.repo, context);
  });
  test.after.each((context) => context.repo.remove());
  return test;
}

/** A first commit (README.md), so HEAD exists. */
export function firstCommit(repo: Repo): void {
  commitFile(repo, 'README.md', 'hi\n', { message: 'first' });
}
