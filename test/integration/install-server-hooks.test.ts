/**
 * install touches only this repository's hooks (issue 15, point 5): a symlinked pre-receive hook is
 * kept and chained (uninstall restores the link), and a hooks folder set by the global or system
 * git config is never written unless asked for with --shared-hooks.
 */
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from '../helpers/env.js';
import { CLI, createRepo, exec, type Repo } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';

interface Context {
  repo: Repo;
  dir: string;
  bare: string;
}

const test = suite<Context>('install: only this repository’s hooks');

const cli = (context: Context, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  exec(process.execPath, [CLI, ...args], { cwd, env: { ...context.repo.env, ...env } });

test.before.each((context) => {
  context.repo = createRepo();
  context.dir = tempDir('djkg-hooks-');
  context.bare = join(context.dir, 'site.git');
  exec('git', ['init', '-q', '--bare', '-b', 'main', context.bare], {
    cwd: context.dir,
    env: context.repo.env
  });
  context.repo.git(['remote', 'add', 'origin', context.bare]);
});
test.after.each((context) => {
  context.repo.remove();
  exec('rm', ['-rf', context.dir], { cwd: '/' });
});

test('a symlinked pre-receive hook is kept and chained; uninstall restores the link', (context) => {
  const team = join(context.dir, 'team-hooks');
  mkdirSync(team);
  const log = join(context.dir, 'team.log');
  writeFileSync(join(team, 'pre-receive'), `#!/bin/sh\ncat >> "${log}"\necho "team hook ran" >&2\n`);
  chmodSync(join(team, 'pre-receive'), 0o755);
  const hook = join(context.bare, 'hooks', 'pre-receive');
  symlinkSync(join(team, 'pre-receive'), hook);
  const installed = cli(context, ['install', '--pre-receive'], context.bare);
  assert.is(installed.code, 0, installed.stderr);
  assert.match(installed.stderr, 'kept');
  assert.ok(lstatSync(join(context.bare, 'hooks', 'pre-receive.djkey-guard-previous')).isSymbolicLink());
  // The team's file is untouched, and both hooks run on a push.
  assert.not.match(readFileSync(join(team, 'pre-receive'), 'utf8'), 'djkey-guard');
  context.repo.write('README.md', '# x\n');
  context.repo.git(['add', 'README.md']);
  context.repo.commit('readme');
  const clean = context.repo.git(['push', 'origin', 'main'], { allowFail: true });
  assert.is(clean.code, 0, clean.stderr);
  assert.match(clean.stderr, 'team hook ran');
  assert.match(clean.stderr, 'djkey-guard');
  assert.match(readFileSync(log, 'utf8'), /refs\/heads\/main/);
  context.repo.write('settings.py', `SECRET_KEY = '${sampleKey(71)}'\n`);
  context.repo.git(['add', 'settings.py']);
  context.repo.commit('key');
  assert.is(context.repo.git(['push', 'origin', 'main'], { allowFail: true }).code, 1);

  const removed = cli(context, ['uninstall'], context.bare);
  assert.is(removed.code, 0, removed.stderr);
  assert.ok(lstatSync(hook).isSymbolicLink());
  assert.is(readlinkSync(hook), join(team, 'pre-receive'));
  assert.not.ok(existsSync(join(context.bare, 'hooks', 'pre-receive.djkey-guard-previous')));
});

test(
  'a global or system core.hooksPath is never written: exit 2 with the choices; --shared-hooks ' +
    'writes it deliberately',
  (context) => {
    const shared = join(context.dir, 'shared-hooks');
    mkdirSync(shared);
    const globalConfig = join(context.dir, 'global.gitconfig');
    writeFileSync(
      globalConfig,
      `[core]\n\thooksPath = ${shared}\n[user]\n\tname = t\n\temail = t@example.invalid\n`
    );
    const env = { GIT_CONFIG_GLOBAL: globalConfig };
    for (const [args, cwd] of [
      [['install', '--pre-receive'], context.bare],
      [['install', '--git-hook'], context.repo.dir]
    ] as Array<[string[], string]>) {
      const refused = cli(context, args, cwd, env);
      assert.is(refused.code, 2, `${args.join(' ')}: ${refused.stderr}`);
      assert.match(refused.stderr, 'global git config');
      assert.match(refused.stderr, 'git config --local core.hooksPath');
      assert.match(refused.stderr, '--shared-hooks');
      assert.match(refused.stderr, 'every repository');
      assert.not.ok(existsSync(join(shared, 'pre-receive')));
      assert.not.ok(existsSync(join(shared, 'pre-commit')));
    }
    // System scope too.
    const system = cli(context, ['install', '--pre-receive'], context.bare, {
      GIT_CONFIG_SYSTEM: globalConfig,
      GIT_CONFIG_NOSYSTEM: '',
      GIT_CONFIG_GLOBAL: '/dev/null'
    });
    assert.is(system.code, 2, system.stderr);
    assert.match(system.stderr, 'system git config');
    // A local core.hooksPath is this repository's choice: install proceeds.
    exec('git', ['config', '--local', 'core.hooksPath', 'hooks'], {
      cwd: context.bare,
      env: { ...context.repo.env, ...env }
    });
    const local = cli(context, ['install', '--pre-receive'], context.bare, env);
    assert.is(local.code, 0, local.stderr);
    assert.ok(existsSync(join(context.bare, 'hooks', 'pre-receive')));
    assert.not.ok(existsSync(join(shared, 'pre-receive')));
    exec('git', ['config', '--local', '--unset', 'core.hooksPath'], {
      cwd: context.bare,
      env: context.repo.env
    });
    cli(context, ['uninstall'], context.bare, env);
    const deliberate = cli(context, ['install', '--pre-receive', '--shared-hooks'], context.bare, env);
    assert.is(deliberate.code, 0, deliberate.stderr);
    assert.ok(existsSync(join(shared, 'pre-receive')));
  }
);

test.run();
