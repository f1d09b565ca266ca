/**
 * What users run: `npm pack` of this repository (prepack builds and bundles dist/), installed from
 * the tarball into bench/.work/pkg like any dependency. The bench times that bin, not the dev
 * build. `--dev` (run.mjs) times dist/cli.js of the work tree instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Pack and install; returns { tarball, root (the installed package), cli, prefix (its node_modules' parent)
 * }.
 */
export function packedTool(repoRoot, work) {
  const packs = join(work, 'pack');
  rmSync(packs, { recursive: true, force: true });
  mkdirSync(packs, { recursive: true });
  process.stderr.write('packing djkey-guard (npm pack) ...\n');
  const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', packs], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit']
  });
  const tarball = readdirSync(packs).find((name) => name.endsWith('.tgz'));
  if (pack.status !== 0 || !tarball) throw new Error('npm pack failed');
  const prefix = join(work, 'pkg');
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), '{"private": true}\n');
  const install = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--silent', '--prefer-offline', join(packs, tarball)],
    { cwd: prefix, stdio: ['ignore', 'ignore', 'inherit'] }
  );
  const root = join(prefix, 'node_modules', 'djkey-guard');
  const cli = join(root, 'dist', 'cli.js');
  if (install.status !== 0 || !existsSync(cli)) throw new Error('installing the packed tarball failed');
  return { tarball: join(packs, tarball), root, cli, prefix };
}
