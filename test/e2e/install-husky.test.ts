/** E2E: the packed tarball installed into repos with package.json (husky, monorepo); real commits. */
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { huskyLine } from '../../src/install/husky.js';
import { join } from 'node:path';
import { exec, repoSuite } from '../helpers/repo.js';
import {
  assertDamagedBlocks,
  assertGuards,
  djkeyGuard,
  E2E_ENV,
  hasFile,
  snapshotTree,
  treeDiff,
  tryCommit
} from '../helpers/e2e.js';

const HUSKY = '^9.1.7';
const BACKEND = {
  keyPath: 'backend/mysite/local.py',
  envPath: 'backend/.env',
  cleanPath: 'backend/views.py'
};

function npm(args: string[], cwd: string): void {
  const result = exec('npm', args, { cwd, env: E2E_ENV });
  if (result.code !== 0) throw new Error(`npm ${args.join(' ')}: ${result.stderr}`);
}

const test = repoSuite('e2e install: husky');

test('blocks: full-stack repo where husky already runs another command; install is idempotent', ({
  repo
}) => {
  repo.write(
    'package.json',
    `{\n  "name": "shop",\n  "private": true,\n  "scripts": { "prepare": "husky" },\n  ` +
      `"devDependencies": {\n    "husky": "${HUSKY}"\n  }\n}\n`
  );
  repo.write('.gitignore', 'node_modules/\n');
  npm(['install', '--no-audit', '--no-fund'], repo.dir);
  repo.write('.husky/pre-commit', 'echo other-command-ran >&2\n');
  repo.write('backend/manage.py', 'import os\n');
  repo.stage('.');
  repo.commit('init');
  const before = snapshotTree(repo.dir);

  const result = djkeyGuard(['install'], repo.dir);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, /added\s+package\.json devDependencies\.djkey-guard/);
  assert.is(
    readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8'),
    `${huskyLine('')}\necho other-command-ran >&2\n`
  );
  const again = djkeyGuard(['install'], repo.dir);
  assert.not.match(again.stderr, /\badded\b/);
  assert.match(again.stderr, /already present\s+\.husky\/pre-commit/);

  assert.match(assertGuards(repo, BACKEND), 'other-command-ran');
  // A damaged copy in node_modules fails closed, as the plain hook's copy does.
  const script = join(repo.dir, 'node_modules/djkey-guard/hooks/pre-commit');
  const whole = readFileSync(script);
  writeFileSync(script, '');
  const emptied = tryCommit(repo, 'backend/more.py', 'x = 1\n');
  assert.is(emptied.moved, false, 'an emptied hooks/pre-commit must block');
  assert.match(emptied.stderr, 'missing or damaged');
  writeFileSync(script, whole);
  assertDamagedBlocks(repo, join(repo.dir, 'node_modules/djkey-guard/dist/cli.js'), 'backend/more.py');
  const un = djkeyGuard(['uninstall'], repo.dir);
  assert.is(un.code, 0, un.stderr);
  assert.equal(treeDiff(before, snapshotTree(repo.dir)), ['backend/views.py']);
  assert.not.ok(hasFile(repo.dir, 'node_modules/djkey-guard'), 'npm install re-synced node_modules');
});

test('blocks: package.json without husky gets husky, prepare and the hook; uninstall leaves no trace', ({
  repo
}) => {
  repo.write('package.json', '{\n\t"name": "web",\n\t"private": true,\n\t"files": ["a", "b"]\n}');
  repo.write('.gitignore', 'node_modules/\n');
  repo.write('backend/manage.py', 'import os\n');
  repo.stage('.');
  repo.commit('init');
  const before = snapshotTree(repo.dir, /^\.git\/(objects|logs|refs|index|COMMIT_EDITMSG)/);

  const result = djkeyGuard(['install'], repo.dir);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, /added\s+package\.json scripts\.prepare: husky \|\| true/);
  assert.match(result.stderr, /ran\s+npm install/);
  const pkg = readFileSync(join(repo.dir, 'package.json'), 'utf8');
  assert.match(pkg, '\t"files": ["a", "b"],\n\t"devDependencies": {\n\t\t"djkey-guard": "file:');
  assert.is(repo.git(['config', 'core.hooksPath']).stdout.trim(), '.husky/_');

  assertGuards(repo, BACKEND);
  djkeyGuard(['uninstall'], repo.dir);
  assert.equal(treeDiff(before, snapshotTree(repo.dir, /^\.git\/(objects|logs|refs|index|COMMIT_EDITMSG)/)), [
    'backend/views.py'
  ]);
});

