/**
 * Through a real pre-commit hook: `git commit`, `git commit -a` and `git commit <path>` (temporary index).
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CLI, createRepo, type Repo } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';

const test = suite<{ repo: Repo; count: () => number }>('hook (real git commit)');
test.before.each((context) => {
  const repo = createRepo();
  const hooks = join(repo.dir, '.test-hooks');
  mkdirSync(hooks);
  writeFileSync(join(hooks, 'pre-commit'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}"\n`);
  chmodSync(join(hooks, 'pre-commit'), 0o755);
  repo.git(['config', 'core.hooksPath', hooks]);
  repo.write('settings.py', "SECRET_KEY = config('SECRET_KEY')\n");
  repo.write('.gitignore', '.test-hooks/\n');
  repo.stage('settings.py', '.gitignore');
  repo.git(['commit', '-q', '-m', 'clean start']);
  context.repo = repo;
  context.count = () => Number(repo.git(['rev-list', '--count', 'HEAD']).stdout.trim());
});
test.after.each(({ repo }) => repo.remove());

const leaked = () => `SECRET_KEY = '${sampleKey(21)}'\n`;

test('blocks: git commit of a staged key; HEAD does not move', ({ repo, count }) => {
  repo.write('settings.py', leaked());
  repo.stage('settings.py');
  const result = repo.git(['commit', '-m', 'leak'], { allowFail: true });
  assert.is(result.code, 1);
  assert.match(result.stderr, 'commit blocked');
  assert.is(count(), 1);
});

test('blocks: git commit -a (hook gets a temporary GIT_INDEX_FILE)', ({ repo, count }) => {
  repo.write('settings.py', leaked());
  const result = repo.git(['commit', '-a', '-m', 'leak'], { allowFail: true });
  assert.is(result.code, 1);
  assert.match(result.stderr, 'settings.py:1');
  assert.is(count(), 1);
});

test('blocks: git commit -- <path> (partial commit index)', ({ repo, count }) => {
  repo.write('settings.py', leaked());
  repo.write('other.txt', 'hello\n');
  repo.stage('other.txt');
  const result = repo.git(['commit', '-m', 'leak', '--', 'settings.py'], { allowFail: true });
  assert.is(result.code, 1);
  assert.match(result.stderr, 'settings.py:1');
  assert.is(count(), 1);
});

test('passes: a clean commit goes through', ({ repo, count }) => {
  repo.write('README.md', 'Set SECRET_KEY in your environment.\n');
  repo.stage('README.md');
  const result = repo.git(['commit', '-m', 'docs'], { allowFail: true });
  assert.is(result.code, 0, result.stderr);
  assert.is(count(), 2);
});

test('passes: DJKEY_GUARD=0 skips deliberately', ({ repo, count }) => {
  repo.write('settings.py', leaked());
  repo.stage('settings.py');
  const result = repo.git(['commit', '-m', 'deliberate'], {
    allowFail: true,
    env: { ...repo.env, DJKEY_GUARD: '0' }
  });
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, 'skipped (DJKEY_GUARD=0)');
  assert.is(count(), 2);
});

test.run();
