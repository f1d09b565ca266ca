/** E2E: the packed tarball installed into Django repos without package.json; real `git commit`s. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { djangoRepo, exec, type Repo } from '../helpers/repo.js';
import { insecureKey } from '../helpers/keys.js';
import {
  assertGuards,
  djkeyGuard,
  hasFile,
  headCount,
  packTarball,
  snapshotTree,
  treeDiff,
  tryCommit,
  userEnv
} from '../helpers/e2e.js';

const settings = () => `SECRET_KEY = '${insecureKey(11)}'\n`;

const test = suite<{ repo: Repo }>('e2e install: plain git hook');
test.before.each((context) => {
  context.repo = djangoRepo({ settings: true });
});
test.after.each((context) => context.repo.remove());

test('blocks: Django repo with no hooks, via npx; uninstall restores .git byte for byte', ({ repo }) => {
  const before = snapshotTree(repo.dir);
  const npx = exec('npx', ['--yes', `file:${packTarball()}`, 'install'], { cwd: repo.dir, env: userEnv() });
  assert.is(npx.code, 0, npx.stderr);
  assert.match(npx.stderr, /added\s+\.git\/hooks\/pre-commit/);
  assert.ok(
    hasFile(repo.dir, '.git/djkey-guard/tool/dist/cli.js'),
    'the hook runs a private copy, not the npx cache'
  );
  assert.not.match(readFileSync(join(repo.dir, '.git/hooks/pre-commit'), 'utf8'), /^\s*(exec\s+)?npx\s/m);
  assert.is(
    repo.git(['config', '--get', 'core.hooksPath'], { allowFail: true }).code,
    1,
    'no core.hooksPath is set'
  );

  const again = djkeyGuard(['install'], repo.dir);
  assert.match(again.stderr, /already present\s+\.git\/hooks\/pre-commit/);
  assert.not.match(again.stderr, /\badded\b/);

  assertGuards(repo);
  const un = djkeyGuard(['uninstall'], repo.dir);
  assert.is(un.code, 0, un.stderr);
  assert.equal(treeDiff(before, snapshotTree(repo.dir)), ['mysite/views.py']);
});

test('blocks: an existing custom pre-commit hook keeps running and is restored with its mode', ({ repo }) => {
  const hook = join(repo.dir, '.git/hooks/pre-commit');
  writeFileSync(hook, '#!/bin/sh\necho custom-hook-ran >&2\n');
  chmodSync(hook, 0o750);
  const before = snapshotTree(repo.dir);
  const result = djkeyGuard(['install'], repo.dir);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, 'pre-commit.djkey-guard-previous');
  assertGuards(repo);
  const clean = tryCommit(repo, 'notes.txt', 'hello\n');
  assert.match(clean.stderr, 'custom-hook-ran');
  djkeyGuard(['uninstall'], repo.dir);
  assert.equal(treeDiff(before, snapshotTree(repo.dir)), ['mysite/views.py', 'notes.txt']);
  assert.is(statSync(hook).mode & 0o777, 0o750);
});

test('blocks: a failing custom hook still blocks on its own', ({ repo }) => {
  repo.write('.git/hooks/pre-commit', '#!/bin/sh\necho custom-says-no >&2\nexit 3\n', 0o755);
  djkeyGuard(['install'], repo.dir);
  const clean = tryCommit(repo, 'notes.txt', 'hello\n');
  assert.is(clean.moved, false);
  assert.match(clean.stderr, 'custom-says-no');
});

test('blocks: commits in a linked worktree (hooks are shared)', ({ repo }) => {
  djkeyGuard(['install'], repo.dir);
  const worktree = `${repo.dir}-wt`;
  repo.git(['worktree', 'add', '-q', '-b', 'feature', worktree]);
  try {
    assertGuards(repo, { cwd: worktree });
  } finally {
    repo.git(['worktree', 'remove', '--force', worktree]);
  }
});

test('blocks: install run from a linked worktree guards the main one too', ({ repo }) => {
  const worktree = `${repo.dir}-wt2`;
  repo.git(['worktree', 'add', '-q', '-b', 'other', worktree]);
  try {
    assert.is(djkeyGuard(['install'], worktree).code, 0);
    assertGuards(repo);
  } finally {
    repo.git(['worktree', 'remove', '--force', worktree]);
  }
});

test('blocks: node missing from PATH (GUI client) is found in the usual places', ({ repo }) => {
  djkeyGuard(['install'], repo.dir);
  const env = { ...repo.env, PATH: '/nonexistent' };
  const gitBin = exec('sh', ['-c', 'command -v git'], { cwd: repo.dir }).stdout.trim();
  repo.write('mysite/local.py', settings());
  repo.stage('mysite/local.py');
  const count = headCount(repo);
  const result = exec(gitBin, ['commit', '-m', 'x'], {
    cwd: repo.dir,
    env: { ...env, PATH: `/usr/bin:/bin` }
  });
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, 'secret-key');
  assert.is(headCount(repo), count);
});

test('passes: DJKEY_GUARD=0 skips once, with a message', ({ repo }) => {
  djkeyGuard(['install'], repo.dir);
  repo.write('mysite/local.py', settings());
  repo.stage('mysite/local.py');
  const result = repo.git(['commit', '-m', 'x'], { env: { ...repo.env, DJKEY_GUARD: '0' } });
  assert.match(result.stderr, 'skipped (DJKEY_GUARD=0)');
});

test.run();
