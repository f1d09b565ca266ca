/**
 * Messages that fit (issue 9 §5): `--all` says "tracked"; each how-to-fix fits the file's format;
 * the history text counts skipped binaries; fingerprints are keyed per repository and never
 * printed for short values.
 */
import { createHash } from 'node:crypto';
import * as assert from 'uvu/assert';
import { createRepo, type Repo, repoSuite, firstCommit } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';

const test = repoSuite('messages that fit', firstCommit);

function blockedText(repo: Repo, path: string, content: string): string {
  repo.write(path, content);
  repo.stage(path);
  const run = repo.run([]);
  assert.is(run.code, 1, `${path} should block:\n${run.stderr}`);
  repo.git(['rm', '-q', '--cached', '--', path]);
  return run.stderr;
}

test('--all says tracked, not staged', ({ repo }) => {
  const r = repo as Repo;
  r.write('.env', 'DEBUG=1\n');
  r.git(['add', '-f', '.env']);
  r.commit('env');
  const run = r.run(['--all']);
  assert.is(run.code, 1);
  assert.match(run.stdout, '.env is tracked');
  assert.not.match(run.stdout, 'staged');
});

test('how-to-fix fits the format', ({ repo }) => {
  const r = repo as Repo;
  const key = sampleKey(81);
  const k8s = blockedText(
    r,
    'k8s/deployment.yaml',
    `spec:\n  containers:\n  - env:\n    - name: SECRET_KEY\n      value: "${key}"\n`
  );
  assert.match(k8s, 'secretKeyRef');
  assert.not.match(k8s, 'compose');
  const pyTest = blockedText(
    r,
    'app/tests/test_views.py',
    `from django.test import TestCase\n\nSECRET_KEY = '${key}'\n`
  );
  assert.match(pyTest, 'override_settings');
  assert.not.match(pyTest, 'decouple');
  const fixture = blockedText(r, 'app/fixtures/settings.json', `{"SECRET_KEY": "${key}"}\n`);
  assert.not.match(fixture, 'generator');
  const heroku = blockedText(r, 'app.json', `{"env": {"SECRET_KEY": "${key}"}}\n`);
  assert.match(heroku, '"generator": "secret"');
  const build = blockedText(
    r,
    'Dockerfile',
    `FROM python:3.12\nRUN SECRET_KEY='${key}' python manage.py collectstatic --noinput\n`
  );
  assert.match(build, 'build-only');
  const settings = blockedText(r, 'mysite/settings.py', `SECRET_KEY = '${key}'\n`);
  assert.match(settings, "config('SECRET_KEY')");
});

test('fingerprints: keyed per repository, none for short values', ({ repo }) => {
  const r = repo as Repo;
  const key = sampleKey(82);
  r.write('mysite/settings.py', `SECRET_KEY = '${key}'\n`);
  r.stage('mysite/settings.py');
  const one = JSON.parse(r.run(['--format', 'json']).stdout).findings[0].fingerprint as string;
  assert.match(one, /^hmac:[0-9a-f]{16}$/);
  const plain = createHash('sha256').update(key).digest('hex');
  assert.not.ok(plain.includes(one.slice(5)), 'not the plain SHA-256 of the value');
  const other = createRepo();
  try {
    other.write('x', '1\n');
    other.stage('x');
    other.commit('another root');
    other.write('mysite/settings.py', `SECRET_KEY = '${key}'\n`);
    other.stage('mysite/settings.py');
    const two = JSON.parse(other.run(['--format', 'json']).stdout).findings[0].fingerprint;
    assert.is.not(two, one, 'another repository, another fingerprint');
  } finally {
    other.remove();
  }
  const shortValue = ['Zq8#v', 'R2!kP9'].join('');
  r.write('short.py', `SECRET_KEY = '${shortValue}'\n`);
  r.stage('short.py');
  const findings = JSON.parse(r.run(['--format', 'json']).stdout).findings as Array<{
    path: string;
    fingerprint?: string;
  }>;
  const short = findings.find((f) => f.path === 'short.py');
  if (short) assert.is(short.fingerprint, undefined, 'no fingerprint for a value under 16 characters');
});

test('history text counts skipped binary files, as the JSON does', ({ repo }) => {
  const r = repo as Repo;
  r.write('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
  r.stage('logo.png');
  r.commit('binary');
  const json = JSON.parse(r.run(['history', '--format', 'json']).stdout);
  assert.ok(json.skipped.binary >= 1);
  const text = r.run(['history']);
  assert.match(text.stdout, `${json.skipped.binary} binary file`);
});

test.run();
