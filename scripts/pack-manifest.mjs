#!/usr/bin/env node
/**
 * `npm pack` / `npm publish` hooks (prepack, postpack). prepack builds dist/ — so a pack from a
 * clean clone is complete — and takes this repository's own lifecycle scripts out of the packed
 * package.json: `prepare` (husky, for working on djkey-guard itself) means nothing to a user and
 * makes npm 11 warn about install scripts; postpack puts the file back byte for byte.
 * Silent on success: the pre-commit framework (3.0.4) reads the whole stdout of `npm pack` as the
 * tarball name (the repository's .npmrc keeps npm's own script banners off stdout too).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST = join(ROOT, 'package.json');
const SAVED = join(ROOT, '.package.json.prepack');
const STAMP = join(ROOT, '.dist-stamp');
/** npm lifecycle scripts a consumer's npm could run; none belongs in what we ship. */
export const LIFECYCLE = [
  'preinstall',
  'install',
  'postinstall',
  'prepublish',
  'preprepare',
  'prepare',
  'postprepare',
  'prepack',
  'postpack',
  'prepublishOnly',
  'publish',
  'postpublish'
];

function fail(message) {
  process.stderr.write(`djkey-guard pack: ${message}\n`);
  process.exit(1);
}

/**
 * What dist/ was built from: the committed tree of src/ and tsconfig.json plus the compiler's
 * version — or null when the work tree differs from HEAD there (then always build).
 */
function sourceStamp(tscPath) {
  const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const dirty = git(['status', '--porcelain', '--untracked-files=all', '--', 'src', 'tsconfig.json']);
  if (dirty.status !== 0 || dirty.stdout.trim()) return null;
  const trees = git(['rev-parse', 'HEAD:src', 'HEAD:tsconfig.json']);
  if (trees.status !== 0) return null;
  const compiler = JSON.parse(readFileSync(join(dirname(dirname(tscPath)), 'package.json'), 'utf8')).version;
  return `${trees.stdout.trim().split('\n').join(' ')} typescript@${compiler}`;
}

/** Names, sizes and mtimes under dist/: a later `npm run build` from edited sources changes it. */
function distDigest() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\0`);
      }
    }
  };
  walk(join(ROOT, 'dist'));
  return hash.digest('hex');
}

/** Build dist/ from scratch, unless it was built from exactly this committed source already. */
export function build() {
  let tsc;
  try {
    tsc = createRequire(MANIFEST).resolve('typescript/bin/tsc');
  } catch {
    fail('typescript is not installed, so dist/ cannot be built. Run `npm ci` first, then pack again.');
  }
  const stamp = sourceStamp(tsc);
  if (
    stamp &&
    existsSync(join(ROOT, 'dist/cli.js')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8') === `${stamp}\n${distDigest()}`
  )
    return;
  rmSync(STAMP, { force: true });
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.json')], {
    cwd: ROOT,
    encoding: 'utf8'
  });
  if (result.status !== 0) fail(`the build failed:\n${result.stdout}${result.stderr}`);
  if (!existsSync(join(ROOT, 'dist/cli.js'))) fail('the build left no dist/cli.js');
  // The published bin as one entry + chunks (scripts/bundle.mjs, issue 12: hook latency). Part of
  // the build here, so a pack and a release ship the same bin and share the stamp below.
  const bundled = spawnSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs')], {
    cwd: ROOT,
    encoding: 'utf8'
  });
  if (bundled.status !== 0) fail(`bundling the bin failed:\n${bundled.stdout}${bundled.stderr}`);
  if (stamp) writeFileSync(STAMP, `${stamp}\n${distDigest()}`);
}

/** The manifest a user installs: no lifecycle scripts of ours. */
export function shippedManifest(text) {
  const manifest = JSON.parse(text.replace(/^\uFEFF/, ''));
  for (const name of LIFECYCLE) delete manifest.scripts?.[name];
  return manifest;
}

const step = import.meta.url === pathToFileURL(process.argv[1] ?? '').href ? process.argv[2] : undefined;
if (step === 'prepack') {
  build();
  const text = readFileSync(MANIFEST, 'utf8');
  // A leftover from an interrupted pack is the original: never overwrite it with a stripped copy.
  if (!existsSync(SAVED)) writeFileSync(SAVED, text);
  writeFileSync(MANIFEST, JSON.stringify(shippedManifest(text), null, 2) + '\n');
} else if (step === 'postpack') {
  if (existsSync(SAVED)) renameSync(SAVED, MANIFEST);
} else if (step) {
  fail(`unknown step ${step} (prepack or postpack)`);
}
