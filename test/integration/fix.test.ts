import * as assert from 'uvu/assert';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Repo, repoSuite } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';
import { readEnvValue } from '../../src/remedy/dotenv.js';

const fix = repoSuite('fix: files and git');

const KEY = sampleKey(21);
const BOM = '\ufeff';

function settings(key: string, eol = '\n'): string {
  return [
    '"""Settings."""',
    '',
    'from pathlib import Path',
    '',
    `SECRET_KEY = '${key}'`,
    'if True:',
    '\tDEBUG = True',
    ''
  ].join(eol);
}

const envValue = (repo: Repo, name = 'SECRET_KEY') =>
  readEnvValue(readFileSync(join(repo.dir, '.env'), 'utf8').replace(/\r\n/g, '\n'), name);

fix('passes after fix: CRLF, BOM, tabs, mode, existing .env lines and requirements are kept', ({ repo }) => {
  repo.write('app/settings.py', BOM + settings(KEY, '\r\n'), 0o755);
  repo.write('manage.py', '#!/usr/bin/env python\n');
  repo.write('requirements.txt', 'Django==4.2.7\r\n');
  repo.write('.env', 'DATABASE_URL=postgres://x\n# comment\n');
  repo.write('.gitignore', 'node_modules/\n');
  repo.stage('app/settings.py', 'manage.py', 'requirements.txt', '.gitignore');
  assert.is(repo.run().code, 1);
  const result = repo.run(['fix']);
  assert.is(result.code, 0, result.stderr);
  assert.not.ok((result.stdout + result.stderr).includes(KEY), 'the key is never printed');
  assert.match(result.stderr, "-SECRET_KEY = '…'");
  const after = readFileSync(join(repo.dir, 'app/settings.py'), 'utf8');
  assert.ok(after.startsWith(BOM), 'BOM kept');
  assert.not.match(after.replace(/\r\n/g, ''), /\n/, 'CRLF everywhere');
  assert.match(after, "SECRET_KEY = config('SECRET_KEY')\r\n");
  assert.match(after, 'from pathlib import Path\r\nfrom decouple import config\r\n');
  assert.match(after, '\tDEBUG = True\r\n');
  assert.is(statSync(join(repo.dir, 'app/settings.py')).mode & 0o777, 0o755);
  const env = readFileSync(join(repo.dir, '.env'), 'utf8');
  assert.ok(env.startsWith('DATABASE_URL=postgres://x\n# comment\n'), env.replace(KEY, '<key>'));
  assert.is(envValue(repo), KEY);
  assert.is(readFileSync(join(repo.dir, 'requirements.txt'), 'utf8'), 'Django==4.2.7\r\npython-decouple\r\n');
  assert.is(readFileSync(join(repo.dir, '.gitignore'), 'utf8'), 'node_modules/\n.env\n');
  assert.is(readFileSync(join(repo.dir, '.env.example'), 'utf8'), 'SECRET_KEY=\n');
  assert.is(repo.run().code, 0, 'the next commit passes');
  assert.is(repo.git(['show', ':app/settings.py']).stdout.includes(KEY), false);
  const again = repo.run(['fix']);
  assert.is(again.code, 0);
  assert.match(again.stderr, 'nothing to change');
  assert.equal(readdirSync(join(repo.dir, 'app')).sort(), ['settings.py']);
});

fix('exits 2 and changes nothing when .env is read-only', ({ repo }) => {
  repo.write('settings.py', settings(KEY));
  repo.write('.env', 'OTHER=1\n', 0o444);
  repo.stage('settings.py');
  const index = repo.git(['ls-files', '-s']).stdout;
  const result = repo.run(['fix']);
  assert.is(result.code, 2);
  assert.match(result.stderr, '.env cannot be written: the file is read-only');
  assert.is(readFileSync(join(repo.dir, 'settings.py'), 'utf8'), settings(KEY));
  assert.is(readFileSync(join(repo.dir, '.env'), 'utf8'), 'OTHER=1\n');
  assert.not.ok(existsSync(join(repo.dir, '.gitignore')));
  assert.equal(
    readdirSync(repo.dir).filter((name) => name.includes('djkey-guard')),
    []
  );
  assert.is(repo.git(['ls-files', '-s']).stdout, index);
  chmodSync(join(repo.dir, '.env'), 0o644);
});

fix('--dry-run shows the diff and writes nothing', ({ repo }) => {
  repo.write('settings.py', settings(KEY));
  repo.stage('settings.py');
  const result = repo.run(['fix', '--dry-run']);
  assert.is(result.code, 0);
  assert.match(result.stderr, "+SECRET_KEY = config('SECRET_KEY')");
  assert.match(result.stderr, 'dry run, nothing written');
  assert.is(readFileSync(join(repo.dir, 'settings.py'), 'utf8'), settings(KEY));
  assert.not.ok(existsSync(join(repo.dir, '.env')));
  assert.is(repo.run().code, 1);
});

fix(
  'before the first git add: says what it staged and that the settings module is left untracked',
  ({ repo }) => {
    repo.write('mysite/settings.py', settings(sampleKey(23)));
    repo.write('manage.py', '#!/usr/bin/env python\n');
    const result = repo.run(['fix']);
    assert.is(result.code, 0, result.stderr);
    assert.match(result.stderr, /^staged: \.env\.example, \.gitignore$/m);
    assert.match(result.stderr, /^left untracked \(git never had them; not staged\): mysite\/settings\.py$/m);
    assert.match(result.stderr, "`git add 'mysite/settings.py'`, or `git add -A`");
    assert.not.match(result.stderr, 'Review with git diff --cached, then commit.');
    assert.equal(repo.git(['diff', '--cached', '--name-only']).stdout.trim().split('\n'), [
      '.env.example',
      '.gitignore'
    ]);
  }
);

fix('a key already in history gets a new key in .env; a tracked .env is untracked but kept', ({ repo }) => {
  const key = sampleKey(22);
  repo.write('settings.py', settings(key));
  repo.write('.env', `SECRET_KEY='${key}'\n`);
  repo.stage('settings.py', '.env');
  repo.commit('leak');
  const result = repo.run(['fix']);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, 'already in git history (in some form), so it is leaked');
  assert.match(result.stderr, 'untracked (git rm --cached; the file stays): .env');
  const fresh = envValue(repo);
  assert.ok(fresh && fresh !== key && fresh.length >= 50);
  assert.is(repo.git(['ls-files', '--', '.env']).stdout, '');
  assert.ok(existsSync(join(repo.dir, '.env')));
  assert.is(repo.run().code, 0);
});

fix('partial staging: the index gets the fix without unstaged work-tree edits', ({ repo }) => {
  repo.write('settings.py', settings(KEY));
  repo.stage('settings.py');
  repo.write('settings.py', settings(KEY) + 'UNSTAGED = 1\n');
  assert.is(repo.run(['fix']).code, 0);
  const staged = repo.git(['show', ':settings.py']).stdout;
  assert.match(staged, "SECRET_KEY = config('SECRET_KEY')");
  assert.not.match(staged, 'UNSTAGED');
  assert.match(readFileSync(join(repo.dir, 'settings.py'), 'utf8'), 'UNSTAGED = 1');
});

fix.run();