test('blocks: monorepo (package.json in frontend/, Django in backend/) scans the whole index', ({ repo }) => {
  repo.write('frontend/package.json', '{\n  "name": "frontend",\n  "private": true\n}\n');
  repo.write('.gitignore', 'node_modules/\n');
  repo.write('backend/manage.py', 'import os\n');
  repo.stage('.');
  repo.commit('init');
  const before = snapshotTree(repo.dir, /^\.git\/(objects|logs|refs|index|COMMIT_EDITMSG)/);

  const result = djkeyGuard(['install'], join(repo.dir, 'backend'));
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, 'scripts.prepare: cd .. && husky frontend/.husky || true');
  assert.is(repo.git(['config', 'core.hooksPath']).stdout.trim(), 'frontend/.husky/_');
  // A later `cd frontend` / `exec` in the hook must not stop our line from running first.
  repo.write(
    'frontend/.husky/pre-commit',
    readFileSync(join(repo.dir, 'frontend/.husky/pre-commit'), 'utf8') + 'cd frontend\nexec echo other-ran\n'
  );
  assert.ok(
    readFileSync(join(repo.dir, 'frontend/.husky/pre-commit'), 'utf8').startsWith(
      `${huskyLine('frontend')}\n`
    )
  );

  assert.match(assertGuards(repo, BACKEND), 'other-ran');
  const un = djkeyGuard(['uninstall'], repo.dir);
  assert.match(un.stderr, 'your later edits kept');
  assert.is(
    readFileSync(join(repo.dir, 'frontend/.husky/pre-commit'), 'utf8'),
    'cd frontend\nexec echo other-ran\n'
  );
  repo.git(['rm', '-rq', '--cached', '--ignore-unmatch', 'frontend/.husky']);
  exec('rm', ['-rf', join(repo.dir, 'frontend/.husky')], { cwd: repo.dir });
  assert.equal(treeDiff(before, snapshotTree(repo.dir, /^\.git\/(objects|logs|refs|index|COMMIT_EDITMSG)/)), [
    'backend/views.py'
  ]);
});

test('blocks: lint-staged without husky gets husky and lint-staged installed; a damaged copy blocks', ({
  repo
}) => {
  repo.write('package.json', '{\n  "name": "ls",\n  "private": true\n}\n');
  repo.write('backend/manage.py', 'import os\n');
  repo.stage('.');
  repo.commit('init');
  const before = snapshotTree(repo.dir);

  const result = djkeyGuard(['install', '--lint-staged'], repo.dir);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, /ran\s+npm install/);
  assert.is(repo.git(['config', 'core.hooksPath']).stdout.trim(), '.husky/_');
  assert.match(
    readFileSync(join(repo.dir, 'package.json'), 'utf8'),
    '"lint-staged": {\n    "*": "djkey-guard"\n  }\n}\n'
  );
  assertGuards(repo, { ...BACKEND, keyPath: 'backend/settings.py' });
  // lint-staged runs djkey-guard without a shell: an emptied or cut cli.js must still block.
  assertDamagedBlocks(repo, join(repo.dir, 'node_modules/djkey-guard/dist/cli.js'), 'backend/more.py');
  const un = djkeyGuard(['uninstall'], repo.dir);
  assert.is(un.code, 0, un.stderr);
  // .git/AUTO_MERGE: git's own, from the stash lint-staged makes around its tasks.
  assert.equal(treeDiff(before, snapshotTree(repo.dir), ['.git/AUTO_MERGE']), ['backend/views.py']);
});

test.run();
