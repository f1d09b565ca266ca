/** E2E: the pre-commit framework (Debian's /usr/bin/pre-commit 3.0.4) with djkey-guard added. */
import { HOOK_TYPES_LINE } from '../../src/install/pre-commit.js';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exec, repoSuite } from '../helpers/repo.js';
import { insecureKey } from '../helpers/keys.js';
import { assertDamagedBlocks, djkeyGuard, snapshotTree, treeDiff, tryCommit } from '../helpers/e2e.js';

/** The dist/cli.js pre-commit installed for the hook (in its cache under the test HOME). */
function cachedCli(repo: Repo): string {
  const found = exec(
    'sh',
    ['-c', 'ls -d "$HOME"/.cache/pre-commit/repo*/node_env-*/lib/node_modules/djkey-guard/dist/cli.js'],
    { cwd: repo.dir, env: repo.env }
  ).stdout.trim();
  if (!found || found.includes('\n')) throw new Error(`no single cached djkey-guard: ${found}`);
  return found;
}

const CONFIG = `# shared hooks for the team
repos:
-   repo: local
    hooks:
    -   id: other-hook
        name: other hook
        entry: sh -c 'echo other-hook-ran'
        language: system
        verbose: true
`;

const test = repoSuite('e2e install: pre-commit framework');

const hasPreCommit = exec('sh', ['-c', 'command -v pre-commit'], { cwd: '/' }).code === 0;

test('blocks: a .pre-commit-config.yaml with other hooks gets a local djkey-guard hook', ({ repo }) => {
  if (!hasPreCommit)
    throw new Error('pre-commit is not installed (apt-get install pre-commit; .ci/run does it)');
  repo.write('.pre-commit-config.yaml', CONFIG);
  repo.write('manage.py', 'import os\n');
  repo.stage('.');
  repo.commit('init');
  const before = snapshotTree(repo.dir);

  const result = djkeyGuard(['install'], repo.dir);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, /ran\s+pre-commit install/);
  // The test installs from a tarball path: that path is called out before the config is committed.
  assert.match(result.stderr, 'a path on this machine');
  const config = readFileSync(join(repo.dir, '.pre-commit-config.yaml'), 'utf8');
  assert.ok(
    config.replace(`${HOOK_TYPES_LINE}\n`, '').startsWith(CONFIG),
    'the other hooks and comments are untouched'
  );
  // Merges are judged too: pre-commit installs its pre-merge-commit hook from the config.
  assert.match(config, /^default_install_hook_types: \[pre-commit, pre-merge-commit\]/m);
  assert.match(readFileSync(join(repo.dir, '.git/hooks/pre-merge-commit'), 'utf8'), 'pre-commit');
  assert.match(config, 'language: node');
  assert.match(djkeyGuard(['install'], repo.dir).stderr, /already present\s+\.pre-commit-config\.yaml/);
  repo.stage('.pre-commit-config.yaml');

  const key = tryCommit(repo, 'mysite/settings.py', `SECRET_KEY = '${insecureKey(13)}'\n`);
  assert.is(key.moved, false, key.stderr + key.stdout);
  assert.match(key.stdout + key.stderr, 'secret-key', key.stdout + key.stderr);
  const env = tryCommit(repo, '.env.production', 'SECRET_KEY=x\n', { force: true });
  assert.is(env.moved, false);
  const clean = tryCommit(repo, 'mysite/views.py', 'x = 1\n');
  assert.is(clean.moved, true, clean.stdout + clean.stderr);
  assert.match(clean.stdout + clean.stderr, 'other-hook-ran');
  // pre-commit runs its entry without a shell: an emptied or cut copy in its cache must block too.
  assertDamagedBlocks(repo, cachedCli(repo), 'mysite/more.py');

  assert.is(djkeyGuard(['uninstall'], repo.dir).code, 0);
  assert.equal(treeDiff(before, snapshotTree(repo.dir)), ['mysite/', 'mysite/views.py']);
});

test("fails: --git-hook over pre-commit's own hook is refused (it would recurse)", ({ repo }) => {
  if (!hasPreCommit) throw new Error('pre-commit is not installed');
  repo.write('.pre-commit-config.yaml', CONFIG);
  exec('pre-commit', ['install'], { cwd: repo.dir, env: repo.env });
  const result = djkeyGuard(['install', '--git-hook'], repo.dir);
  assert.is(result.code, 2);
  assert.match(result.stderr, '--pre-commit');
});

test.run();
