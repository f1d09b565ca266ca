/**
 * DESIGN §5 "install and uninstall touch only this repository, and keep what was there", through
 * the real CLI and real commits: copied and moved repositories, symlinked hooks and configs, a
 * tracked core.hooksPath folder, user edits, a damaged tool copy, merges, relative package specs.
 */
import {
  cpSync,
  existsSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  renameSync,
  symlinkSync,
  truncateSync,
  writeFileSync
} from 'node:fs';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { djangoRepo, type Repo, type RunResult } from '../helpers/repo.js';
import { tempDir } from '../helpers/env.js';
import { sampleKey } from '../helpers/keys.js';
import { snapshotTree, treeDiff } from '../helpers/e2e.js';
import { removePreCommitBlock, addPreCommitBlock } from '../../src/install/pre-commit.js';

const TEAM_HOOK = '#!/bin/sh\necho team-hook-ran >&2\n';
const keyFile = () => `SECRET_KEY = '${sampleKey(71)}'\n`;

function commit(repo: Repo, path: string, content: string, cwd = repo.dir): RunResult & { moved: boolean } {
  const count = () => repo.git(['rev-list', '--count', '--all'], { cwd }).stdout.trim();
  const before = count();
  writeFileSync(join(cwd, path), content);
  repo.git(['add', '--', path], { cwd });
  const result = repo.git(['commit', '-q', '-m', `add ${path}`], { cwd, allowFail: true });
  const moved = count() !== before;
  if (!moved) repo.git(['rm', '-q', '-f', '--cached', '--', path], { cwd });
  return { ...result, moved };
}

const test = suite('install touches only this repository');

test('cp -a / mv, then uninstall: acts on the copy only; the original is byte for byte as it was', () => {
  const repo = djangoRepo();
  const parent = tempDir('djkg-copies-');
  try {
    repo.write('.git/hooks/pre-commit', TEAM_HOOK, 0o755);
    const pristine = snapshotTree(repo.dir);
    assert.is(repo.run(['install', '--git-hook']).code, 0);
    const installed = snapshotTree(repo.dir);
    for (const how of ['cp', 'mv']) {
      const copy = join(parent, `${how}-copy`);
      cpSync(repo.dir, copy, { recursive: true, verbatimSymlinks: true });
      const source = how === 'mv' ? join(parent, 'moved') : copy;
      if (how === 'mv') renameSync(copy, source);
      const un = repo.run(['uninstall'], { cwd: source });
      assert.is(un.code, 0, un.stderr);
      assert.equal(treeDiff(installed, snapshotTree(repo.dir)), [], `${how}: the original must not change`);
      assert.equal(
        treeDiff(pristine, snapshotTree(source)),
        [],
        `${how}: the copy is back to before install`
      );
      const clean = commit(repo, 'views.py', 'x = 1\n', source);
      assert.is(clean.moved, true, `${how}: the copy commits again after Done: ${clean.stderr}`);
      assert.match(clean.stderr, 'team-hook-ran');
    }
    assert.is(commit(repo, 'settings.py', keyFile()).moved, false, 'the original is still guarded');
  } finally {
    repo.remove();
  }
});

test('a symlinked .git/hooks/pre-commit (team script) is chained and kept as a link', () => {
  const repo = djangoRepo();
  try {
    repo.write('scripts/pre-commit', TEAM_HOOK, 0o755);
    repo.stage('scripts/pre-commit');
    repo.commit('team hook');
    symlinkSync('../../scripts/pre-commit', join(repo.dir, '.git/hooks/pre-commit'));
    const before = snapshotTree(repo.dir);
    const run = repo.run(['install', '--git-hook']);
    assert.is(run.code, 0, run.stderr);
    assert.ok(
      lstatSync(join(repo.dir, '.git/hooks/pre-commit.djkey-guard-previous')).isSymbolicLink(),
      'the team link is kept as a link'
    );
    assert.is(
      readFileSync(join(repo.dir, 'scripts/pre-commit'), 'utf8'),
      TEAM_HOOK,
      'the team script is untouched'
    );
    const key = commit(repo, 'settings.py', keyFile());
    assert.is(key.moved, false);
    assert.match(key.stderr, 'team-hook-ran');
    assert.match(key.stderr, 'secret-key');
    assert.is(repo.run(['uninstall']).code, 0);
    assert.equal(treeDiff(before, snapshotTree(repo.dir), ['settings.py']), []);
    assert.is(readlinkSync(join(repo.dir, '.git/hooks/pre-commit')), '../../scripts/pre-commit');
  } finally {
    repo.remove();
  }
});

