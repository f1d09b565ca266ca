/**
 * Fail closed (DESIGN §4.7): what cannot be read is never reported clean, and no input can hang a
 * scan. Real git, real CLI; every "finishes" case runs under a timeout.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CLI, createRepo, type Repo, type RunResult } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';

const test = suite<{ repo: Repo }>('fail closed');
test.before.each((context) => {
  context.repo = createRepo();
});
test.after.each((context) => {
  context.repo.remove();
});

/** Delete a loose object, as a broken mirror or an interrupted fetch leaves it. */
function loseObject(repo: Repo, oid: string): void {
  rmSync(join(repo.dir, '.git/objects', oid.slice(0, 2), oid.slice(2)));
}

function blobOf(repo: Repo, spec: string): string {
  return repo.git(['rev-parse', spec]).stdout.trim();
}

test('missing blob: the staged scan exits 2 and names it', ({ repo }) => {
  repo.write('a.txt', 'hello\n');
  repo.stage('a.txt');
  repo.commit();
  repo.write('settings.py', `SECRET_KEY = '${sampleKey(31)}'\n`);
  repo.stage('settings.py');
  const oid = blobOf(repo, ':settings.py');
  loseObject(repo, oid);
  const result = repo.run();
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, oid);
  assert.not.match(result.stderr, '    at ');
});

test('missing blob: --all and history exit 2 and name it', ({ repo }) => {
  repo.write('clean.txt', 'nothing here\n');
  repo.write('other.txt', 'nor here\n');
  repo.stage('clean.txt', 'other.txt');
  repo.commit();
  const oid = blobOf(repo, 'HEAD:clean.txt');
  loseObject(repo, oid);
  const all = repo.run(['--all']);
  assert.is(all.code, 2, all.stderr);
  assert.match(all.stderr, oid);
  const history = repo.run(['history']);
  assert.is(history.code, 2, history.stderr);
  assert.match(history.stderr, oid);
});

/** The CLI under a timeout: a hang fails the test instead of stalling the suite. */
function runWithin(repo: Repo, ms: number, args: string[] = []): RunResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: repo.dir,
    env: repo.env,
    encoding: 'utf8',
    timeout: ms
  });
  assert.is(result.error, undefined, `did not finish within ${ms} ms`);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const CATASTROPHIC = Array.from({ length: 12 }, () => 'a/**').join('/') + '/b\n';
const DEEP = Array.from({ length: 60 }, () => 'a').join('/');

test('finishes: a catastrophic .djkeyguardignore pattern and a deep staged path', ({ repo }) => {
  repo.write('.djkeyguardignore', CATASTROPHIC);
  repo.write(`${DEEP}/settings.py`, `SECRET_KEY = '${sampleKey(32)}'\n`);
  repo.stage('.djkeyguardignore', DEEP);
  const result = runWithin(repo, 20_000);
  assert.is(result.code, 1, result.stderr);
});

test('finishes: a catastrophic pattern in a staged .gitignore and a deep .env', ({ repo }) => {
  // Staged in this order: git's own matcher (git add) would take minutes on the deep path too.
  repo.write(`${DEEP}/.env`, 'DEBUG=1\n');
  repo.stage(`${DEEP}/.env`);
  repo.write('.gitignore', CATASTROPHIC);
  repo.stage('.gitignore');
  const result = runWithin(repo, 20_000);
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, 'env-file');
});

test('env-file names in any case: .ENV and .Env.local block, .Env.Example passes', ({ repo }) => {
  repo.write('.ENV', 'DEBUG=1\n');
  repo.write('app/.Env.local', 'DEBUG=1\n');
  repo.write('app/.Env.Example', 'DEBUG=1\n');
  repo.stage('.ENV', 'app');
  const result = runWithin(repo, 20_000);
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, '.ENV');
  assert.match(result.stderr, 'app/.Env.local');
  assert.not.match(result.stderr, '.Env.Example');
});

test.run();
