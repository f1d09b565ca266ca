/** The staged scan through real git: what the commit adds, judged on the index, never the worktree. */
import * as assert from 'uvu/assert';
import { createRepo, repoSuite } from '../helpers/repo.js';
import { insecureKey, sampleKey } from '../helpers/keys.js';

const test = repoSuite('scan (staged index)');

const settings = (key: string) => `import os\n\nDEBUG = False\nSECRET_KEY = '${key}'\nALLOWED_HOSTS = []\n`;
const clean =
  "from decouple import config\n\nDEBUG = False\nSECRET_KEY = config('SECRET_KEY')\nALLOWED_HOSTS = []\n";

test('passes: nothing staged', ({ repo }) => {
  const result = repo.run();
  assert.is(result.code, 0, result.stderr);
});

test('blocks: literal key on the first commit (no HEAD yet)', ({ repo }) => {
  repo.write('mysite/settings.py', settings(insecureKey()));
  repo.stage('mysite/settings.py');
  const result = repo.run();
  assert.is(result.code, 1);
  assert.match(result.stderr, 'mysite/settings.py:4:15');
  assert.match(result.stderr, 'secret-key');
  assert.match(result.stderr, "config('SECRET_KEY')");
  assert.not.match(result.stderr, insecureKey(), 'the key is masked');
});

test('blocks: key only in the index (partial staging), passes: key only in the worktree', ({ repo }) => {
  repo.write('app/settings.py', clean);
  repo.stage('app/settings.py');
  repo.commit();
  // Index gets the key, the worktree goes back to clean: like `git add -p` then editing.
  repo.write('app/settings.py', settings(sampleKey(3)));
  repo.stage('app/settings.py');
  repo.write('app/settings.py', clean);
  assert.is(repo.run().code, 1, 'key in the index blocks');
  // Now the opposite: the index is clean, the worktree has the key.
  repo.stage('app/settings.py');
  repo.write('app/settings.py', settings(sampleKey(3)));
  const result = repo.run();
  assert.is(result.code, 0, result.stderr);
});

test('blocks: real `git add -p` staging of only the hunk with the key', ({ repo }) => {
  const top = Array.from({ length: 30 }, (_, i) => `X${i} = ${i}`).join('\n');
  repo.write('s.py', `${top}\nSECRET_KEY = config('SECRET_KEY')\n`);
  repo.stage('s.py');
  repo.commit();
  repo.write('s.py', `FIRST = 1\n${top}\nSECRET_KEY = '${sampleKey(9)}'\n`);
  // Two hunks: stage the second (the key) only.
  repo.git(['add', '-p', 's.py'], { input: 'n\ny\n' });
  const staged = repo.git(['diff', '--cached']).stdout;
  assert.not.match(staged, 'FIRST = 1');
  const result = repo.run();
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, 's.py:31');
});

test('passes: key already committed earlier, commit edits another line (warning only)', ({ repo }) => {
  repo.write('settings.py', settings(sampleKey(4)));
  repo.stage('settings.py');
  repo.commit();
  repo.write('settings.py', settings(sampleKey(4)).replace('DEBUG = False', 'DEBUG = True'));
  repo.stage('settings.py');
  const result = repo.run();
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, 'already in history');
});

test('passes: commit that removes the key', ({ repo }) => {
  repo.write('settings.py', settings(sampleKey(5)));
  repo.stage('settings.py');
  repo.commit();
  repo.write('settings.py', clean);
  repo.stage('settings.py');
  assert.is(repo.run().code, 0);
});

test('blocks: .env staged at root; passes: deleting it with git rm --cached', ({ repo }) => {
  repo.write('.env', 'DEBUG=1\n');
  repo.stage('.env');
  const blocked = repo.run();
  assert.is(blocked.code, 1);
  assert.match(blocked.stderr, '.env is staged and .gitignore does not ignore it');
  assert.match(blocked.stderr, "git rm --cached -- '.env'");
  repo.commit();
  repo.git(['rm', '-q', '--cached', '.env']);
  assert.is(repo.run().code, 0);
});

test('blocks: force-added .env.production says it was force-added', ({ repo }) => {
  repo.write('.gitignore', '.env*\n');
  repo.stage('.gitignore');
  repo.write('deploy/.env.production', 'DEBUG=0\n');
  repo.git(['add', '-f', 'deploy/.env.production']);
  const result = repo.run();
  assert.is(result.code, 1);
  assert.match(result.stderr, 'deploy/.env.production is ignored by .gitignore but was force-added');
});

