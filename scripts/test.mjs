#!/usr/bin/env node
/**
 * `npm test`: the three tiers (test/unit, test/integration, test/e2e) in three concurrent lanes.
 * A serial uvu run keeps one core busy: almost every test waits on the git, node, npm or python
 * process it spawned. On 2 cores three lanes keep both busy: the e2e tier (npm installs,
 * pre-commit, Django), the integration files that push and clone, and unit then the rest of
 * integration (about 3 minutes in all, against 4 in two lanes). Each tier's output is printed whole
 * when it ends (readable logs; .ci/run still sums every "Total:"/"Passed:" line), and the exit
 * code is 1 if any tier failed. TEST_SERIAL=1 runs the tiers one after the other instead.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ALL = '\\.test\\.ts$';
/** The integration files that push, clone and fetch (about half the tier's time): a lane of their own. */
const SERVER_FILES = '(action|ci-trust|fail-closed|history|history-range|pre-receive|pre-receive-trust)';
const SERVERS = `^${SERVER_FILES}\\.test\\.ts$`;
const OTHERS = `^(?!${SERVER_FILES}\\.test\\.ts$).*\\.test\\.ts$`;
/** Lanes of [folder, file pattern] run one after the other; the lanes run side by side. */
const LANES = process.env.TEST_SERIAL
  ? [
      [
        ['test/unit', ALL],
        ['test/integration', ALL],
        ['test/e2e', ALL]
      ]
    ]
  : [
      [['test/e2e', ALL]],
      [['test/integration', SERVERS]],
      [
        ['test/unit', ALL],
        ['test/integration', OTHERS]
      ]
    ];

/** Run one tier; resolves with its exit code and everything it printed. */
function tier([dir, pattern]) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'node_modules/uvu/bin.js', dir, pattern, '-i', 'helpers'],
      {
        cwd: ROOT,
        env: process.stdout.isTTY ? { FORCE_COLOR: '1', ...process.env } : process.env,
        stdio: ['ignore', 'pipe', 'pipe']
      }
    );
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const output = Buffer.concat(chunks).toString('utf8');
      const files = pattern === ALL ? '' : `${pattern} `;
      const killed = signal ? `, killed by ${signal}` : '';
      process.stdout.write(`\n== ${dir} ${files}(${seconds} s${killed})\n${output}`);
      resolve(code ?? 1);
    });
  });
}

async function lane(tiers) {
  const codes = [];
  for (const entry of tiers) codes.push(await tier(entry));
  return codes;
}

const codes = (await Promise.all(LANES.map(lane))).flat();
process.exitCode = codes.every((code) => code === 0) ? 0 : 1;