test(
  'a symlinked .husky/pre-commit and .pre-commit-config.yaml are edited where they point and stay ' + 'links',
  () => {
    const repo = djangoRepo();
    try {
      repo.write('package.json', '{\n  "name": "site",\n  "devDependencies": { "husky": "^9.1.7" }\n}\n');
      repo.write('scripts/husky-pre-commit', 'npm test\n');
      repo.write('.husky/_/h', '');
      symlinkSync('../scripts/husky-pre-commit', join(repo.dir, '.husky/pre-commit'));
      repo.git(['config', 'core.hooksPath', '.husky/_']);
      const run = repo.run(['install', '--no-install'], {
        env: { ...repo.env, DJKEY_GUARD_PACKAGE: '0.1.0' }
      });
      assert.is(run.code, 0, run.stderr);
      assert.match(run.stderr, 'not run: --no-install');
      assert.not.match(run.stderr, /ran\s+npm/);
      assert.ok(lstatSync(join(repo.dir, '.husky/pre-commit')).isSymbolicLink());
      assert.match(
        readFileSync(join(repo.dir, 'scripts/husky-pre-commit'), 'utf8'),
        'node_modules/djkey-guard/hooks/pre-commit'
      );
      assert.match(readFileSync(join(repo.dir, 'scripts/husky-pre-commit'), 'utf8'), 'npm test');
      assert.match(
        readFileSync(join(repo.dir, '.husky/pre-merge-commit'), 'utf8'),
        'node_modules/djkey-guard/hooks/pre-commit'
      );
      assert.is(repo.run(['uninstall']).code, 0);
      assert.is(readFileSync(join(repo.dir, 'scripts/husky-pre-commit'), 'utf8'), 'npm test\n');
      assert.ok(lstatSync(join(repo.dir, '.husky/pre-commit')).isSymbolicLink());
      assert.not.ok(existsSync(join(repo.dir, '.husky/pre-merge-commit')));
    } finally {
      repo.remove();
    }
    const framework = djangoRepo();
    try {
      framework.write('shared/pre-commit-config.yaml', 'repos: []\n');
      symlinkSync('shared/pre-commit-config.yaml', join(framework.dir, '.pre-commit-config.yaml'));
      framework.run(['install', '--pre-commit']);
      assert.ok(
        lstatSync(join(framework.dir, '.pre-commit-config.yaml')).isSymbolicLink(),
        'the config stays a link'
      );
      assert.match(
        readFileSync(join(framework.dir, 'shared/pre-commit-config.yaml'), 'utf8'),
        'id: djkey-guard'
      );
      framework.run(['uninstall']);
      assert.is(readFileSync(join(framework.dir, 'shared/pre-commit-config.yaml'), 'utf8'), 'repos: []\n');
    } finally {
      framework.remove();
    }
  }
);

test(
  'a tracked core.hooksPath folder (.githooks) is not edited silently: exit 2 with the choices; ' +
    '--shared-hooks chains',
  () => {
    const repo = djangoRepo();
    try {
      repo.write('.githooks/pre-commit', TEAM_HOOK, 0o755);
      repo.stage('.githooks/pre-commit');
      repo.commit('team hooks');
      repo.git(['config', 'core.hooksPath', '.githooks']);
      const before = snapshotTree(repo.dir);
      const refused = repo.run(['install']);
      assert.is(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, 'tracked in git');
      assert.match(refused.stderr, '--shared-hooks');
      assert.not.match(refused.stderr, '--no-verify');
      assert.equal(treeDiff(before, snapshotTree(repo.dir)), [], 'nothing changed');
      const chained = repo.run(['install', '--shared-hooks']);
      assert.is(chained.code, 0, chained.stderr);
      const key = commit(repo, 'settings.py', keyFile());
      assert.is(key.moved, false);
      assert.match(key.stderr, 'team-hook-ran');
    } finally {
      repo.remove();
    }
  }
);

