/**
 * `git djkey-guard`: the short command every install route leaves behind (src/install/alias.ts),
 * named by install's last lines and by a blocked commit's how-to-fix, removed by uninstall.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRepo } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';

const test = suite('git djkey-guard alias');

test('plain hook: install names the commands; they run from a subfolder; uninstall removes the alias', () => {
  const repo = createRepo();
  try {
    repo.write('manage.py', 'import os\n');
    const install = repo.run(['install', '--git-hook']);
    assert.is(install.code, 0, install.stderr);
    const tail = install.stderr.trimEnd().split('\n').slice(-4).join('\n');
    for (const command of ['git djkey-guard fix', 'git djkey-guard --all', 'git djkey-guard uninstall'])
      assert.ok(tail.includes(command), `install ends with ${command}:\n${tail}`);

    mkdirSync(join(repo.dir, 'mysite'));
    repo.write('mysite/settings.py', `SECRET_KEY = '${sampleKey(50)}'\n`);
    repo.stage('mysite/settings.py');
    const scan = repo.git(['djkey-guard', '--', 'settings.py'], {
      cwd: join(repo.dir, 'mysite'),
      allowFail: true
    });
    assert.is(scan.code, 1, 'a path relative to the folder the user is in');
    assert.match(scan.stderr, '`git djkey-guard fix` does all of this');
    // history's advice names the same commands (not a bare `djkey-guard`, on nobody's PATH).
    repo.commit('leak');
    const history = repo.git(['djkey-guard', 'history'], { allowFail: true });
    assert.is(history.code, 1, history.stderr);
    for (const command of [
      '`git djkey-guard rotate`',
      '`git djkey-guard rotate --finish`',
      '`git djkey-guard fix`'
    ])
      assert.match(history.stdout, command);

    const uninstall = repo.git(['djkey-guard', 'uninstall']);
    assert.match(uninstall.stdout + uninstall.stderr, 'removed  the git djkey-guard alias');
    assert.is(repo.git(['config', '--get', 'alias.djkey-guard'], { allowFail: true }).code, 1);
  } finally {
    repo.remove();
  }
});

test('a damaged copy: git djkey-guard exits 2 saying so, never 0 with nothing checked', () => {
  const repo = createRepo();
  try {
    assert.is(repo.run(['install', '--git-hook']).code, 0);
    const cli = join(repo.dir, '.git/djkey-guard/tool/dist/cli.js');
    const whole = readFileSync(cli, 'utf8');
    const clean = repo.git(['djkey-guard', '--all'], { allowFail: true });
    assert.is(clean.code, 0, clean.stderr);
    assert.match(clean.stdout, 'djkey-guard:', 'the report stays on stdout');
    for (const damaged of ['', whole.slice(0, whole.indexOf('\n') + 1)]) {
      writeFileSync(cli, damaged);
      const result = repo.git(['djkey-guard', '--all'], { allowFail: true });
      assert.is(result.code, 2, result.stderr);
      assert.match(result.stderr, 'did not run to its end (the copy is damaged or missing)');
    }
  } finally {
    repo.remove();
  }
});

test('uninstall keeps an alias the user changed since install', () => {
  const repo = createRepo();
  try {
    assert.is(repo.run(['install', '--git-hook']).code, 0);
    repo.git(['config', 'alias.djkey-guard', '!echo mine']);
    const uninstall = repo.run(['uninstall']);
    assert.match(uninstall.stderr, 'kept');
    assert.is(repo.git(['config', '--get', 'alias.djkey-guard']).stdout.trim(), '!echo mine');
  } finally {
    repo.remove();
  }
});

test.run();
