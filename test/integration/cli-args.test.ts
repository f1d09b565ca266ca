/**
 * DESIGN §2 through the real CLI: a subcommand only as the first positional, options parsed first
 * (an option's value is never a command), a word that matches no file is a usage error with a
 * "did you mean", a path with nothing staged is an error by hand but not inside a commit, and the
 * bypass line comes only from the commit check.
 */
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { closest, parseArgv } from '../../src/commands/argv.js';
import { firstCommit, repoSuite, type Repo } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';

const BYPASS = 'git commit --no-verify';

const parse = suite('argv (pure)');

parse('an option value is never a command; the first positional is', () => {
  assert.is(parseArgv(['--format', 'json', 'history']).command, 'history');
  assert.is(parseArgv(['--format', 'json', 'history']).values.format, 'json');
  assert.is(parseArgv(['history', '--format=sarif']).command, 'history');
  assert.equal(parseArgv(['settings.py', 'history']).positionals, ['settings.py', 'history']);
  assert.is(parseArgv(['--', 'history']).command, 'scan');
  assert.is(parseArgv(['--', 'history']).afterDashDash, 1);
  assert.is(parseArgv([]).command, 'scan');
});

parse('typos get our own sentence', () => {
  assert.throws(() => parseArgv(['--formt', 'json']), /unknown option "--formt"; did you mean --format\?/);
  assert.throws(() => parseArgv(['--format']), /--format needs a value \(text\|json\|sarif\)/);
  assert.throws(() => parseArgv(['--format', '--all']), /--format needs a value/);
  assert.throws(() => parseArgv(['--quiet=yes']), /--quiet takes no value/);
  assert.throws(() => parseArgv(['-x']), /unknown option "-x"/);
  assert.throws(() => parseArgv(['install', 'now']), /install takes no arguments/);
  assert.throws(() => parseArgv(['fix', '--all']), /--all does not apply to fix/);
});

parse('closest subcommand', () => {
  assert.is(closest('fixx', ['fix', 'install']), 'fix');
  assert.is(closest('instal', ['fix', 'install']), 'install');
  assert.is(closest('hsitory', ['history']), 'history');
  assert.is(closest('settings.py', ['fix', 'install', 'history']), undefined);
  assert.is(closest('x', ['fix']), undefined);
});

parse.run();

const cli = repoSuite('cli: subcommands and path arguments', (repo) => {
  firstCommit(repo);
  repo.write('mysite/settings.py', `SECRET_KEY = '${sampleKey(41)}'\n`);
  repo.stage('mysite/settings.py');
});
const inCommit = (repo: Repo) => ({ ...repo.env, GIT_INDEX_FILE: join(repo.dir, '.git/index') });

cli('--format json history runs history, not a scan of a file called history', ({ repo }) => {
  for (const format of ['json', 'sarif']) {
    const run = (repo as Repo).run(['--format', format, 'history']);
    assert.is(run.code, 0, run.stderr);
    const document = JSON.parse(run.stdout);
    assert.ok(
      format === 'json'
        ? document.command === 'history'
        : document.runs[0].tool.driver.name === 'djkey-guard',
      run.stdout.slice(0, 200)
    );
  }
});

cli('a misspelt subcommand with a key staged is exit 2 "did you mean", never a clean pass', ({ repo }) => {
  for (const [word, meant] of [
    ['fixx', 'fix'],
    ['instal', 'install'],
    ['histroy', 'history'],
    ['uninstal', 'uninstall']
  ]) {
    const run = (repo as Repo).run([word!]);
    assert.is(run.code, 2, `${word}: ${run.stderr}`);
    assert.match(run.stderr, `did you mean \`djkey-guard ${meant}\``);
    assert.not.match(run.stderr, BYPASS);
  }
  const late = (repo as Repo).run(['mysite/settings.py', 'history']);
  assert.is(late.code, 2, late.stderr);
  assert.match(late.stderr, 'a subcommand goes first');
});

cli('a path that matches nothing staged: exit 2 by hand, fine inside a commit', ({ repo }) => {
  const r = repo as Repo;
  assert.is(r.run(['mysite/settings.py']).code, 1);
  assert.is(r.run(['mysite']).code, 1);
  assert.is(r.run(['.']).code, 1);
  const unstaged = r.run(['README.md']);
  assert.is(unstaged.code, 2, unstaged.stderr);
  assert.match(unstaged.stderr, 'nothing staged at README.md');
  assert.is(r.run(['nothere.py']).code, 2);
  // lint-staged / pre-commit pass what they like: unstaged, deleted-from-HEAD, or staged names.
  assert.is(r.run(['README.md'], { env: inCommit(r) }).code, 0);
  r.git(['rm', '-q', 'README.md']);
  assert.is(r.run(['README.md']).code, 0, 'a staged deletion is staged: nothing to block');
  assert.is(r.run(['README.md', 'mysite/settings.py'], { env: inCommit(r) }).code, 1);
  // Inside a commit a name git has never seen still fails closed.
  const ghost = r.run(['fixx'], { env: inCommit(r) });
  assert.is(ghost.code, 2);
  assert.match(ghost.stderr, BYPASS);
  // From a subdirectory, paths are relative to it.
  assert.is(r.run(['settings.py'], { cwd: join(r.dir, 'mysite') }).code, 1);
  assert.is(r.run(['--all', 'nothere.py']).code, 2);
});

cli('the bypass line only from the commit check', ({ repo }) => {
  const r = repo as Repo;
  const blocked = r.run([]);
  assert.is(blocked.code, 1);
  assert.match(blocked.stderr, BYPASS);
  assert.not.match(r.run(['install', '--bogus']).stderr, BYPASS);
  assert.not.match(r.run(['history', '--all']).stderr, BYPASS);
  assert.not.match(r.run(['fix', 'now']).stderr, BYPASS);
});

cli.run();