test('judges .gitignore as staged, not as in the worktree', ({ repo }) => {
  repo.write('.gitignore', 'node_modules/\n');
  repo.stage('.gitignore');
  repo.write('.gitignore', '.env\n'); // not staged
  repo.write('.env', 'DEBUG=1\n');
  repo.git(['add', '-f', '.env']);
  assert.match(repo.run().stderr, 'does not ignore it');
});

test('passes: .env.example template and a .env/ virtualenv directory', ({ repo }) => {
  repo.write('.env.example', 'SECRET_KEY=\nDEBUG=1\n');
  repo.write('.env/bin/activate', 'export VIRTUAL_ENV=x\n');
  repo.stage('.env.example', '.env/bin/activate');
  const result = repo.run();
  assert.is(result.code, 0, result.stderr);
});

test('blocks: a file renamed into a .env path', ({ repo }) => {
  repo.write('old.env.txt', 'x\n');
  repo.write('config/keep', '');
  repo.stage('old.env.txt', 'config/keep');
  repo.commit();
  repo.git(['mv', 'old.env.txt', 'config/.env.staging']);
  const result = repo.run();
  assert.is(result.code, 1);
  assert.match(result.stderr, 'config/.env.staging');
});

test('runs from a subdirectory and still scans the whole index', ({ repo }) => {
  repo.write('backend/mysite/settings.py', settings(sampleKey(6)));
  repo.write('frontend/package.json', '{}\n');
  repo.stage('backend', 'frontend');
  const result = repo.run([], { cwd: `${repo.dir}/frontend` });
  assert.is(result.code, 1);
  assert.match(result.stderr, 'backend/mysite/settings.py:4');
});

test('paths narrow the scan and are read from the index', ({ repo }) => {
  repo.write('a/settings.py', settings(sampleKey(7)));
  repo.write('b/settings.py', clean);
  repo.stage('a', 'b');
  repo.write('b/settings.py', settings(sampleKey(8))); // worktree only
  assert.is(repo.run(['b/settings.py']).code, 0);
  assert.is(repo.run(['--', 'a/settings.py']).code, 1);
  assert.is(repo.run([`${repo.dir}/a/settings.py`]).code, 1, 'absolute paths (lint-staged) work');
});

test('--all reports keys already committed', ({ repo }) => {
  repo.write('settings.py', settings(sampleKey(10)));
  repo.stage('settings.py');
  repo.commit();
  assert.is(repo.run().code, 0, 'nothing staged');
  const result = repo.run(['--all']);
  assert.is(result.code, 1);
  assert.match(result.stdout, 'settings.py:4');
});

test('escape hatches: inline pragma and .djkeyguardignore', ({ repo }) => {
  repo.write('a.py', `SECRET_KEY = '${sampleKey(11)}'  # djkey-guard: allow\n`);
  repo.write('fixtures/b.py', `SECRET_KEY = '${sampleKey(12)}'\n`);
  repo.write('.djkeyguardignore', 'fixtures/\n');
  repo.stage('a.py', 'fixtures/b.py');
  const result = repo.run();
  assert.is(result.code, 0, result.stderr);
});

test('config adds names; malformed config exits 2 naming the file', ({ repo }) => {
  repo.write('.djkeyguard.json', '{"names": ["API_SIGNING_KEY"]}\n');
  repo.write('conf.py', `API_SIGNING_KEY = '${sampleKey(13)}'\n`);
  repo.stage('conf.py');
  assert.is(repo.run().code, 1);
  repo.write('.djkeyguard.json', '{"names": "nope"}\n');
  const broken = repo.run();
  assert.is(broken.code, 2);
  assert.match(broken.stderr, '.djkeyguard.json');
  assert.match(broken.stderr, 'must be an array');
  assert.match(broken.stderr, '--no-verify');
});

test('exit 2 outside a repository, without the bypass (no commit to get past)', () => {
  const outside = createRepo({ init: false });
  try {
    const result = outside.run();
    assert.is(result.code, 2);
    assert.match(result.stderr, 'not inside a git work tree');
    assert.not.match(result.stderr, 'git commit --no-verify');
  } finally {
    outside.remove();
  }
});

test('--format json is stable and masked', ({ repo }) => {
  repo.write('settings.py', settings(sampleKey(14)));
  repo.stage('settings.py');
  const result = repo.run(['--format', 'json']);
  assert.is(result.code, 1);
  const report = JSON.parse(result.stdout);
  assert.is(report.version, 1);
  assert.is(report.blocked, true);
  assert.is(report.findings[0].rule, 'secret-key');
  assert.is(report.findings[0].line, 4);
  assert.match(report.findings[0].fingerprint, /^hmac:[0-9a-f]{16}$/);
  assert.not.match(result.stdout, sampleKey(14));
});

test.run();
