/** pre-receive on a real bare repository: install the hook, `git push` to it, check what moved. */
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from '../helpers/env.js';
import { commitFile, exec, CLI } from '../helpers/repo.js';
import { insecureKey, sampleKey } from '../helpers/keys.js';
import {
  bareGit,
  installPreReceive,
  push,
  refOf,
  startServer,
  stopServer,
  type Server
} from '../helpers/server.js';

type Context = Server;

const test = suite<Context>('pre-receive');
const install = installPreReceive;

test.before.each(startServer);
test.after.each(stopServer);

test(
  'rejects: a key in a middle commit (removed again later); the ref does not move; the value is ' + 'masked',
  (context) => {
    const { repo } = context;
    const before = refOf(context, 'main');
    const key = insecureKey(31);
    commitFile(repo, 'mysite/settings.py', `SECRET_KEY = '${key}'\n`);
    commitFile(
      repo,
      'mysite/settings.py',
      "from decouple import config\nSECRET_KEY = config('SECRET_KEY')\n"
    );
    const result = push(context, ['origin', 'main']);
    assert.is(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      'remote: djkey-guard: push rejected: 1 Django key in the 2 new commits of this push.'
    );
    assert.match(
      result.stderr,
      /remote:\s+refs\/heads\/main\s+[0-9a-f]{10}\s+mysite\/settings.py:1\s+secret-key\s+'djan…' \(66 chars\)/
    );
    assert.match(result.stderr, 'djkey-guard rotate');
    assert.match(result.stderr, 'git rebase -i');
    assert.match(result.stderr, 'pre-receive hook declined');
    assert.not.match(result.stderr, key);
    // The bypass is not offered unless the admin enabled it.
    assert.not.match(result.stderr, 'djkey-guard.skip');
    assert.is(refOf(context, 'main'), before);
  }
);

test('rejects: a .env in any commit; a clean push then passes', (context) => {
  const { repo } = context;
  const before = refOf(context, 'main');
  commitFile(repo, '.env.production', 'DEBUG=0\n', { force: true });
  repo.git(['rm', '-q', '--cached', '.env.production']);
  repo.commit('untrack');
  const rejected = push(context, ['origin', 'main']);
  assert.is(rejected.code, 1, rejected.stderr);
  assert.match(rejected.stderr, '1 .env file in the 2 new commits');
  assert.is(refOf(context, 'main'), before);

  repo.git(['reset', '-q', '--hard', 'origin/main']);
  commitFile(repo, 'app.py', 'print(1)\n');
  const clean = push(context, ['origin', 'main']);
  assert.is(clean.code, 0, clean.stderr);
  assert.match(clean.stderr, 'remote: djkey-guard: no Django keys or .env files in 1 new commit.');
  assert.is(refOf(context, 'main'), repo.git(['rev-parse', 'HEAD']).stdout.trim());
});

test('passes: deleting a branch, and a branch or tag of commits already on another branch', (context) => {
  const { repo } = context;
  repo.git(['branch', 'copy']);
  repo.git(['tag', '-a', '-m', 'v1', 'v1']);
  const created = push(context, ['origin', 'copy', 'v1']);
  assert.is(created.code, 0, created.stderr);
  assert.ok(refOf(context, 'refs/heads/copy'));
  assert.ok(refOf(context, 'refs/tags/v1'));
  const deleted = push(context, ['origin', '--delete', 'copy']);
  assert.is(deleted.code, 0, deleted.stderr);
  assert.is(refOf(context, 'refs/heads/copy'), '');
});

