#!/usr/bin/env node
/**
 * `npm run bench`: latency and peak memory of djkey-guard against its floors, interleaved in one run.
 *   - staged scans: `node -e 0`, the git floor driven from node (bench/git-floor.mjs), djkey-guard,
 *     and secretlint on the same staged files, for 1 / 3-on-5,000 / 100 / 1,000 / 10,000 files;
 *   - `djkey-guard history` against `git log -p --all` on a 2,000-commit repository;
 *   - `djkey-guard pre-receive` of a 1,000-commit push against `git log -p` over it (bench/pre-receive.mjs);
 *   - a real `git commit` through a hook running `node <dist>/cli.js` against an empty hook.
 * Prints medians, ratios and peak RSS as a Markdown table (also written to bench/.work/results.md).
 * Options: --runs N (default 7), --quick (3 runs, smaller sets), --no-secretlint.
 * Not a test: timings on a shared machine are noisy, so nothing here asserts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const WORK = join(BENCH, '.work');
const CLI = join(ROOT, 'dist/cli.js');
const FLOOR = join(BENCH, 'git-floor.mjs');
const SECRETLINT_DIR = join(WORK, 'secretlint');
const SECRETLINT_VERSION = '11.7.1'; // 12+ needs Node 22; 11 runs on Node 20
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const runs = Number(argv[argv.indexOf('--runs') + 1]) || (quick ? 3 : 7);
const withSecretlint = !argv.includes('--no-secretlint');

if (!existsSync(CLI)) {
  console.error('dist/cli.js is missing: run `npm run build` first (npm run bench does).');
  process.exit(2);
}
const { GIT_ENV, git, stagedRepo, historyRepo, fileAt } = await import('./generate.mjs');
mkdirSync(WORK, { recursive: true });

/** secretlint from npm, installed into bench/.work (not a devDependency: 22 MB the tests never use). */
function secretlintBin() {
  const bin = join(SECRETLINT_DIR, 'node_modules/secretlint/bin/secretlint.js');
  if (!withSecretlint) return null;
  if (!existsSync(bin)) {
    console.error(`installing secretlint@${SECRETLINT_VERSION} into bench/.work ...`);
    mkdirSync(SECRETLINT_DIR, { recursive: true });
    writeFileSync(join(SECRETLINT_DIR, 'package.json'), '{"private": true}\n');
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--silent', `secretlint@${SECRETLINT_VERSION}`, `@secretlint/secretlint-rule-preset-recommend@${SECRETLINT_VERSION}`], { cwd: SECRETLINT_DIR, stdio: 'inherit' });
    if (install.status !== 0) {
      console.error('secretlint could not be installed; its column is left out.');
      return null;
    }
  }
  return bin;
}

/** One timed run: wall ms from here, peak RSS (KB) of the process tree from GNU time. */
function measure({ cmd, args, cwd, expect = [0], timeout }) {
  const rssFile = join(WORK, 'rss.txt');
  // coreutils `timeout` kills the tool itself (killing /usr/bin/time would orphan it).
  const command = timeout ? ['timeout', '-s', 'KILL', String(timeout / 1000), cmd, ...args] : [cmd, ...args];
  const [file, fileArgs] = TIME ? [TIME, ['-f', '%M', '-o', rssFile, ...command]] : [command[0], command.slice(1)];
  const started = process.hrtime.bigint();
  const result = spawnSync(file, fileArgs, { cwd, env: GIT_ENV, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (timeout && result.status === 137) return { ms: Infinity, kb: NaN };
  if (!expect.includes(result.status)) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} exited ${result.status}: ${String(result.stderr).slice(0, 500)}`);
  const kb = TIME ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
  return { ms, kb };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Run every tool `runs` times, interleaved (rotating order each round); medians per tool. */
function interleave(tools) {
  const samples = tools.map(() => []);
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < tools.length; k++) {
      const index = (k + round) % tools.length;
      // A tool that timed out once is not run again in this set.
      if (samples[index].some((s) => s.ms === Infinity)) continue;
      samples[index].push(measure(tools[index]));
    }
  }
  return samples.map((list) => ({ ms: median(list.map((s) => s.ms)), kb: Math.max(...list.map((s) => s.kb).filter(Number.isFinite)) }));
}

const SECRETLINT_TIMEOUT = 60_000;
const fmtMs = (ms) => (ms === Infinity ? `> ${SECRETLINT_TIMEOUT / 1000} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const fmtMb = (kb) => (Number.isFinite(kb) ? `${Math.round(kb / 1024)} MB` : 'n/a');
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;

const lines = [];
const out = (line = '') => {
  lines.push(line);
  console.log(line);
};

const secretlint = secretlintBin();
const rc = JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] });
const load = loadavg()[0].toFixed(1);
const gitVersion = spawnSync('git', ['--version']).stdout.toString().trim();

const sets = [
  { label: '1 staged file', historyFiles: 0, staged: 1 },
  { label: '3 staged files, 5,000-file history', historyFiles: quick ? 1000 : 5000, staged: 3, budget: 'node' },
  { label: '100 staged files', historyFiles: 0, staged: 100 },
  { label: '1,000 staged files', historyFiles: 0, staged: 1000 },
  { label: '10,000 staged files', historyFiles: 0, staged: quick ? 2000 : 10000, budget: 'floor' },
];

