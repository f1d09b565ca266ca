/**
 * Reports go where a user can take them: a command run by hand prints its report on stdout
 * (`--all`, `history`, `history <range>`, `keygen`), diagnostics on stderr; the commit check (and
 * anything run inside a commit) keeps stderr, which git shows. Exit codes do not change.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRepo } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';

const test = suite('output streams');

test('--all, history, history <range>, keygen: report on stdout; the verdict alone on stderr', () => {
  const repo = createRepo();
  try {
    repo.write('settings.py', `SECRET_KEY = '${sampleKey(50)}'\n`);
    repo.stage('settings.py');
    repo.commit('init');
    for (const args of [['--all'], ['history'], ['history', 'HEAD']]) {
      const result = repo.run(args);
      assert.is(result.code, 1, args.join(' '));
      assert.match(result.stdout, 'settings.py:1', `${args.join(' ')}: the report on stdout`);
      assert.is(result.stderr.trim().split('\n').length, 1, `${args.join(' ')}: one line on stderr`);
      assert.match(result.stderr, '(report on stdout)');
    }
    const keygen = repo.run(['keygen']);
    assert.is(keygen.code, 0);
    assert.match(keygen.stdout, /^\S{50,}\n$/);
    assert.is(keygen.stderr, '');
  } finally {
    repo.remove();
  }
});

test('the commit check and a scan inside a commit keep stderr', () => {
  const repo = createRepo();
  try {
    repo.write('settings.py', `SECRET_KEY = '${sampleKey(50)}'\n`);
    repo.stage('settings.py');
    const staged = repo.run([]);
    assert.is(staged.code, 1);
    assert.is(staged.stdout, '');
    assert.match(staged.stderr, 'settings.py:1');
    repo.commit('init');
    const inCommit = repo.run(['--all'], { env: { ...repo.env, GIT_INDEX_FILE: '.git/index' } });
    assert.is(inCommit.code, 1);
    assert.is(inCommit.stdout, '');
    assert.match(inCommit.stderr, 'settings.py:1');
  } finally {
    repo.remove();
  }
});

test.run();