test('rejects: many refs in one push, one of them carrying a key — no ref moves', (context) => {
  const { repo } = context;
  const before = refOf(context, 'main');
  commitFile(repo, 'ok.txt', 'fine\n');
  repo.git(['checkout', '-q', '-b', 'feature']);
  commitFile(
    repo,
    'deploy/compose.yml',
    `services:\n  web:\n    environment:\n      DJANGO_SECRET_KEY: "${sampleKey(32)}"\n`
  );
  repo.git(['checkout', '-q', '-b', 'other', 'main']);
  commitFile(repo, 'other.txt', 'x\n');
  const result = push(context, ['--atomic', 'origin', 'main', 'feature', 'other']);
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, /remote:\s+refs\/heads\/feature\s+[0-9a-f]{10}\s+deploy\/compose.yml:4/);
  assert.is(refOf(context, 'main'), before);
  assert.is(refOf(context, 'refs/heads/feature'), '');
  assert.is(refOf(context, 'refs/heads/other'), '');
  // Without --atomic too: pre-receive decides for the whole push.
  const plain = push(context, ['origin', 'main', 'feature', 'other']);
  assert.is(plain.code, 1, plain.stderr);
  assert.is(refOf(context, 'main'), before);
});

test('force pushes: a rewrite that brings a key is rejected, a clean rewrite passes', (context) => {
  const { repo } = context;
  commitFile(repo, 'a.txt', '1\n');
  assert.is(push(context, ['-q', 'origin', 'main']).code, 0);
  const before = refOf(context, 'main');
  repo.git(['reset', '-q', '--hard', 'HEAD~1']);
  commitFile(repo, 'settings.py', `SECRET_KEY = "${sampleKey(33)}"\n`);
  const rejected = push(context, ['--force', 'origin', 'main']);
  assert.is(rejected.code, 1, rejected.stderr);
  assert.is(refOf(context, 'main'), before);
  repo.git(['reset', '-q', '--hard', 'HEAD~1']);
  commitFile(repo, 'b.txt', '2\n');
  const clean = push(context, ['--force', 'origin', 'main']);
  assert.is(clean.code, 0, clean.stderr);
  assert.is(refOf(context, 'main'), repo.git(['rev-parse', 'HEAD']).stdout.trim());
});

test(
  'tags and merges: a tag of a new commit with a key, and a merge whose side branch brings one, are ' +
    'rejected',
  (context) => {
    const { repo } = context;
    repo.git(['checkout', '-q', '-b', 'side']);
    commitFile(repo, 'conf/settings.ini', `[settings]\nSECRET_KEY = ${sampleKey(34)}\n`);
    repo.git(['tag', '-a', '-m', 'release', 'v2']);
    const tag = push(context, ['origin', 'v2']);
    assert.is(tag.code, 1, tag.stderr);
    assert.match(tag.stderr, 'refs/tags/v2');
    assert.is(refOf(context, 'refs/tags/v2'), '');

    repo.git(['checkout', '-q', 'main']);
    commitFile(repo, 'main.txt', 'm\n');
    repo.git(['merge', '-q', '--no-ff', '--no-edit', 'side']);
    const before = refOf(context, 'main');
    const merged = push(context, ['origin', 'main']);
    assert.is(merged.code, 1, merged.stderr);
    assert.match(merged.stderr, 'conf/settings.ini:2');
    assert.is(refOf(context, 'main'), before);
  }
);

test('tags of a tree or blob: judged as what they hold (a clean blob passes)', (context) => {
  const { repo } = context;
  const blob = repo.git(['hash-object', '-w', '--stdin'], { input: 'just text\n' }).stdout.trim();
  repo.git(['tag', '-a', '-m', 'a blob', 'blobtag', blob]);
  const result = push(context, ['origin', 'blobtag']);
  assert.is(result.code, 0, result.stderr);
});

test('accepted config: .djkeyguardignore once accepted; allow pragmas honoured and listed', (context) => {
  const { repo } = context;
  commitFile(repo, '.djkeyguardignore', 'fixtures/\n');
  assert.is(push(context, ['origin', 'main']).code, 0);
  commitFile(repo, 'fixtures/settings.py', `SECRET_KEY = '${sampleKey(35)}'\n`);
  commitFile(repo, 'docs/settings.py', `SECRET_KEY = '${sampleKey(36)}'  # djkey-guard: allow\n`);
  const result = push(context, ['origin', 'main']);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, /allowed by pragma: docs\/settings.py:1\s+'.{4}…' \(50 chars\)/);
  assert.not.match(result.stderr, sampleKey(36));
});

