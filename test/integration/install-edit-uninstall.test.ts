/**
 * install → a user edit → uninstall, for each route, compared byte for byte: uninstall removes
 * exactly what install added and is still as install left it (a dependency the user had before
 * stays; husky and prepare added by install go; no empty objects left behind), and every
 * sentence it prints is true.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRepo, exec, type Repo } from '../helpers/repo.js';
import { snapshotTree, treeDiff } from '../helpers/e2e.js';
import { addLintStagedLines } from '../../src/install/lint-staged.js';
import { huskyLine } from '../../src/install/husky.js';

const test = suite('install → edit → uninstall, byte for byte');
const PACKAGE = { DJKEY_GUARD_PACKAGE: '0.1.0' };

function repoWith(files: Record<string, string>): Repo {
  const repo = createRepo();
  repo.write('manage.py', 'import os\n');
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.stage('.');
  repo.commit('init');
  return repo;
}

const read = (repo: Repo, path: string) => readFileSync(join(repo.dir, path), 'utf8');
function edit(repo: Repo, path: string, change: (text: string) => string): void {
  writeFileSync(join(repo.dir, path), change(read(repo, path)));
}

test('husky: a devDependency the user had stays; the husky dependency and prepare install added go', () => {
  const original =
    '{\n  "name": "site",\n  "devDependencies": {\n    "djkey-guard": ' +
    '"file:./vendor/djkey-guard.tgz"\n  }\n}\n';
  const repo = repoWith({ 'package.json': original });
  try {
    const before = snapshotTree(repo.dir);
    const install = repo.run(['install', '--husky', '--no-install'], { env: { ...repo.env, ...PACKAGE } });
    assert.is(install.code, 0, install.stderr);
    assert.match(install.stderr, /already present\s+package\.json devDependencies\.djkey-guard/);
    assert.match(install.stderr, /added\s+\.gitignore: node_modules\//);
    const installed = JSON.parse(read(repo, 'package.json'));
    assert.ok(installed.devDependencies.husky && installed.scripts.prepare, 'husky and prepare added');

    const mine = (text: string) =>
      text.replace('"name": "site",', '"name": "site",\n  "description": "mine",');
    edit(repo, 'package.json', mine);
    const un = repo.run(['uninstall']);
    assert.is(un.code, 0, un.stderr);
    assert.is(read(repo, 'package.json'), mine(original), 'exactly the user edit is left');
    assert.equal(treeDiff(before, snapshotTree(repo.dir), ['package.json']), []);
    assert.not.match(un.stderr, 'drops djkey-guard');
  } finally {
    repo.remove();
  }
});

test('husky: a prepare the user had comes back; an edited prepare is the user’s and stays', () => {
  const original = '{\n  "name": "web",\n  "scripts": {\n    "prepare": "make assets"\n  }\n}\n';
  const repo = repoWith({ 'package.json': original, '.gitignore': 'node_modules/\n' });
  try {
    const before = snapshotTree(repo.dir);
    assert.is(repo.run(['install', '--husky', '--no-install'], { env: { ...repo.env, ...PACKAGE } }).code, 0);
    assert.match(read(repo, 'package.json'), '"prepare": "make assets && (husky || true)"');
    edit(repo, 'package.json', (text) => text.replace('"name": "web"', '"name": "webapp"'));
    assert.is(repo.run(['uninstall']).code, 0);
    assert.is(read(repo, 'package.json'), original.replace('"name": "web"', '"name": "webapp"'));
    assert.equal(treeDiff(before, snapshotTree(repo.dir), ['package.json']), []);

    assert.is(repo.run(['install', '--husky', '--no-install'], { env: { ...repo.env, ...PACKAGE } }).code, 0);
    edit(repo, 'package.json', (text) => text.replace('&& (husky || true)', '&& husky'));
    const un = repo.run(['uninstall']);
    assert.match(un.stderr, /kept\s+package\.json scripts\.prepare \(changed since install/);
    const after = JSON.parse(read(repo, 'package.json'));
    assert.is(after.scripts.prepare, 'make assets && husky');
    assert.is(after.devDependencies, undefined, 'no empty devDependencies left');
  } finally {
    repo.remove();
  }
});

test('lint-staged: installs lint-staged and the line that runs it; uninstall leaves no empty objects', () => {
  const original = '{\n  "name": "web"\n}\n';
  const repo = repoWith({ 'package.json': original, '.husky/pre-commit': 'npm test\n', '.husky/_/h': '' });
  repo.git(['config', 'core.hooksPath', '.husky/_']);
  try {
    const before = snapshotTree(repo.dir);
    const install = repo.run(['install', '--lint-staged', '--no-install'], {
      env: { ...repo.env, ...PACKAGE }
    });
    assert.is(install.code, 0, install.stderr);
    const pkg = JSON.parse(read(repo, 'package.json'));
    assert.ok(pkg.devDependencies['lint-staged'] && pkg.devDependencies['djkey-guard']);
    assert.equal(pkg['lint-staged'], { '*': 'djkey-guard' });
    assert.is(read(repo, '.husky/pre-commit'), addLintStagedLines('npm test\n', ''));
    assert.match(read(repo, '.husky/pre-commit'), /\nnode_modules\/\.bin\/lint-staged \|\| exit \$\? /);

    const scripts = (text: string) =>
      text.replace('"name": "web"', '"name": "web",\n  "scripts": { "test": "uvu" }');
    edit(repo, 'package.json', scripts);
    edit(repo, '.gitignore', (text) => `${text}*.log\n`);
    edit(repo, '.husky/pre-commit', (text) => `${text}echo mine\n`);
    const un = repo.run(['uninstall']);
    assert.is(un.code, 0, un.stderr);
    assert.is(read(repo, 'package.json'), scripts(original));
    assert.is(read(repo, '.gitignore'), '*.log\n');
    assert.is(read(repo, '.husky/pre-commit'), 'npm test\necho mine\n');
    assert.equal(
      treeDiff(before, snapshotTree(repo.dir), ['package.json', '.gitignore', '.husky/pre-commit']),
      []
    );
  } finally {
    repo.remove();
  }
});

test('lint-staged without husky: husky set up too (dependency, prepare, hook); uninstall takes all', () => {
  const original = '{\n  "name": "web"\n}\n';
  const repo = repoWith({ 'package.json': original });
  try {
    const before = snapshotTree(repo.dir);
    const run = repo.run(['install', '--lint-staged', '--no-install'], { env: { ...repo.env, ...PACKAGE } });
    assert.is(run.code, 0, run.stderr);
    const pkg = JSON.parse(read(repo, 'package.json'));
    assert.equal(Object.keys(pkg.devDependencies).sort(), ['djkey-guard', 'husky', 'lint-staged']);
    assert.is(pkg.scripts.prepare, 'husky || true');
    assert.equal(pkg['lint-staged'], { '*': 'djkey-guard' });
    assert.is(read(repo, '.husky/pre-commit'), addLintStagedLines('', ''));
    // Merges skip pre-commit: the direct line judges them.
    assert.is(read(repo, '.husky/pre-merge-commit'), `${huskyLine('')}\n`);
    assert.match(run.stderr, /added\s+\.gitignore: node_modules\//);
    assert.match(run.stderr, 'run `npm install` in . (not run: --no-install)');
    const un = repo.run(['uninstall']);
    assert.is(un.code, 0, un.stderr);
    assert.equal(treeDiff(before, snapshotTree(repo.dir)), []);
  } finally {
    repo.remove();
  }
});

test('plain hook and pre-commit: .git/config and the user-edited config come back byte for byte', () => {
  const config =
    'repos:\n-   repo: local\n    hooks:\n    -   id: mine\n        name: mine\n        entry: ' +
    '"true"\n        language: system\n';
  const repo = repoWith({ '.pre-commit-config.yaml': config });
  try {
    const before = snapshotTree(repo.dir);
    assert.is(repo.run(['install', '--git-hook']).code, 0);
    assert.is(repo.run(['uninstall']).code, 0);
    assert.equal(treeDiff(before, snapshotTree(repo.dir)), [], 'git-hook route');

    if (exec('sh', ['-c', 'command -v pre-commit'], { cwd: '/' }).code !== 0)
      throw new Error('pre-commit is not installed (apt-get install pre-commit; .ci/run does it)');
    const install = repo.run(['install', '--pre-commit'], { env: { ...repo.env, ...PACKAGE } });
    assert.is(install.code, 0, install.stderr);
    assert.match(
      read(repo, '.pre-commit-config.yaml'),
      /^default_install_hook_types: \[pre-commit, pre-merge-commit\]/
    );
    const more = (text: string) => `${text}# a later comment of the user\n`;
    edit(repo, '.pre-commit-config.yaml', more);
    const un = repo.run(['uninstall']);
    assert.is(un.code, 0, un.stderr);
    assert.is(read(repo, '.pre-commit-config.yaml'), more(config));
    assert.equal(
      treeDiff(before, snapshotTree(repo.dir), ['.pre-commit-config.yaml']),
      [],
      'pre-commit route'
    );
  } finally {
    repo.remove();
  }
});

test.run();
