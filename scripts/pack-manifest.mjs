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
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST = join(ROOT, 'package.json');
const SAVED = join(ROOT, '.package.json.prepack');
/** npm lifecycle scripts a consumer's npm could run; none belongs in what we ship. */
export const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare', 'prepack', 'postpack', 'prepublishOnly', 'publish', 'postpublish'];

function fail(message) {
  process.stderr.write(`djkey-guard pack: ${message}\n`);
  process.exit(1);
}

export function build() {
  let tsc;
  try {
    tsc = createRequire(MANIFEST).resolve('typescript/bin/tsc');
  } catch {
    fail('typescript is not installed, so dist/ cannot be built. Run `npm ci` first, then pack again.');
  }
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) fail(`the build failed:\n${result.stdout}${result.stderr}`);
  if (!existsSync(join(ROOT, 'dist/cli.js'))) fail('the build left no dist/cli.js');
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
