/**
 * Fail closed (DESIGN §4.7): what cannot be read is never reported clean, and no input can hang a
 * scan. Real git, real CLI; every "finishes" case runs under a timeout.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRepo, type Repo } from './helpers/repo.js';
import { sampleKey } from './helpers/keys.js';

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

test.run();