out(`Median of ${runs} interleaved runs; peak RSS of the whole process tree. ${cpus().length} CPUs, Node ${process.version}, ${gitVersion}, load average ${load} at start.`);
out();
out(`| Staged set | \`node -e 0\` | git floor | djkey-guard | ${secretlint ? `secretlint ${SECRETLINT_VERSION}` : 'secretlint'} | djkey-guard ÷ node / ÷ floor | budget | peak RSS djkey-guard${secretlint ? ' / secretlint' : ''} |`);
out('|---|--:|--:|--:|--:|--:|---|--:|');
for (const set of sets) {
  const dir = join(WORK, `staged-${set.historyFiles}-${set.staged}`);
  process.stderr.write(`generating ${set.label} ...\n`);
  const paths = stagedRepo(dir, set);
  const tools = [
    { cmd: process.execPath, args: ['-e', '0'], cwd: dir },
    { cmd: process.execPath, args: [FLOOR], cwd: dir },
    { cmd: process.execPath, args: [CLI], cwd: dir },
  ];
  if (secretlint) tools.push({ cmd: process.execPath, args: [secretlint, '--no-glob', '--secretlintrcJSON', rc, ...paths], cwd: dir, timeout: SECRETLINT_TIMEOUT });
  const [node, floor, guard, other] = interleave(tools);
  let budget = '';
  if (set.budget === 'node') budget = `≤ 1.5x node: ${guard.ms / node.ms <= 1.5 ? 'met' : 'MISSED'}`;
  if (set.budget === 'floor') budget = `≤ 2x floor: ${guard.ms / floor.ms <= 2 ? 'met' : 'MISSED'}`;
  out(`| ${set.label} | ${fmtMs(node.ms)} | ${fmtMs(floor.ms)} | ${fmtMs(guard.ms)} | ${other ? fmtMs(other.ms) : 'n/a'} | ${ratio(guard.ms, node.ms)} / ${ratio(guard.ms, floor.ms)} | ${budget} | ${fmtMb(guard.kb)}${other ? ` / ${fmtMb(other.kb)}` : ''} |`);
  rmSync(dir, { recursive: true, force: true });
}

out();
const commits = quick ? 500 : 2000;
const historyDir = join(WORK, `history-${commits}`);
process.stderr.write(`generating ${commits} commits ...\n`);
historyRepo(historyDir, commits);
const [logP, history] = interleave([
  { cmd: 'git', args: ['log', '-p', '--all'], cwd: historyDir },
  { cmd: process.execPath, args: [CLI, 'history'], cwd: historyDir, expect: [1] },
]);
out(`| History (${commits.toLocaleString('en')} commits, all refs) | \`git log -p --all\` | \`djkey-guard history\` | ratio | budget | peak RSS git / djkey-guard |`);
out('|---|--:|--:|--:|---|--:|');
out(`| ${commits.toLocaleString('en')} commits, 2 files changed in each | ${fmtMs(logP.ms)} | ${fmtMs(history.ms)} | ${ratio(history.ms, logP.ms)} | ≤ 2x: ${history.ms / logP.ms <= 2 ? 'met' : 'MISSED'} | ${fmtMb(logP.kb)} / ${fmtMb(history.kb)} |`);
rmSync(historyDir, { recursive: true, force: true });

// --- pre-receive (issue 11): a 1,000-commit push; the case lives in bench/pre-receive.mjs ---
out();
const { preReceiveRows } = await import('./pre-receive.mjs');
for (const line of preReceiveRows(WORK, CLI, interleave, fmtMs, fmtMb, ratio)) out(line);
// --- end pre-receive ---

out();
for (const line of hookOverhead()) out(line);
out();
out(`Load average ${loadavg()[0].toFixed(1)} at the end.`);
writeFileSync(join(WORK, 'results.md'), lines.join('\n') + '\n');

/** A real `git commit` (3 files, 5,000-file history) with core.hooksPath → empty hook vs djkey-guard. */
function hookOverhead() {
  const dir = join(WORK, 'hook-repo');
  process.stderr.write('generating the hook repository ...\n');
  stagedRepo(dir, { historyFiles: quick ? 1000 : 5000, staged: 0 });
  const hooks = { empty: join(WORK, 'hooks-empty'), guard: join(WORK, 'hooks-guard') };
  for (const [name, body] of [['empty', 'exit 0'], ['guard', `node "${CLI}"`]]) {
    mkdirSync(hooks[name], { recursive: true });
    writeFileSync(join(hooks[name], 'pre-commit'), `#!/bin/sh\n${body}\n`);
    chmodSync(join(hooks[name], 'pre-commit'), 0o755);
  }
  let revision = 0;
  const commitWith = (hooksPath) => ({
    cmd: 'git',
    get args() {
      // A fresh 3-file change staged before each timed commit (staging is not timed).
      revision++;
      for (const n of [1, 2, 3]) writeFileSync(join(dir, fileAt(n)[0]), fileAt(n, revision)[1]);
      git(dir, ['add', '-u']);
      return ['-c', `core.hooksPath=${hooksPath}`, 'commit', '-q', '-m', `change ${revision}`];
    },
    cwd: dir,
  });
  const [empty, guard] = interleave([commitWith(hooks.empty), commitWith(hooks.guard)]);
  rmSync(dir, { recursive: true, force: true });
  return [
    '| `git commit` of 3 files (5,000-file history) | empty hook | hook running `node dist/cli.js` | overhead per commit |',
    '|---|--:|--:|--:|',
    `| real commit through core.hooksPath | ${fmtMs(empty.ms)} | ${fmtMs(guard.ms)} | +${fmtMs(guard.ms - empty.ms)} |`,
  ];
}
