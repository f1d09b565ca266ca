/**
 * "What the commit adds is judged by content" (DESIGN §3): a key is new unless HEAD already holds
 * it in a file the commit modifies, deletes or renames from — whatever lines it sits on now.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { commitFile, repoSuite } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';

const test = repoSuite('added by content');

const settings = (key: string) => `import os\n\nDEBUG = False\nSECRET_KEY = '${key}'\nALLOWED_HOSTS = []\n`;

test('warns: git mv settings.py settings/base.py with an old key', ({ repo }) => {
  commitFile(repo, 'mysite/settings.py', settings(sampleKey(21)));
  mkdirSync(join(repo.dir, 'mysite/settings'));
  repo.git(['mv', 'mysite/settings.py', 'mysite/settings/base.py']);
  const result = repo.run();
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, 'already in history');
  assert.match(result.stderr, 'mysite/settings/base.py');
});

test(
  'warns: a settings module split in two, the old key moved to the new part, heavily edited (no ' +
    'rename git would see)',
  ({ repo }) => {
    const filler = Array.from({ length: 40 }, (_, i) => `OPTION_${i} = ${i}`).join('\n');
    commitFile(repo, 'app/settings.py', `${filler}\n${settings(sampleKey(22))}`);
    repo.git(['rm', '-q', 'app/settings.py']);
    repo.write('app/settings/base.py', `${filler}\n`);
    repo.write(
      'app/settings/production.py',
      `from .base import *\n\n# moved here\nSECRET_KEY = (\n    '${sampleKey(22)}'\n)\n`
    );
    repo.stage('app/settings');
    const result = repo.run();
    assert.is(result.code, 0, result.stderr);
    assert.match(result.stderr, 'already in history');
  }
);

test('blocks: a new key on the changed continuation line of an old multi-line statement', ({ repo }) => {
  const old = sampleKey(23);
  const multi = (head: string, tail: string) => `SECRET_KEY = (\n    '${head}'\n    '${tail}'\n)\n`;
  commitFile(repo, 'settings.py', multi(old.slice(0, 25), old.slice(25)));
  repo.write('settings.py', multi(old.slice(0, 25), sampleKey(24).slice(25)));
  repo.stage('settings.py');
  const result = repo.run();
  assert.is(result.code, 1, result.stderr);
  assert.not.match(result.stderr, 'already in history');
});

test('blocks: an old key copied into a new file (the old file unchanged): a new place', ({ repo }) => {
  commitFile(repo, 'settings.py', settings(sampleKey(25)));
  repo.write('local_settings.py', settings(sampleKey(25)));
  repo.stage('local_settings.py');
  const result = repo.run();
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, 'local_settings.py');
});

test('blocks: an old key copied into a new file while an unrelated file is modified', ({ repo }) => {
  commitFile(repo, 'settings.py', settings(sampleKey(26)));
  commitFile(repo, 'README.md', '# app\n');
  repo.write('README.md', '# app\n\nmore\n');
  repo.write('deploy/settings.py', settings(sampleKey(26)));
  repo.stage('README.md', 'deploy/settings.py');
  assert.is(repo.run().code, 1);
});

test('passes: a commit that deletes the file holding the key', ({ repo }) => {
  commitFile(repo, 'settings.py', settings(sampleKey(27)));
  repo.git(['rm', '-q', 'settings.py']);
  const result = repo.run();
  assert.is(result.code, 0, result.stderr);
  assert.not.match(result.stderr, 'secret-key');
});

test('blocks: the old key kept and a second, new key added to the same file', ({ repo }) => {
  commitFile(repo, 'settings.py', settings(sampleKey(28)));
  repo.write('settings.py', `${settings(sampleKey(28))}SECRET_KEY_FALLBACKS = ['${sampleKey(29)}']\n`);
  repo.stage('settings.py');
  const result = repo.run();
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, 'already in history', 'the old one still warns');
});

test.run();
