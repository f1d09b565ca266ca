/**
 * Bench case: a real `git commit` through the hook that `djkey-guard install` set up, as a user
 * gets it — the husky route (package.json, husky, djkey-guard installed from the packed tarball)
 * or the plain git-hook route (no package.json: a private copy of the tool in the git dir) —
 * against `git commit --no-verify`. The hook finds `node` on PATH, so putting a node's folder
 * first on PATH picks the Node the hook runs on.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GIT_ENV, fileAt, git, stagedRepo } from './generate.mjs';

function run(cmd, args, cwd, env = GIT_ENV) {
  const result = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(
      `${cmd} ${args.join(' ')} (in ${cwd}) exited ${result.status}: ${result.stdout}${result.stderr}`
    );
  return result.stdout;
}

/** A `historyFiles`-file repository with djkey-guard installed by `route` ('husky' or 'git-hook'). */
export function hookRepo(dir, route, tool, historyFiles) {
  stagedRepo(dir, { historyFiles, staged: 0 });
  const env = { ...GIT_ENV, DJKEY_GUARD_PACKAGE: tool.tarball ?? '', CI: '' };
  if (route === 'husky') {
    if (!tool.tarball) throw new Error('the husky route needs the packed tarball (run without --dev)');
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify(
        {
          name: 'bench-app',
          private: true,
          devDependencies: { husky: '^9.1.7', 'djkey-guard': `file:${tool.tarball}` }
        },
        null,
        2
      ) + '\n'
    );
    run('npm', ['install', '--no-audit', '--no-fund', '--silent', '--prefer-offline'], dir, {
      ...env,
      HOME: process.env.HOME
    });
    run(process.execPath, [join(dir, 'node_modules/djkey-guard/dist/cli.js'), 'install', '--husky'], dir, {
      ...env,
      HOME: process.env.HOME
    });
  } else {
    run(process.execPath, [tool.cli, 'install', '--git-hook'], dir, env);
  }
}

/**
 * Tools for interleave(): one `git commit` per entry of `nodeBins` (null: `--no-verify`), each
 * preceded (untimed) by staging a fresh change to 3 files.
 */
export function commitTools(dir, nodeBins, env) {
  let revision = 0;
  return nodeBins.map((bin) => ({
    cmd: 'git',
    cwd: dir,
    env: bin ? { ...env, PATH: `${dirname(bin)}:${env.PATH}` } : env,
    args: () => {
      revision++;
      for (const n of [1, 2, 3]) writeFileSync(join(dir, fileAt(n)[0]), fileAt(n, revision)[1]);
      git(dir, ['add', '-u']);
      return ['commit', '-q', ...(bin ? [] : ['--no-verify']), '-m', `change ${revision}`];
    }
  }));
}
