/**
 * E2E, DESIGN §5 "every channel gives a working djkey-guard", from a clean clone of this
 * repository: `npm pack` (complete, clean stdout, no lifecycle scripts shipped), `npm run release`
 * (a tag users install from), then each channel into a fresh repo and real commits through the
 * hook — a key is blocked, a clean commit passes:
 *   tarball · `npm i -D git+file://…#<tag>` · pre-commit remote-repo mode (/usr/bin/pre-commit,
 *   `rev:` the tag) · `npx --package=<tgz> djkey-guard install`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { djangoRepo, exec } from '../helpers/repo.js';
import { insecureKey } from '../helpers/keys.js';
import { assertGuards, E2E_ENV, packTarball, releaseTag, tryCommit } from '../helpers/e2e.js';

const LIFECYCLE = ['prepare', 'prepack', 'postpack', 'preinstall', 'install', 'postinstall'];

const test = suite('e2e channels (from a clean clone)');

test('npm pack: stdout is the file name alone; dist/ built; no lifecycle scripts shipped', () => {
  const tgz = packTarball();
  const list = exec('tar', ['tzf', tgz], { cwd: '/' }).stdout.split('\n');
  for (const part of ['package/dist/cli.js', 'package/hooks/pre-commit', 'package/package.json'])
    assert.ok(list.includes(part), `${part} missing`);
  const manifest = JSON.parse(exec('tar', ['xzf', tgz, '-O', 'package/package.json'], { cwd: '/' }).stdout);
  for (const name of LIFECYCLE)
    assert.is(manifest.scripts?.[name], undefined, `scripts.${name} must not ship`);
});

test(
  'npm run release: a local tag on a commit with dist/ and a script-free package.json; branch ' + 'untouched',
  () => {
    const { repo, tag } = releaseTag();
    const git = (...args: string[]) => exec('git', args, { cwd: repo, env: E2E_ENV }).stdout.trim();
    const head = git('rev-parse', 'HEAD');
    assert.is(git('rev-parse', `${tag}^{commit}^`), head, 'the release commit sits on top of HEAD');
    assert.is(git('status', '--porcelain', '--untracked-files=no'), '');
    const files = git('ls-tree', '-r', '--name-only', tag).split('\n');
    for (const part of ['dist/cli.js', 'hooks/pre-commit', '.pre-commit-hooks.yaml'])
      assert.ok(files.includes(part), `${part} not in ${tag}`);
    const manifest = JSON.parse(git('show', `${tag}:package.json`));
    assert.is(manifest.version, tag.slice(1));
    assert.is(manifest.scripts, undefined);
    assert.is(manifest.devDependencies, undefined);
    assert.is(git('branch', '--contains', tag), '', 'no branch moved');
    const again = exec('npm', ['run', '--silent', 'release', '--', tag.slice(1)], {
      cwd: repo,
      env: E2E_ENV
    });
    assert.is(again.code, 2);
    assert.match(again.stderr, 'exists already');
  }
);

test('tarball: npm i -D <tgz>, then djkey-guard install (husky route)', () => {
  const repo = djangoRepo();
  try {
    repo.write('package.json', '{\n  "name": "site",\n  "private": true\n}\n');
    const add = exec('npm', ['install', '-D', packTarball()], { cwd: repo.dir, env: E2E_ENV });
    assert.is(add.code, 0, add.stderr);
    const install = exec(join(repo.dir, 'node_modules/.bin/djkey-guard'), ['install'], {
      cwd: repo.dir,
      env: E2E_ENV
    });
    assert.is(install.code, 0, install.stderr);
    repo.stage('.');
    repo.git(['reset', '-q', '--', 'node_modules']);
    assertGuards(repo, { label: 'tarball' });
  } finally {
    repo.remove();
  }
});

test('git URL: npm i -D git+file://<clone>#<tag> gives .bin/djkey-guard; install; commits', () => {
  const { repo: source, tag } = releaseTag();
  const repo = djangoRepo();
  try {
    repo.write('package.json', '{\n  "name": "site",\n  "private": true\n}\n');
    const add = exec('npm', ['install', '-D', `git+file://${source}#${tag}`], {
      cwd: repo.dir,
      env: E2E_ENV
    });
    assert.is(add.code, 0, add.stderr);
    const bin = join(repo.dir, 'node_modules/.bin/djkey-guard');
    assert.ok(existsSync(bin), 'npm linked the bin');
    assert.is(exec(bin, ['--version'], { cwd: repo.dir, env: E2E_ENV }).stdout.trim(), tag.slice(1));
    const install = exec(bin, ['install'], { cwd: repo.dir, env: E2E_ENV });
    assert.is(install.code, 0, install.stderr);
    assert.match(readFileSync(join(repo.dir, 'package.json'), 'utf8'), `git+file://${source}#${tag}`);
    repo.git(['add', '--', 'package.json', '.husky']);
    assertGuards(repo, { label: 'git URL' });
  } finally {
    repo.remove();
  }
});

test('pre-commit remote-repo mode: repo: <clone>, rev: <tag>, .pre-commit-hooks.yaml', () => {
  if (exec('sh', ['-c', 'command -v pre-commit'], { cwd: '/' }).code !== 0)
    throw new Error('pre-commit is not installed (.ci/run installs it)');
  const { repo: source, tag } = releaseTag();
  const repo = djangoRepo();
  try {
    repo.write(
      '.pre-commit-config.yaml',
      `repos:\n-   repo: ${source}\n    rev: ${tag}\n    hooks:\n    -   id: djkey-guard\n        ` +
        `language_version: system\n`
    );
    repo.stage('.pre-commit-config.yaml');
    const env = { ...E2E_ENV, PRE_COMMIT_HOME: join(repo.dir, '.git/pre-commit-home') };
    const install = exec('pre-commit', ['install'], { cwd: repo.dir, env });
    assert.is(install.code, 0, install.stderr);
    const key = tryCommit(
      {
        ...repo,
        git: (args, options = {}) => repo.git(args, { ...options, env: { ...env, ...options.env } })
      },
      'mysite/settings.py',
      `SECRET_KEY = '${insecureKey(19)}'\n`
    );
    assert.is(key.moved, false, `pre-commit: a literal key must be blocked\n${key.stdout}${key.stderr}`);
    assert.match(key.stdout + key.stderr, 'secret-key');
    assert.not.match(key.stdout + key.stderr, 'not found');
    const clean = tryCommit(
      {
        ...repo,
        git: (args, options = {}) => repo.git(args, { ...options, env: { ...env, ...options.env } })
      },
      'mysite/views.py',
      'x = 1\n'
    );
    assert.is(clean.moved, true, clean.stdout + clean.stderr);
  } finally {
    repo.remove();
  }
});

test('npx --package=<tgz> djkey-guard install (no package.json: plain hook)', () => {
  const repo = djangoRepo();
  try {
    const npx = exec('npx', ['--yes', `--package=${packTarball()}`, 'djkey-guard', 'install'], {
      cwd: repo.dir,
      env: E2E_ENV
    });
    assert.is(npx.code, 0, npx.stderr);
    assert.match(npx.stderr, /added\s+\.git\/hooks\/pre-commit/);
    assertGuards(repo, { label: 'npx' });
  } finally {
    repo.remove();
  }
});

test.run();
