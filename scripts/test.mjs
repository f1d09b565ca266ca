#!/usr/bin/env node
/**
 * `npm test`: the three tiers (test/unit, test/integration, test/e2e) as two concurrent lanes.
 * A serial uvu run keeps one core busy: almost every test waits on the git, node, npm or python
 * process it spawned. On 2 cores the e2e tier (npm installs, pre-commit, Django) runs beside
 * unit then integration, which take about as long together. Each tier's output is printed whole
 * when it ends (readable logs; .ci/run still sums every "Total:"/"Passed:" line), and the exit
 * code is 1 if any tier failed. TEST_SERIAL=1 runs the tiers one after the other instead.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LANES = process.env.TEST_SERIAL
  ? [['test/unit', 'test/integration', 'test/e2e']]
  : [['test/e2e'], ['test/unit', 'test/integration']];

/** Run one tier; resolves with its exit code and everything it printed. */
function tier(dir) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'node_modules/uvu/bin.js', dir, '\\.test\\.ts$', '-i', 'helpers'],
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
      process.stdout.write(`\n== ${dir} (${seconds} s${signal ? `, killed by ${signal}` : ''})\n${output}`);
      resolve(code ?? 1);
    });
  });
}

async function lane(dirs) {
  const codes = [];
  for (const dir of dirs) codes.push(await tier(dir));
  return codes;
}

const codes = (await Promise.all(LANES.map(lane))).flat();
process.exitCode = codes.every((code) => code === 0) ? 0 : 1;
