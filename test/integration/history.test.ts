/** `history`: every commit of every ref, one row per distinct secret or .env path. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { scanHistory } from '../../src/engine/history.js';
import { LogRawParser, type LogCommit, type RawEntry } from '../../src/parse-z.js';
import { createRepo, type Repo, repoSuite } from '../helpers/repo.js';
import { insecureKey, sampleKey } from '../helpers/keys.js';

const test = repoSuite('history');

/** Commit with a distinct, increasing date so "first commit" is unambiguous. */
function commitAt(repo: Repo, day: number, message: string): void {
  const date = `2024-01-${String(day).padStart(2, '0')}T12:00:00Z`;
  repo.git(['commit', '-q', '--no-verify', '-m', message], {
    env: { ...repo.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }
  });
}

const sha = (repo: Repo, rev: string) => repo.git(['rev-parse', rev]).stdout.trim();

test('finds: a key committed then removed, and a .env committed on another branch', ({ repo }) => {
  const key = sampleKey(11);
  repo.write('mysite/settings.py', `DEBUG = False\nSECRET_KEY = '${key}'\n`);
  repo.stage('mysite/settings.py');
  commitAt(repo, 1, 'add settings');
  const keyCommit = sha(repo, 'HEAD');
  repo.write(
    'mysite/settings.py',
    "from decouple import config\nDEBUG = False\nSECRET_KEY = config('SECRET_KEY')\n"
  );
  repo.stage('mysite/settings.py');
  commitAt(repo, 2, 'read the key from the environment');
  repo.git(['checkout', '-q', '-b', 'deploy']);
  repo.write('.env.production', 'DATABASE_URL=postgres://x\n');
  repo.git(['add', '-f', '.env.production']);
  commitAt(repo, 3, 'deploy config');
  const envCommit = sha(repo, 'HEAD');
  repo.git(['checkout', '-q', 'main']);

  const text = repo.run(['history']);
  assert.is(text.code, 1, text.stderr);
  assert.match(text.stdout, '1 Django key and 1 .env file found in 3 commits');
  assert.match(
    text.stdout,
    new RegExp(`${keyCommit.slice(0, 7)}  2024-01-01  mysite/settings.py:2 .*still at HEAD: no`)
  );
  assert.match(
    text.stdout,
    new RegExp(`${envCommit.slice(0, 7)}  2024-01-03  .env.production .*still at HEAD: no`)
  );
  assert.match(text.stdout, 'Rotate first');
  assert.match(text.stdout, 'Rewriting does not un-leak a key');
  assert.not.match(text.stdout + text.stderr, key);

  const json = repo.run(['history', '--format', 'json']);
  assert.is(json.code, 1);
  assert.is(json.stderr, '');
  assert.not.match(json.stdout, key);
  const document = JSON.parse(json.stdout);
  assert.is(document.commits, 3);
  assert.equal(
    document.findings.map((f: Record<string, unknown>) => [
      f.rule,
      f.path,
      f.line,
      f.commit,
      f.date,
      f.atHead
    ]),
    [
      ['secret-key', 'mysite/settings.py', 2, keyCommit, '2024-01-01T12:00:00+00:00', false],
      ['env-file', '.env.production', 0, envCommit, '2024-01-03T12:00:00+00:00', false]
    ]
  );
  assert.match(document.findings[0].fingerprint, /^hmac:[0-9a-f]{16}$/);
});

test('finds: one row per distinct key, at its first commit; at HEAD when any blob there holds it', async ({
  repo
}) => {
  const key = insecureKey(5);
  repo.write('a/settings.py', `SECRET_KEY = '${key}'\n`);
  repo.stage('a/settings.py');
  commitAt(repo, 1, 'first');
  repo.write('a/settings.py', `DEBUG = True\nSECRET_KEY = '${key}'\n`);
  repo.write('docker-compose.yml', `services:\n  web:\n    environment:\n      SECRET_KEY: "${key}"\n`);
  repo.stage('a/settings.py', 'docker-compose.yml');
  commitAt(repo, 2, 'second');
  repo.write('.env', `SECRET_KEY=${sampleKey(6)}\n`);
  repo.git(['add', '-f', '.env']);
  commitAt(repo, 3, 'third');

  const result = await scanHistory({ cwd: repo.dir, env: repo.env });
  assert.equal(
    result.findings.map((f) => [f.rule, f.path, f.line, f.atHead, f.commit === sha(repo, 'HEAD~2')]),
    [
      ['secret-key', 'a/settings.py', 1, true, true],
      ['env-file', '.env', 0, true, false],
      ['secret-key', '.env', 1, true, false]
    ]
  );
  assert.is(result.commits, 3);
});

test('passes: clean history exits 0; the ignore file and the allow pragma are honoured', ({ repo }) => {
  repo.write('.djkeyguardignore', 'fixtures/\n');
  repo.write('fixtures/settings.py', `SECRET_KEY = '${sampleKey(21)}'\n`);
  repo.write('app/settings.py', `SECRET_KEY = '${sampleKey(22)}'  # djkey-guard: allow\n`);
  repo.write('app/prod.py', "SECRET_KEY = config('SECRET_KEY')\n");
  repo.stage('.');
  commitAt(repo, 1, 'clean');
  const result = repo.run(['history']);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, 'no Django keys or .env files in 1 commit');
});

test('passes: a repository with no commits yet says so and exits 0', ({ repo }) => {
  const result = repo.run(['history']);
  assert.is(result.code, 0);
  assert.match(result.stdout, 'no commits yet');
  const json = JSON.parse(repo.run(['history', '--format', 'json']).stdout);
  assert.equal([json.found, json.commits, json.findings], [false, 0, []]);
});

test('errors: outside a git repository exits 2', () => {
  const outside = createRepo({ init: false });
  try {
    const result = outside.run(['history']);
    assert.is(result.code, 2);
    assert.match(result.stderr, 'not inside a git work tree');
  } finally {
    outside.remove();
  }
});

test.run();

const parser = suite('parse git log --raw -z');
parser('parses commits and entries split at any byte, keeping odd paths verbatim', () => {
  const zero = '0'.repeat(40);
  const blob = 'a'.repeat(40);
  const out = Buffer.from(
    `\x01${'1'.repeat(40)} 2024-01-01T00:00:00Z\0` +
      `\x01${'2'.repeat(40)} 2024-01-02T00:00:00Z\0\n:000000 100644 ${zero} ${blob} A\0\nnew ` +
      `line.py\0:100644 100644 ${blob} ${'b'.repeat(40)} M\0dir/ünï cödé .env\0`
  );
  for (const size of [1, 3, 7, out.length]) {
    const commits: LogCommit[] = [];
    const entries: Array<[number, RawEntry]> = [];
    const stream = new LogRawParser(
      (commit) => commits.push(commit),
      (entry) => entries.push([commits.length, entry])
    );
    for (let i = 0; i < out.length; i += size) stream.push(out.subarray(i, i + size));
    assert.equal(
      commits.map((c) => c.date),
      ['2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z']
    );
    assert.equal(
      entries.map(([commit, e]) => [commit, e.status, e.newOid, e.path]),
      [
        [2, 'A', blob, '\nnew line.py'],
        [2, 'M', 'b'.repeat(40), 'dir/ünï cödé .env']
      ]
    );
  }
});
parser.run();