test("uninstall removes our text by identity; the user's edits stay", () => {
  const base = 'repos:\n-   repo: https://example.org/x\n    rev: v1\n    hooks:\n    -   id: a\n';
  const added = addPreCommitBlock(base, 'djkey-guard@1')!;
  assert.is(removePreCommitBlock(added), base);
  const team =
    '- repo: local\n  hooks:\n  - id: team\n    name: team\n    entry: ./team.sh\n    language: script\n';
  const edited = added.replace(/ +pass_filenames: false\n/, '').replace(/ +name: djkey-guard.*\n/, '') + team;
  assert.is(removePreCommitBlock(edited), base + team, 'the next repo survives a shorter block');
  const at = added.indexOf('- repo: local');
  const shared =
    added.slice(0, at) +
    added.slice(at).replace('  hooks:\n', '  hooks:\n  - id: mine\n    entry: y\n    language: system\n');
  const left = removePreCommitBlock(shared);
  assert.match(left, 'id: mine');
  assert.not.match(left, 'djkey-guard (Django');

  const repo = djangoRepo();
  try {
    assert.is(repo.run(['install', '--git-hook']).code, 0);
    const hook = join(repo.dir, '.git/hooks/pre-commit');
    writeFileSync(hook, readFileSync(hook, 'utf8') + 'echo my-own-check >&2\n');
    assert.is(repo.run(['uninstall']).code, 0);
    assert.ok(existsSync(hook), "the user's edited hook is kept");
    const left = readFileSync(hook, 'utf8');
    assert.match(left, 'echo my-own-check');
    assert.not.match(left, 'djkey-guard');
  } finally {
    repo.remove();
  }
});

test('a damaged tool copy blocks (exit 2): emptied cli.js, cut hooks/pre-commit, cut module', () => {
  const repo = djangoRepo();
  try {
    assert.is(repo.run(['install', '--git-hook']).code, 0);
    const tool = join(repo.dir, '.git/djkey-guard/tool');
    let round = 0;
    for (const [file, damage] of [
      ['dist/cli.js', (path: string) => truncateSync(path, 0)],
      ['hooks/pre-commit', (path: string) => truncateSync(path, 200)],
      ['hooks/pre-commit', (path: string) => truncateSync(path, 0)],
      ['dist/engine/scan.js', (path: string) => truncateSync(path, 0)]
    ] as const) {
      damage(join(tool, file));
      const key = commit(repo, 'settings.py', keyFile());
      assert.is(key.moved, false, `${file}: a damaged copy must block\n${key.stderr}`);
      assert.is(key.code, 1, 'git reports the failed hook');
      assert.match(key.stderr, /damaged|missing or empty/);
      assert.is(repo.run(['install', '--git-hook']).code, 0, 'install repairs the copy');
      assert.is(commit(repo, 'ok.py', `x = ${++round}\n`).moved, true);
    }
  } finally {
    repo.remove();
  }
});

test('pre-merge-commit: a merge that brings a key is judged like a commit', () => {
  const repo = djangoRepo();
  try {
    assert.is(repo.run(['install', '--git-hook']).code, 0);
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write('settings.py', keyFile());
    repo.stage('settings.py');
    repo.commit('key on a branch (skipped the hook)');
    repo.git(['checkout', '-q', 'main']);
    repo.write('other.py', 'x = 1\n');
    repo.stage('other.py');
    repo.commit('diverge');
    const merge = repo.git(['merge', '--no-ff', '-m', 'merge feature', 'feature'], { allowFail: true });
    assert.is.not(merge.code, 0, merge.stdout + merge.stderr);
    assert.match(merge.stderr, 'secret-key');
    repo.git(['merge', '--abort'], { allowFail: true });
  } finally {
    repo.remove();
  }
});

test('the plain hook says it protects this clone only; a relative DJKEY_GUARD_PACKAGE stays relative', () => {
  const repo = djangoRepo();
  try {
    const run = repo.run(['install', '--git-hook']);
    assert.match(run.stderr, 'this clone only');
    // The command a teammate runs is one that works, not a bare `djkey-guard` (on nobody's PATH).
    assert.match(run.stderr, /runs `npx --yes --package=\S+ djkey-guard install` once/);
    repo.write('package.json', '{\n  "name": "site"\n}\n');
    const absolute = repo.run(['install', '--husky', '--no-install'], {
      env: { ...repo.env, DJKEY_GUARD_PACKAGE: '/opt/vendor/djkey-guard-0.1.0.tgz' }
    });
    assert.match(absolute.stderr, 'file:/opt/vendor/djkey-guard-0.1.0.tgz, a path on this machine');
    assert.is(repo.run(['uninstall']).code, 0);
    const husky = repo.run(['install', '--husky', '--no-install'], {
      env: { ...repo.env, DJKEY_GUARD_PACKAGE: './vendor/djkey-guard-0.1.0.tgz' }
    });
    assert.is(husky.code, 0, husky.stderr);
    const manifest = readFileSync(join(repo.dir, 'package.json'), 'utf8');
    assert.match(manifest, '"djkey-guard": "file:./vendor/djkey-guard-0.1.0.tgz"');
    assert.not.match(manifest, dirname(repo.dir));
  } finally {
    repo.remove();
  }
});

test.run();
