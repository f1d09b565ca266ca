/** A git server for pre-receive tests: a bare repository with the hook installed, and a pushing client. */
import * as assert from 'uvu/assert';
import { tempDir } from './env.js';
import { commitFile, createRepo, exec, CLI, type Repo, type RunResult } from './repo.js';

export interface Server {
  /** The client repository; its `origin` is the bare repository. */
  repo: Repo;
  /** The bare repository's folder (its git dir). */
  bare: string;
}

/** git run in the bare repository. */
export const bareGit = (server: Server, args: string[]): RunResult =>
  exec('git', args, { cwd: server.bare, env: server.repo.env });

/** The id a ref of the bare repository points to ('' when there is none). */
export const refOf = (server: Server, ref: string): string =>
  bareGit(server, ['rev-parse', '-q', '--verify', ref]).stdout.trim();

/** `git push …` from the client (never throws: the result carries the hook's verdict). */
export const push = (server: Server, args: string[], env?: NodeJS.ProcessEnv): RunResult =>
  server.repo.git(['push', ...args], {
    allowFail: true,
    env: env ? { ...server.repo.env, ...env } : undefined
  });

/** `djkey-guard install --pre-receive` run in the bare repository. */
export const installPreReceive = (server: Server): RunResult =>
  exec(process.execPath, [CLI, 'install', '--pre-receive'], { cwd: server.bare, env: server.repo.env });

/** Fill `server`: a bare repository holding one clean commit on main, then the hook installed. */
export function startServer(server: Server): void {
  server.repo = createRepo();
  server.bare = tempDir('djkg-bare-');
  bareGit(server, ['init', '-q', '--bare', '-b', 'main']);
  server.repo.git(['remote', 'add', 'origin', server.bare]);
  commitFile(server.repo, 'README.md', '# site\n');
  assert.is(push(server, ['-q', 'origin', 'main']).code, 0);
  const installed = installPreReceive(server);
  assert.is(installed.code, 0, installed.stderr);
}

/** Remove both repositories. */
export function stopServer(server: Server): void {
  server.repo.remove();
  exec('rm', ['-rf', server.bare], { cwd: '/' });
}