test(
  'config per ref: the accepted .djkeyguardignore of one branch does not excuse another branch; many ' +
    'tags are one walk',
  (context) => {
    const { repo } = context;
    repo.git(['checkout', '-q', '-b', 'lenient']);
    commitFile(repo, '.djkeyguardignore', 'fixtures/\n');
    assert.is(push(context, ['origin', 'lenient']).code, 0);
    commitFile(repo, 'fixtures/settings.py', `SECRET_KEY = '${sampleKey(38)}'\n`);
    repo.git(['checkout', '-q', '-b', 'strict', 'main']);
    commitFile(repo, 'fixtures/settings.py', `SECRET_KEY = '${sampleKey(39)}'\n`);
    const both = push(context, ['origin', 'lenient', 'strict']);
    assert.is(both.code, 1, both.stderr);
    assert.match(both.stderr, /remote:\s+refs\/heads\/strict\s+[0-9a-f]{10}\s+fixtures\/settings.py:1/);
    assert.not.match(both.stderr, 'refs/heads/lenient');
    const lenient = push(context, ['origin', 'lenient']);
    assert.is(lenient.code, 0, lenient.stderr);

    repo.git(['checkout', '-q', 'main']);
    // 60 commits on main, each tagged, in one `git fast-import` (not 180 git processes).
    const committer = 'committer Test Author <author@example.invalid> 1704067200 +0000\n';
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
    const tip = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    const stream = Array.from(
      { length: 60 },
      (_, n) =>
        `commit refs/heads/main\nmark :${n + 1}\n${committer}${data(`notes ${n}`)}` +
        `${n === 0 ? `from ${tip}\n` : ''}M 100644 inline notes/${n}.txt\n${data(`${n}\n`)}` +
        `reset refs/tags/t${n}\nfrom :${n + 1}\n\n`
    ).join('');
    repo.git(['fast-import', '--quiet'], { input: stream });
    const started = Date.now();
    const tags = push(context, ['origin', 'main', '--tags']);
    assert.is(tags.code, 0, tags.stderr);
    assert.match(tags.stderr, 'no Django keys or .env files in 60 new commits');
    assert.ok(Date.now() - started < 20_000, 'a push of 61 refs is judged in one walk');
  }
);

test(
  'chains: an existing pre-receive hook keeps running on the same stdin first; uninstall restores it ' +
    'byte for byte',
  (context) => {
    const { repo, bare } = context;
    exec(process.execPath, [CLI, 'uninstall'], { cwd: bare, env: repo.env });
    const hooks = join(bare, 'hooks');
    const snapshot = () =>
      Object.fromEntries(
        readdirSync(hooks).map((name) => [
          name,
          [readFileSync(join(hooks, name), 'utf8'), statSync(join(hooks, name)).mode]
        ])
      );
    const log = join(bare, 'seen.txt');
    const quarantine = join(bare, 'quarantine.txt');
    const own =
      `#!/bin/sh\n# site policy\ncat >> "${log}"\necho "$GIT_QUARANTINE_PATH" > ` +
      `"${quarantine}"\nif grep -q refs/heads/blocked "${log}"; then echo "policy says no" >&2; exit ` +
      `1; fi\n`;
    writeFileSync(join(hooks, 'pre-receive'), own);
    chmodSync(join(hooks, 'pre-receive'), 0o750);
    const original = snapshot();
    const configBefore = readFileSync(join(bare, 'config'), 'utf8');
    const installed = install(context);
    assert.is(installed.code, 0, installed.stderr);
    assert.match(installed.stderr, 'kept');

    commitFile(repo, 'x.txt', 'x\n');
    const ok = push(context, ['origin', 'main']);
    assert.is(ok.code, 0, ok.stderr);
    assert.match(readFileSync(log, 'utf8'), / refs\/heads\/main\n$/);
    // git's quarantine environment reaches the hooks (and djkey-guard's git calls) untouched.
    assert.match(readFileSync(quarantine, 'utf8'), /objects\/tmp_objdir-incoming-/);
    assert.match(ok.stderr, 'no Django keys');
    // The previous hook still decides too.
    repo.git(['branch', 'blocked']);
    const policy = push(context, ['origin', 'blocked']);
    assert.is(policy.code, 1);
    assert.match(policy.stderr, 'remote: policy says no');
    // Ours blocks even when theirs passes.
    commitFile(repo, '.env', 'A=1\n', { force: true });
    assert.is(push(context, ['origin', 'main']).code, 1);

    const removed = exec(process.execPath, [CLI, 'uninstall'], { cwd: bare, env: repo.env });
    assert.is(removed.code, 0, removed.stderr);
    assert.equal(snapshot(), original);
    assert.is(readFileSync(join(bare, 'config'), 'utf8'), configBefore);
    assert.not.ok(existsSync(join(bare, 'djkey-guard')));
  }
);

