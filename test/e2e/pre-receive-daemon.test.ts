/**
 * pre-receive behind a real network server: `git daemon` on 127.0.0.1 (receive-pack enabled),
 * pushes over git://. The daemon is our child process, stopped by its pid; every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from '../helpers/env.js';
import { CLI, createRepo, exec, type Repo } from '../helpers/repo.js';
import { insecureKey } from '../helpers/keys.js';

interface Context {
  repo: Repo;
  base: string;
  daemon?: ChildProcess;
  url: string;
}

const test = suite<Context>('pre-receive over git daemon');

/** A free port on 127.0.0.1 (the OS picks it; closed again before the daemon binds it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.before.each(async (context) => {
  context.repo = createRepo();
  context.base = tempDir('djkg-daemon-');
  const bare = join(context.base, 'site.git');
  exec('git', ['init', '-q', '--bare', '-b', 'main', bare], { cwd: context.base, env: context.repo.env });
  const installed = exec(process.execPath, [CLI, 'install', '--pre-receive'], {
    cwd: bare,
    env: context.repo.env
  });
  assert.is(installed.code, 0, installed.stderr);
  const port = await freePort();
  context.url = `git://127.0.0.1:${port}/site.git`;
  context.daemon = spawn(
    'git',
    [
      'daemon',
      '--reuseaddr',
      '--listen=127.0.0.1',
      `--port=${port}`,
      `--base-path=${context.base}`,
      '--export-all',
      '--enable=receive-pack',
      '--informative-errors',
      context.base
    ],
    { env: context.repo.env, stdio: 'ignore' }
  );
  // Bounded wait until the daemon answers (10 s at most).
  for (let attempt = 0; ; attempt++) {
    if (exec('git', ['ls-remote', context.url], { cwd: context.base, env: context.repo.env }).code === 0)
      break;
    if (attempt >= 100) throw new Error(`git daemon did not answer on ${context.url} within 10 s`);
    await sleep(100);
  }
});

test.after.each((context) => {
  if (context.daemon?.pid) context.daemon.kill('SIGTERM');
  context.repo.remove();
  exec('rm', ['-rf', context.base], { cwd: '/' });
});

test(
  'git://: a push with a key in an earlier commit is rejected and the ref does not move; a clean ' +
    'push passes',
  ({ repo, url, base }) => {
    const bare = join(base, 'site.git');
    const head = () =>
      exec('git', ['rev-parse', '-q', '--verify', 'refs/heads/main'], {
        cwd: bare,
        env: repo.env
      }).stdout.trim();
    repo.write('README.md', '# site\n');
    repo.stage('README.md');
    repo.commit('start');
    const first = repo.git(['push', url, 'main'], { allowFail: true });
    assert.is(first.code, 0, first.stderr);
    const before = head();
    const key = insecureKey(51);
    repo.write('mysite/settings.py', `SECRET_KEY = '${key}'\n`);
    repo.stage('mysite/settings.py');
    repo.commit('key');
    repo.write('mysite/settings.py', "from decouple import config\nSECRET_KEY = config('SECRET_KEY')\n");
    repo.stage('mysite/settings.py');
    repo.commit('fix');
    const rejected = repo.git(['push', url, 'main'], { allowFail: true });
    assert.is(rejected.code, 1, rejected.stderr);
    assert.match(rejected.stderr, 'remote: djkey-guard: push rejected: 1 Django key in the 2 new commits');
    assert.not.match(rejected.stderr, key);
    assert.is(head(), before);

    repo.git(['reset', '-q', '--hard', 'HEAD~2']);
    repo.write('app.py', 'print(1)\n');
    repo.stage('app.py');
    repo.commit('clean');
    const clean = repo.git(['push', url, 'main'], { allowFail: true });
    assert.is(clean.code, 0, clean.stderr);
    assert.is(head(), repo.git(['rev-parse', 'HEAD']).stdout.trim());
  }
);

test("git://: the push's own '*' ignore file, a tag of a key blob, and a forged USER change nothing", ({
  repo,
  url,
  base
}) => {
  const bare = join(base, 'site.git');
  repo.write('README.md', '# site\n');
  repo.stage('README.md');
  repo.commit('start');
  assert.is(repo.git(['push', url, 'main'], { allowFail: true }).code, 0);
  repo.git(['checkout', '-q', '-b', 'sneaky']);
  repo.write('.djkeyguardignore', '*\n');
  repo.write('mysite/settings.py', `SECRET_KEY = '${insecureKey(52)}'\n`);
  repo.stage('.djkeyguardignore', 'mysite/settings.py');
  repo.commit('ignore everything, then a key');
  const own = repo.git(['push', url, 'sneaky', 'main'], {
    allowFail: true,
    env: { ...repo.env, USER: 'admin' }
  });
  assert.is(own.code, 1, own.stderr);
  assert.match(own.stderr, 'changes .djkeyguardignore');
  assert.match(own.stderr, 'mysite/settings.py:1');
  const refs = exec('git', ['for-each-ref', '--format=%(refname)'], { cwd: bare, env: repo.env }).stdout;
  assert.not.match(refs, 'sneaky');
  const blob = repo
    .git(['hash-object', '-w', '--stdin'], { input: `SECRET_KEY = '${insecureKey(53)}'\n` })
    .stdout.trim();
  repo.git(['tag', 'blobtag', blob]);
  const tag = repo.git(['push', url, 'refs/tags/blobtag'], { allowFail: true });
  assert.is(tag.code, 1, tag.stderr);
  assert.match(tag.stderr, 'secret-key');
});

test.run();
