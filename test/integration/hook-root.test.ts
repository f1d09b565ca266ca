/**
 * Inside a hook the work-tree root is taken from where git started us (GIT_PREFIX set, `.git`
 * here) instead of asking `git rev-parse` (one process less per commit). These commits check that
 * the root is still right — the root's .djkeyguardignore is honoured and a key elsewhere blocks —
 * from a subdirectory, from a hook script that `cd`s away first, and in a linked worktree.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CLI, createRepo, type Repo } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';

const test = suite<{ repo: Repo; hooks: string }>('hook root (no rev-parse in a hook)');

function hook(dir: string, body: string): void {
  writeFileSync(join(dir, 'pre-commit'), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, 'pre-commit'), 0o755);
}

test.before.each((context) => {
  const repo = createRepo();
  const hooks = join(repo.dir, '.test-hooks');
  mkdirSync(hooks);
  hook(hooks, `exec "${process.execPath}" "${CLI}"`);
  repo.git(['config', 'core.hooksPath', hooks]);
  repo.write('.gitignore', '.test-hooks/\n');
  repo.write('.djkeyguardignore', 'vendor/\n');
  repo.write('app/settings.py', "SECRET_KEY = config('SECRET_KEY')\n");
  repo.stage('.gitignore', '.djkeyguardignore', 'app/settings.py');
  repo.git(['commit', '-q', '-m', 'start']);
  context.repo = repo;
  context.hooks = hooks;
});
test.after.each(({ repo }) => repo.remove());

const leaked = (n: number) => `SECRET_KEY = '${sampleKey(n)}'\n`;

test('from a subdirectory: the root ignore file is honoured, a key elsewhere blocks', ({ repo }) => {
  repo.write('vendor/lib/settings.py', leaked(31));
  repo.stage('vendor/lib/settings.py');
  const ignored = repo.git(['commit', '-q', '-m', 'vendored'], {
    cwd: join(repo.dir, 'vendor/lib'),
    allowFail: true
  });
  assert.is(ignored.code, 0, ignored.stderr);
  repo.write('app/settings.py', leaked(32));
  repo.stage('app/settings.py');
  const blocked = repo.git(['commit', '-m', 'leak'], { cwd: join(repo.dir, 'app'), allowFail: true });
  assert.is(blocked.code, 1);
  assert.match(blocked.stderr, 'app/settings.py:1');
});

test('a hook script that cds into a subdirectory first: root found by git, not assumed', ({
  repo,
  hooks
}) => {
  hook(hooks, `cd app && exec "${process.execPath}" "${CLI}"`);
  repo.write('vendor/settings.py', leaked(33));
  repo.stage('vendor/settings.py');
  const ignored = repo.git(['commit', '-q', '-m', 'vendored'], { allowFail: true });
  assert.is(ignored.code, 0, ignored.stderr);
  repo.write('app/settings.py', leaked(34));
  repo.stage('app/settings.py');
  const blocked = repo.git(['commit', '-m', 'leak'], { allowFail: true });
  assert.is(blocked.code, 1);
  assert.match(blocked.stderr, 'app/settings.py:1');
});

test('a linked worktree, committing from its subdirectory (GIT_DIR set by git)', ({ repo }) => {
  const tree = join(repo.dir, '..', `${repo.dir.split('/').pop()}-wt`);
  repo.git(['worktree', 'add', '-q', tree]);
  try {
    mkdirSync(join(tree, 'vendor'), { recursive: true });
    writeFileSync(join(tree, 'vendor/settings.py'), leaked(35));
    repo.git(['add', 'vendor/settings.py'], { cwd: tree });
    const ignored = repo.git(['commit', '-q', '-m', 'vendored'], {
      cwd: join(tree, 'vendor'),
      allowFail: true
    });
    assert.is(ignored.code, 0, ignored.stderr);
    writeFileSync(join(tree, 'app/settings.py'), leaked(36));
    const blocked = repo.git(['commit', '-a', '-m', 'leak'], { cwd: join(tree, 'app'), allowFail: true });
    assert.is(blocked.code, 1);
    assert.match(blocked.stderr, 'app/settings.py:1');
  } finally {
    repo.git(['worktree', 'remove', '--force', tree], { allowFail: true });
  }
});

test('by hand, in a folder whose .git is no repository: the root is asked of git', ({ repo }) => {
  // git's discovery skips a `.git` folder without HEAD and finds the repository above it.
  mkdirSync(join(repo.dir, 'vendor/.git'), { recursive: true });
  repo.write('vendor/settings.py', leaked(36));
  repo.stage('vendor/settings.py');
  const ignored = repo.run([], { cwd: join(repo.dir, 'vendor') });
  assert.is(ignored.code, 0, ignored.stderr);
});

test.run();