test('install: refuses a work tree (exit 2, clear message); twice is idempotent', (context) => {
  const { repo } = context;
  const refused = repo.run(['install', '--pre-receive']);
  assert.is(refused.code, 2);
  assert.match(refused.stderr, 'goes in a bare repository');
  assert.not.ok(existsSync(join(repo.dir, '.git/hooks/pre-receive')));
  const again = install(context);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stderr, 'already present');
  assert.not.match(again.stderr, 'added');
});

test('skip: off by default; with djkey-guard.allowSkip, a push option with a reason passes', (context) => {
  const { repo } = context;
  bareGit(context, ['config', 'receive.advertisePushOptions', 'true']);
  commitFile(repo, 'tests/settings.py', `SECRET_KEY = '${sampleKey(37)}'\n`);
  const before = refOf(context, 'main');
  const refused = push(context, ['-o', 'djkey-guard.skip=fixture', 'origin', 'main']);
  assert.is(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, 'the server admin has not enabled skips');
  assert.is(refOf(context, 'main'), before);

  bareGit(context, ['config', 'djkey-guard.allowSkip', 'true']);
  const noReason = push(context, ['-o', 'djkey-guard.skip', 'origin', 'main']);
  assert.is(noReason.code, 1, noReason.stderr);
  assert.match(noReason.stderr, 'give a reason');
  const hint = push(context, ['origin', 'main']);
  assert.match(hint.stderr, 'git push -o djkey-guard.skip="<why>"');

  const skipped = push(context, ['-o', 'djkey-guard.skip=test fixture, not a real key', 'origin', 'main']);
  assert.is(skipped.code, 0, skipped.stderr);
  assert.match(skipped.stderr, 'remote: djkey-guard: checks SKIPPED for this push by');
  assert.match(skipped.stderr, '"test fixture, not a real key"');
  const log = readFileSync(join(context.bare, 'djkey-guard-skips.log'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.is(log.length, 1);
  assert.equal(log[0].refs, ['refs/heads/main']);
  assert.is(log[0].reason, 'test fixture, not a real key');
  assert.is(log[0].findings, 1);
  assert.type(log[0].pusher, 'object');

  // That key is in the repository now: a merge that takes it unchanged brings nothing new.
  repo.git(['checkout', '-q', '-b', 'topic', 'HEAD~1']);
  commitFile(repo, 'topic.txt', 't\n');
  repo.git(['merge', '-q', '--no-edit', 'main']);
  const merged = push(context, ['origin', 'topic']);
  assert.is(merged.code, 0, merged.stderr);
});

test('bad input: garbage on stdin exits 2 (rejects), outside a repository exits 2', (context) => {
  const garbage = exec(process.execPath, [CLI, 'pre-receive'], {
    cwd: context.bare,
    env: context.repo.env,
    input: 'hello world\n'
  });
  assert.is(garbage.code, 2);
  assert.match(garbage.stderr, 'expected "<old> <new> <ref>" lines');
  const outside = exec(process.execPath, [CLI, 'pre-receive'], {
    cwd: tempDir('djkg-none-'),
    env: { ...context.repo.env, GIT_CEILING_DIRECTORIES: '/' },
    input: ''
  });
  assert.is(outside.code, 2);
});

test.run();
