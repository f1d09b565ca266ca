#!/usr/bin/env node
/**
 * `npm run release -- <version>`: make the commit a release tag points at, locally (never pushes).
 *
 * A clean clone of main is not installable as it stands: dist/ is built, not committed. Every
 * channel that installs from git — `npm i github:…#v1.2.3`, `git+https://…#v1.2.3`, the
 * pre-commit framework's `repo:`/`rev:` — gets the tagged commit and nothing else, and npm is
 * moving to not running a dependency's scripts at all. So the tag points at a commit of its own,
 * a child of HEAD on no branch, that holds:
 *   - the built dist/ (force-added: .gitignore keeps it out of ordinary commits),
 *   - a package.json with the version set, no lifecycle scripts (pre-commit 3.0.4 reads the whole
 *     stdout of `npm pack` as the tarball name, so a script banner breaks it) and no
 *     devDependencies (pre-commit runs `npm install --dev` in the clone before packing).
 * The branch is not touched. Push the tag yourself: git push origin v<version>.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, shippedManifest } from './pack-manifest.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(2);
}

function git(args, options = {}) {
  const result = spawnSync('git', args, {
    cwd: ROOT,
    encoding: 'utf8',
    ...options,
    env: { ...process.env, ...options.env }
  });
  if (result.error) fail(`git could not run: ${result.error.message}`);
  if (result.status !== 0 && !options.allowFail)
    fail(`git ${args.join(' ')} failed:\n${result.stderr.trim()}`);
  return result;
}

const version = process.argv[2]?.replace(/^v/, '');
if (!version || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(version)) {
  fail(
    `usage: npm run release -- <version>   (a semver such as 1.2.3; ` +
      `got ${JSON.stringify(process.argv[2] ?? '')})`
  );
}
const tag = `v${version}`;
if (git(['rev-parse', '-q', '--verify', `refs/tags/${tag}`], { allowFail: true }).status === 0)
  fail(`tag ${tag} exists already`);
// dist/ is built from the work tree: it must be exactly HEAD.
const dirty = git([
  'status',
  '--porcelain',
  '--untracked-files=all',
  '--',
  'src',
  'hooks',
  'package.json',
  'tsconfig.json',
  '.pre-commit-hooks.yaml'
]).stdout.trim();
if (dirty) fail(`commit or stash these first (the release is built from HEAD):\n${dirty}`);

build();
const manifest = shippedManifest(readFileSync(join(ROOT, 'package.json'), 'utf8'));
manifest.version = version;
delete manifest.scripts;
delete manifest.devDependencies;
const blob = git(['hash-object', '-w', '--stdin'], {
  input: JSON.stringify(manifest, null, 2) + '\n'
}).stdout.trim();

// A private index: the user's own index and branch stay as they are.
const scratch = mkdtempSync(join(tmpdir(), 'djkey-guard-release-'));
const env = { GIT_INDEX_FILE: join(scratch, 'index') };
try {
  git(['read-tree', 'HEAD'], { env });
  git(['add', '-f', '--', 'dist'], { env });
  git(['update-index', '--add', '--cacheinfo', `100644,${blob},package.json`], { env });
  const tree = git(['write-tree'], { env }).stdout.trim();
  const listed = git([
    'ls-tree',
    '-r',
    '--name-only',
    tree,
    '--',
    'dist/cli.js',
    'hooks/pre-commit',
    '.pre-commit-hooks.yaml'
  ])
    .stdout.trim()
    .split('\n');
  if (listed.length !== 3) fail(`the release tree lacks a part (has: ${listed.join(', ')})`);
  const message =
    `release ${tag}\n\nBuilt dist/ and an install-ready package.json (no lifecycle ` +
    `scripts), for installs from git.\nMade by \`npm run release -- ${version}\` ` +
    `from ${git(['rev-parse', '--short', 'HEAD']).stdout.trim()}.\n`;
  const commit = git(['commit-tree', tree, '-p', 'HEAD'], { input: message }).stdout.trim();
  git(['tag', tag, commit]);
  process.stdout.write(
    `Tagged ${tag} → ${commit.slice(0, 12)} (a release commit on top of HEAD; no branch moved, nothing ` +
      `pushed).\n` +
      `Publish it with: git push origin ${tag}\n` +
      `Then: npm i -D github:<you>/djkey-guard#${tag}, or in .pre-commit-config.yaml: rev: ${tag}\n`
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
