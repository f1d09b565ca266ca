/**
 * The git floor for a staged scan, driven from node: list what is staged, then read every staged
 * blob through one `git cat-file --batch --buffer`, and do nothing with it. djkey-guard cannot be faster.
 */
import { spawn, execFileSync } from 'node:child_process';

const listing = execFileSync(
  'git',
  ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=d'],
  { maxBuffer: 1 << 30 }
);
const oids = [];
const fields = listing.toString('utf8').split('\0');
for (let i = 0; i < fields.length; i++) {
  if (fields[i].startsWith(':')) {
    oids.push(fields[i].split(' ')[3]);
    i++;
  }
}
const child = spawn('git', ['cat-file', '--batch', '--buffer'], { stdio: ['pipe', 'pipe', 'inherit'] });
let bytes = 0;
child.stdout.on('data', (chunk) => (bytes += chunk.length));
child.stdin.end(oids.join('\n') + '\n');
child.on('close', (code) => {
  process.exitCode = code ?? 1;
  if (process.env.BENCH_VERBOSE) console.error(`${oids.length} blobs, ${bytes} bytes`);
});
