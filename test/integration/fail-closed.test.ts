/**
 * Fail closed (DESIGN §4.7): what cannot be read is never reported clean, and no input can hang a
 * scan. Real git, real CLI; every "finishes" case runs under a timeout.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { CLI, type Repo, type RunResult, repoSuite } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';

const test = repoSuite('fail closed');

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

/** A history of `count` commits, each adding one file; returns the blob and tree ids per commit. */
function buildHistory(
  repo: Repo,
  count: number
): Array<{ blob: string; tree: string; commit: string; path: string }> {
  const made: Array<{ blob: string; tree: string; commit: string; path: string }> = [];
  for (let i = 0; i < count; i++) {
    const path = `pkg${i}/notes.txt`;
    repo.write(path, `note ${i}\n`);
    repo.stage(path);
    repo.commit(`c${i}`);
    made.push({
      path,
      blob: blobOf(repo, `HEAD:${path}`),
      tree: blobOf(repo, `HEAD:pkg${i}`),
      commit: blobOf(repo, 'HEAD')
    });
  }
  return made;
}

test('history: every missing object named with a path and a commit, the partial findings in JSON', ({
  repo
}) => {
  repo.write('mysite/settings.py', `SECRET_KEY = '${sampleKey(41)}'\n`);
  repo.stage('mysite/settings.py');
  repo.commit('key');
  const made = buildHistory(repo, 6);
  // Two blobs and a whole folder (its tree) gone, as on a broken mirror.
  const lost = [made[1]!.blob, made[3]!.blob, made[5]!.tree];
  for (const oid of lost) loseObject(repo, oid);
  const text = runWithin(repo, 20_000, ['history']);
  assert.is(text.code, 2, text.stderr);
  assert.match(text.stderr, 'cannot read 3 git objects');
  for (const [index, oid] of [
    [1, made[1]!.blob],
    [3, made[3]!.blob]
  ] as const) {
    const line = text.stderr.split('\n').find((row) => row.includes(oid)) ?? '';
    assert.match(line, made[index]!.path, text.stderr);
    assert.match(line, `in commit ${made[index]!.commit.slice(0, 12)}`, text.stderr);
  }
  const treeLine = text.stderr.split('\n').find((row) => row.includes(made[5]!.tree)) ?? '';
  assert.match(treeLine, 'pkg5/', text.stderr);
  assert.match(treeLine, `in commit ${made[5]!.commit.slice(0, 12)}`);
  assert.not.match(text.stderr, '    at ');

  const json = runWithin(repo, 20_000, ['history', '--format', 'json']);
  assert.is(json.code, 2, json.stderr);
  const document = JSON.parse(json.stdout);
  assert.is(document.error.count, 3);
  assert.equal(document.error.missing.map((m: { oid: string }) => m.oid).sort(), [...lost].sort());
  assert.ok(Array.isArray(document.findings));
  const sarif = runWithin(repo, 20_000, ['history', '--format', 'sarif']);
  assert.is(sarif.code, 2, sarif.stderr);
  assert.is(JSON.parse(sarif.stdout).runs[0].invocations[0].executionSuccessful, false);
});

test('history: past 20 missing objects, the first 20 are named and the rest counted', ({ repo }) => {
  const made = buildHistory(repo, 24);
  for (const { blob } of made) loseObject(repo, blob);
  const result = runWithin(repo, 20_000, ['history']);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, 'cannot read 24 git objects');
  assert.match(result.stderr, '… and 4 more');
});

test('--all: the findings made are shown as incomplete, every missing blob named with its path', ({
  repo
}) => {
  repo.write('mysite/settings.py', `SECRET_KEY = '${sampleKey(43)}'\n`);
  repo.write('a/one.txt', 'one\n');
  repo.write('b/two.txt', 'two\n');
  repo.stage('mysite/settings.py', 'a/one.txt', 'b/two.txt');
  repo.commit();
  loseObject(repo, blobOf(repo, 'HEAD:a/one.txt'));
  loseObject(repo, blobOf(repo, 'HEAD:b/two.txt'));
  const text = repo.run(['--all']);
  assert.is(text.code, 2, text.stderr);
  const said = text.stdout + text.stderr; // the report (stdout, by hand) and the error (stderr)
  assert.match(said, 'incomplete');
  assert.match(said, 'mysite/settings.py');
  assert.match(text.stderr, 'a/one.txt');
  assert.match(text.stderr, 'b/two.txt');
  const json = repo.run(['--all', '--format', 'json']);
  assert.is(json.code, 2, json.stderr);
  const document = JSON.parse(json.stdout);
  assert.is(document.error.count, 2);
  assert.equal(
    document.findings
      .filter((finding: { rule: string }) => finding.rule === 'secret-key')
      .map((finding: { path: string }) => finding.path),
    ['mysite/settings.py']
  );
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
