/**
 * DESIGN §11, "the server trusts only what it has accepted", through real `git push` into bare
 * repositories: config arriving in the push never judges it, the verdict does not depend on ref
 * order, every pushed object is judged (tags of blobs and trees, huge files, NUL bytes, binaries),
 * pragmas are listed and can be refused, the audit log names the pusher from server variables.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { tempDir } from '../helpers/env.js';
import { commitFile as commitOne, exec, CLI, type Repo, type RunResult } from '../helpers/repo.js';
import { insecureKey, sampleKey } from '../helpers/keys.js';
import { bareGit, push, refOf, startServer, stopServer, type Server } from '../helpers/server.js';

type Context = Server;

const test = suite<Context>('pre-receive trusts only accepted history');

const head = (repo: Repo): string => repo.git(['rev-parse', 'HEAD']).stdout.trim();

/** Commit one file, force-added (the tests commit ignored and binary files too). */
const commitFile = (repo: Repo, path: string, content: string | Buffer): void =>
  void commitOne(repo, path, content, { force: true });

/** The audit log's records (one JSON a line). */
const audit = (context: Context): Array<Record<string, any>> =>
  readFileSync(join(context.bare, 'djkey-guard-audit.log'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

test.before.each(startServer);
test.after.each(stopServer);

test("the push's own .djkeyguardignore '*' does not apply to it; report and audit log say so", (context) => {
  const { repo } = context;
  repo.git(['checkout', '-q', '-b', 'b']);
  repo.write('settings.py', `SECRET_KEY = '${sampleKey(41)}'\n`);
  repo.write('.djkeyguardignore', '*\n');
  repo.git(['add', '-f', '.']);
  repo.commit('key and ignore');
  const result = push(context, ['origin', 'b']);
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, 'settings.py:1');
  assert.match(result.stderr, 'refs/heads/b changes .djkeyguardignore');
  assert.match(result.stderr, 'its patterns apply once this change is accepted');
  assert.is(refOf(context, 'refs/heads/b'), '');
  const change = audit(context).find((record) => record.event === 'config-change');
  assert.ok(change, 'the config change is in the audit log');
  assert.equal(change!.files, ['.djkeyguardignore']);
  assert.is(change!.base, refOf(context, 'main'));
});

test(
  'an ignore file in an older commit of the same push, and on an updated ref, does not excuse a ' +
    'later key',
  (context) => {
    const { repo } = context;
    commitFile(repo, '.djkeyguardignore', 'app/\n');
    commitFile(repo, 'app/settings.py', `SECRET_KEY = '${sampleKey(42)}'\n`);
    const before = refOf(context, 'main');
    const result = push(context, ['origin', 'main']);
    assert.is(result.code, 1, result.stderr);
    assert.match(result.stderr, 'app/settings.py:1');
    assert.is(refOf(context, 'main'), before);
    // Once the ignore file alone is accepted, it applies to later pushes (and the change is logged).
    repo.git(['reset', '-q', '--hard', 'HEAD~1']);
    assert.is(push(context, ['origin', 'main']).code, 0);
    commitFile(repo, 'app/settings.py', `SECRET_KEY = '${sampleKey(42)}'\n`);
    const later = push(context, ['origin', 'main']);
    assert.is(later.code, 0, later.stderr);
  }
);

test('package.json and .djkeyguard.json config in the push are not applied to it', (context) => {
  const { repo } = context;
  commitFile(
    repo,
    'package.json',
    JSON.stringify({ name: 'x', 'djkey-guard': { templates: ['.env.local'] } })
  );
  commitFile(repo, '.env.local', 'DEBUG=1\n');
  const result = push(context, ['origin', 'main']);
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, '.env.local');
  assert.match(result.stderr, 'changes package.json');
  // An unrelated package.json edit on an accepted config is not reported as a config change, also
  // in a package.json that starts with a byte-order mark (npm reads it, so do we).
  repo.git(['reset', '-q', '--hard', 'origin/main']);
  const manifest = (version: string) =>
    `\ufeff${JSON.stringify({ name: 'x', version, 'djkey-guard': { templates: ['.env.sample'] } })}`;
  commitFile(repo, 'package.json', manifest('1.0.0'));
  const plain = push(context, ['origin', 'main']);
  assert.is(plain.code, 0, plain.stderr);
  commitFile(repo, 'package.json', manifest('1.0.1'));
  const bump = push(context, ['origin', 'main']);
  assert.is(bump.code, 0, bump.stderr);
  assert.not.match(bump.stderr, 'changes package.json');
});

test('ref order: the verdict is the same whichever order the refs are pushed in', (context) => {
  const { repo } = context;
  repo.git(['checkout', '-q', '-b', 'zz-ignore']);
  commitFile(repo, '.djkeyguardignore', '*\n');
  commitFile(repo, 'settings.py', `SECRET_KEY = '${sampleKey(43)}'\n`);
  repo.git(['checkout', '-q', '-b', 'aa-plain', 'main']);
  commitFile(repo, 'settings.py', `SECRET_KEY = '${sampleKey(43)}'\n`);
  const one = push(context, ['origin', 'zz-ignore', 'aa-plain']);
  const other = push(context, ['origin', 'aa-plain', 'zz-ignore']);
  assert.is(one.code, 1, one.stderr);
  assert.is(other.code, 1, other.stderr);
  const rows = (result: RunResult) => result.stderr.split('\n').filter((line) => /secret-key/.test(line));
  assert.equal(rows(one), rows(other));
});

test('property: no permutation of the refs in a push changes the verdict or the report', (context) => {
  const { repo } = context;
  // Accepted history: one branch ignores fixtures/, one ignores everything, one ignores nothing.
  repo.git(['checkout', '-q', '-b', 'lenient']);
  commitFile(repo, '.djkeyguardignore', 'fixtures/\n');
  repo.git(['checkout', '-q', '-b', 'open', 'main']);
  commitFile(repo, '.djkeyguardignore', '*\n');
  assert.is(push(context, ['-q', 'origin', 'lenient', 'open']).code, 0);
  // The push: a shared commit with a key under fixtures/ on top of main, reached from every ref.
  repo.git(['checkout', '-q', '-b', 'shared', 'main']);
  commitFile(repo, 'fixtures/settings.py', `SECRET_KEY = '${sampleKey(44)}'\n`);
  const shared = head(repo);
  const tips: Record<string, string> = { 'refs/heads/shared': shared };
  for (const branch of ['lenient', 'open']) {
    repo.git(['checkout', '-q', branch]);
    repo.git(['merge', '-q', '--no-edit', 'shared']);
    commitFile(repo, `fixtures/${branch}.py`, `SECRET_KEY = '${sampleKey(branch.length + 45)}'\n`);
    tips[`refs/heads/${branch}`] = head(repo);
  }
  repo.git(['checkout', '-q', '-b', 'fresh', 'main']);
  commitFile(repo, 'notes.txt', 'n\n');
  tips['refs/heads/fresh'] = head(repo);
  // Bring the objects into the server without a ref (as a push's quarantine does), then feed
  // pre-receive every order of the same ref lines.
  bareGit(context, ['fetch', '-q', repo.dir, ...Object.values(tips)]);
  const old = (ref: string) => refOf(context, ref) || '0'.repeat(40);
  const lines = Object.entries(tips).map(([ref, tip]) => `${old(ref)} ${tip} ${ref}`);
  const judge = (order: string[]) => {
    const result = exec(process.execPath, [CLI, 'pre-receive'], {
      cwd: context.bare,
      env: context.repo.env,
      input: order.join('\n') + '\n'
    });
    return {
      code: result.code,
      report: result.stderr.split('\n').filter((line) => !line.includes('SKIPPED'))
    };
  };
  const expected = judge(lines);
  assert.is(expected.code, 1, expected.report.join('\n'));
  // fixtures/settings.py is reached from `shared` (main's config: nothing ignored): rejected there;
  // fixtures/lenient.py is only on lenient (ignores fixtures/), fixtures/open.py only on open ('*').
  assert.match(expected.report.join('\n'), /refs\/heads\/\S+\s+\S+\s+fixtures\/settings.py:1/);
  assert.not.match(expected.report.join('\n'), 'fixtures/lenient.py');
  assert.not.match(expected.report.join('\n'), 'fixtures/open.py');
  fc.assert(
    fc.property(fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }), (order) => {
      assert.equal(judge(order), expected);
    }),
    { numRuns: 8, seed: 15 }
  );
});

test('tags of blobs and trees (lightweight, annotated, nested) are judged as what they hold', (context) => {
  const { repo } = context;
  const settings = `SECRET_KEY = '${sampleKey(47)}'\n`;
  const blob = repo.git(['hash-object', '-w', '--stdin'], { input: settings }).stdout.trim();
  repo.git(['tag', 'light', blob]);
  repo.git(['tag', '-a', '-m', 'inner', 'inner', blob]);
  repo.git(['tag', '-a', '-m', 'outer', 'outer', 'inner']);
  for (const tag of ['light', 'outer']) {
    const result = push(context, ['origin', `refs/tags/${tag}`]);
    assert.is(result.code, 1, `${tag}: ${result.stderr}`);
    assert.match(result.stderr, 'secret-key');
    assert.match(result.stderr, 'push rejected: 1 Django key in the tags of this push.');
    assert.is(refOf(context, `refs/tags/${tag}`), '');
  }
  // A tree holding a .env and a settings module with a key: both rules, with their paths.
  repo.write('deploy/.env', 'DEBUG=1\n');
  repo.write('deploy/settings.py', settings);
  repo.git(['add', '-f', 'deploy']);
  const tree = repo.git(['write-tree', '--prefix=deploy/']).stdout.trim();
  repo.git(['tag', '-a', '-m', 'a tree', 'treetag', tree]);
  const result = push(context, ['origin', 'refs/tags/treetag']);
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, /\.env\s+env-file/);
  assert.match(result.stderr, /settings.py:1\s+secret-key/);
  assert.not.match(result.stderr, sampleKey(47));
});

test('a new id the repository does not have: exit 2 naming it (the push is refused)', (context) => {
  const missing = 'ab'.repeat(20);
  const result = exec(process.execPath, [CLI, 'pre-receive'], {
    cwd: context.bare,
    env: context.repo.env,
    input: `${'0'.repeat(40)} ${missing} refs/tags/ghost\n`
  });
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, missing);
  assert.match(result.stderr, 'refs/tags/ghost');
});

test('every blob: a 40 MB file with the key at its end, a NUL byte before the key, a .pyc', (context) => {
  const { repo } = context;
  const filler = Buffer.alloc(6 * 7_000_000, 'x = 1\n');
  commitFile(
    repo,
    'big/settings.py',
    Buffer.concat([filler, Buffer.from(`SECRET_KEY = '${sampleKey(48)}'\n`)])
  );
  const big = push(context, ['origin', 'main']);
  assert.is(big.code, 1, big.stderr);
  assert.match(big.stderr, 'big/settings.py:7000001');

  repo.git(['reset', '-q', '--hard', 'origin/main']);
  commitFile(repo, 'nul/settings.py', Buffer.from(`# \0\nSECRET_KEY = '${sampleKey(49)}'\n`));
  const nul = push(context, ['origin', 'main']);
  assert.is(nul.code, 1, nul.stderr);
  assert.match(nul.stderr, 'nul/settings.py:2');

  repo.git(['reset', '-q', '--hard', 'origin/main']);
  const source = join(tempDir('djkg-pyc-'), 'settings.py');
  writeFileSync(source, `import os\nDEBUG = False\nSECRET_KEY = '${sampleKey(50)}'\nALLOWED_HOSTS = ['x']\n`);
  const pyc = `${source}c`;
  execFileSync('python3', [
    '-c',
    `import py_compile; py_compile.compile(${JSON.stringify(source)}, cfile=${JSON.stringify(pyc)})`
  ]);
  commitFile(repo, 'app/__pycache__/settings.cpython-311.pyc', readFileSync(pyc));
  const compiled = push(context, ['origin', 'main']);
  assert.is(compiled.code, 1, compiled.stderr);
  assert.match(compiled.stderr, 'settings.cpython-311.pyc');
  assert.not.match(compiled.stderr, sampleKey(50));

  // A binary holding a django-insecure- token among other bytes.
  repo.git(['reset', '-q', '--hard', 'origin/main']);
  commitFile(
    repo,
    'blob.bin',
    Buffer.concat([Buffer.from([0, 1, 2, 3, 0, 0xff]), Buffer.from(insecureKey(51)), Buffer.from([0, 0, 7])])
  );
  const binary = push(context, ['origin', 'main']);
  assert.is(binary.code, 1, binary.stderr);
  assert.match(binary.stderr, 'blob.bin');
});

test('a symlink whose target text holds a key is judged (its blob is on the server too)', (context) => {
  const { repo } = context;
  // git stores a symlink as a blob holding its target: any bytes, fetchable by anyone.
  const target = repo.git(['hash-object', '-w', '--stdin'], { input: insecureKey(60) }).stdout.trim();
  repo.git(['update-index', '--add', '--cacheinfo', `120000,${target},link-to-key`]);
  repo.commit('a symlink');
  const result = push(context, ['origin', 'main']);
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, /link-to-key\S*\s+secret-key/);
  assert.not.match(result.stderr, insecureKey(60));
  // The same symlink in a tree pushed under a tag.
  repo.git(['reset', '-q', '--hard', 'origin/main']);
  const tree = repo.git(['mktree'], { input: `120000 blob ${target}\tlink-to-key\n` }).stdout.trim();
  repo.git(['tag', '-a', '-m', 'tree', 'linktree', tree]);
  const tagged = push(context, ['origin', 'refs/tags/linktree']);
  assert.is(tagged.code, 1, tagged.stderr);
  assert.match(tagged.stderr, 'link-to-key');
});

test('a key in a commit message or an annotated tag message (any depth) is judged', (context) => {
  const { repo } = context;
  repo.write('notes.txt', 'n\n');
  repo.git(['add', 'notes.txt']);
  repo.commit(`deploy with SECRET_KEY = '${insecureKey(61)}'`);
  const message = push(context, ['origin', 'main']);
  assert.is(message.code, 1, message.stderr);
  assert.match(message.stderr, /\(commit message\):1\s+secret-key/);
  assert.not.match(message.stderr, insecureKey(61));
  repo.git(['reset', '-q', '--hard', 'origin/main']);
  repo.git(['tag', '-a', '-m', `release\n\nSECRET_KEY=${insecureKey(62)}`, 'inner', 'HEAD']);
  repo.git(['tag', '-a', '-m', 'outer', 'outer', 'inner']);
  for (const tag of ['inner', 'outer']) {
    const result = push(context, ['origin', `refs/tags/${tag}`]);
    assert.is(result.code, 1, `${tag}: ${result.stderr}`);
    assert.match(result.stderr, /\(tag message\):3\s+secret-key/);
    assert.is(refOf(context, `refs/tags/${tag}`), '');
  }
  // A plain message and a plain tag pass.
  repo.git(['tag', '-a', '-m', 'v1', 'v1', 'HEAD']);
  assert.is(push(context, ['origin', 'refs/tags/v1']).code, 0);
});

test('pragmas: only a comment of its own is one; djkey-guard.allowPragmas false refuses them', (context) => {
  const { repo } = context;
  commitFile(repo, 'a/settings.py', `x = 'djkey-guard: allow'; SECRET_KEY = '${sampleKey(52)}'\n`);
  const inString = push(context, ['origin', 'main']);
  assert.is(inString.code, 1, inString.stderr);
  repo.git(['reset', '-q', '--hard', 'origin/main']);
  commitFile(repo, 'b/settings.py', `SECRET_KEY = '${sampleKey(53)}'  # djkey-guard: allowance\n`);
  assert.is(push(context, ['origin', 'main']).code, 1);

  repo.git(['reset', '-q', '--hard', 'origin/main']);
  commitFile(repo, 'c/settings.py', `SECRET_KEY = '${sampleKey(54)}'  # djkey-guard: allow\n`);
  bareGit(context, ['config', 'djkey-guard.allowPragmas', 'false']);
  const refused = push(context, ['origin', 'main']);
  assert.is(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, 'allow pragma refused');
  bareGit(context, ['config', '--unset', 'djkey-guard.allowPragmas']);
  const honoured = push(context, ['origin', 'main']);
  assert.is(honoured.code, 0, honoured.stderr);
  assert.match(honoured.stderr, 'allowed by pragma: c/settings.py:1');
  const logged = audit(context).find((record) => record.event === 'pragma');
  assert.is(logged?.path, 'c/settings.py');
  assert.is(logged?.line, 1);
  assert.not.match(JSON.stringify(audit(context)), sampleKey(54));

  // "allowPragmas": false in the accepted config refuses them too; a push cannot turn it back on.
  commitFile(repo, '.djkeyguard.json', '{ "allowPragmas": false }\n');
  assert.is(push(context, ['-q', 'origin', 'main']).code, 0);
  commitFile(repo, '.djkeyguard.json', '{ "allowPragmas": true }\n');
  commitFile(repo, 'd/settings.py', `SECRET_KEY = '${sampleKey(59)}'  # djkey-guard: allow\n`);
  const flipped = push(context, ['origin', 'main']);
  assert.is(flipped.code, 1, flipped.stderr);
  assert.match(flipped.stderr, /d\/settings\.py:1\s+secret-key.*allow pragma refused/);
  assert.match(flipped.stderr, 'changes .djkeyguard.json');
});

test('pre-receive --format json|sarif: the config commit per ref, config changes, pragmas', (context) => {
  const { repo } = context;
  const main = refOf(context, 'main');
  commitFile(repo, '.djkeyguardignore', 'x/\n');
  commitFile(repo, 'c/demo.py', `SECRET_KEY = '${sampleKey(66)}'  # djkey-guard: allow\n`);
  const tip = head(repo);
  bareGit(context, ['fetch', '-q', repo.dir, tip]);
  const lines = `${main} ${tip} refs/heads/main\n${'0'.repeat(40)} ${tip} refs/heads/new\n`;
  const run = (format: string) =>
    exec(process.execPath, [CLI, 'pre-receive', '--format', format], {
      cwd: context.bare,
      env: context.repo.env,
      input: lines
    });
  const json = run('json');
  assert.is(json.code, 0, json.stderr);
  const document = JSON.parse(json.stdout);
  assert.is(document.command, 'pre-receive');
  assert.is(document.rejected, false);
  assert.equal(document.config, [
    { ref: 'refs/heads/main', from: main },
    { ref: 'refs/heads/new', from: main }
  ]);
  assert.equal(
    document.configChanges.map((change: any) => [change.ref, change.files]),
    [
      ['refs/heads/main', ['.djkeyguardignore']],
      ['refs/heads/new', ['.djkeyguardignore']]
    ]
  );
  assert.equal(
    document.pragmas.map((p: any) => [p.path, p.line, p.commit]),
    [['c/demo.py', 1, tip]]
  );
  const sarif = JSON.parse(run('sarif').stdout).runs[0];
  assert.equal(sarif.properties.config.from, [main]);
  assert.equal(
    sarif.results.map((r: any) => r.suppressions?.[0]?.kind),
    ['inSource']
  );
  assert.not.match(json.stdout + JSON.stringify(sarif), sampleKey(66));
});

test('audit: the pusher comes from server variables, never from USER alone', (context) => {
  const { repo } = context;
  bareGit(context, ['config', 'receive.advertisePushOptions', 'true']);
  bareGit(context, ['config', 'djkey-guard.allowSkip', 'true']);
  commitFile(repo, 'tests/settings.py', `SECRET_KEY = '${sampleKey(55)}'\n`);
  const forged = push(context, ['-o', 'djkey-guard.skip=fixture', 'origin', 'main'], { USER: 'ceo' });
  assert.is(forged.code, 0, forged.stderr);
  assert.not.match(forged.stderr, 'by ceo');
  const [first] = audit(context).filter((record) => record.event === 'skip');
  assert.is(first!.pusher.name, 'unknown');
  assert.is(first!.pusher.claimed, 'ceo');

  commitFile(repo, 'tests/other.py', `SECRET_KEY = '${sampleKey(56)}'\n`);
  const named = push(context, ['-o', 'djkey-guard.skip=fixture', 'origin', 'main'], {
    USER: 'ceo',
    GL_USER: 'alice',
    SSH_CONNECTION: '10.1.2.3 51000 10.0.0.1 22'
  });
  assert.is(named.code, 0, named.stderr);
  assert.match(named.stderr, 'by alice (GL_USER) from 10.1.2.3 (SSH_CONNECTION)');
  const skips = audit(context).filter((record) => record.event === 'skip');
  assert.is(skips[1]!.pusher.source, 'GL_USER');
  assert.is(skips[1]!.pusher.from, '10.1.2.3');
});

test('guarded names only widen: the accepted settings module and the pushed one both count', (context) => {
  const { repo } = context;
  commitFile(repo, 'mysite/settings.py', "import os\nSECRET_KEY = os.environ['OLD_APP_KEY']\n");
  assert.is(push(context, ['-q', 'origin', 'main']).code, 0);
  // The push renames the variable and leaves a literal under the old name in a compose file.
  commitFile(repo, 'mysite/settings.py', "import os\nSECRET_KEY = os.environ['NEW_APP_KEY']\n");
  commitFile(
    repo,
    'compose.yml',
    `services:\n  web:\n    environment:\n      OLD_APP_KEY: "${sampleKey(57)}"\n`
  );
  const old = push(context, ['origin', 'main']);
  assert.is(old.code, 1, old.stderr);
  assert.match(old.stderr, 'compose.yml:4');
  // A literal under the name the pushed settings read is guarded too.
  repo.git(['reset', '-q', '--hard', 'HEAD~1']);
  commitFile(repo, 'deploy.env.yml', `NEW_APP_KEY: "${sampleKey(58)}"\n`);
  const fresh = push(context, ['origin', 'main']);
  assert.is(fresh.code, 1, fresh.stderr);
  assert.match(fresh.stderr, 'deploy.env.yml:1');
});

test('300 refs, each with its own accepted config: one walk (a fixed number of git processes)', (context) => {
  const { repo } = context;
  const refs = Array.from({ length: 300 }, (_, n) => `r${n}`);
  // Build the 600 commits in one `git fast-import` (one process, where plumbing took eight a ref):
  // each accepted commit adds its own .djkeyguardignore to main, each pushed one a note on top.
  const main = head(repo);
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const committer = 'committer Test Author <author@example.invalid> 1704067200 +0000\n';
  const stream = refs
    .map(
      (ref, n) =>
        `commit refs/djkg-test/${ref}\nmark :${2 * n + 1}\n${committer}${data(ref)}from ${main}\n` +
        `M 100644 inline .djkeyguardignore\n${data(`dir${n}/\n`)}` +
        `commit refs/djkg-test/${ref}\nmark :${2 * n + 2}\n${committer}${data(`${ref} 2`)}` +
        `M 100644 inline note-${n}.txt\n${data(`${n}\n`)}`
    )
    .join('');
  const marksFile = join(repo.dir, '.git', 'djkg-marks');
  repo.git(['fast-import', '--quiet', `--export-marks=${marksFile}`], { input: stream });
  const marks = new Map(
    readFileSync(marksFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ') as [string, string])
  );
  const accepted = refs.map((ref, n) => `${marks.get(`:${2 * n + 1}`)}:refs/heads/${ref}`);
  const pushed = refs.map(
    (ref, n) => `${marks.get(`:${2 * n + 1}`)} ${marks.get(`:${2 * n + 2}`)} refs/heads/${ref}`
  );
  assert.is(push(context, ['-q', 'origin', ...accepted]).code, 0);
  bareGit(context, ['fetch', '-q', repo.dir, ...pushed.map((line) => line.split(' ')[1]!)]);
  const result = exec(process.execPath, [CLI, 'pre-receive', '--debug'], {
    cwd: context.bare,
    env: context.repo.env,
    input: pushed.join('\n') + '\n'
  });
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, 'no Django keys or .env files in 300 new commits');
  const spawns = result.stderr.split('\n').filter((line) => line.startsWith('[debug] git ')).length;
  assert.ok(spawns <= 12, `${spawns} git processes for 300 refs`);
});

test('a missing object: exit 2, named with its path and commit; the findings made come first', (context) => {
  const { repo } = context;
  const base = refOf(context, 'main');
  const key = sampleKey(49);
  commitOne(repo, 'mysite/settings.py', `SECRET_KEY = '${key}'\n`);
  const lostCommit = commitOne(repo, 'b/two.txt', 'two\n');
  const lost = repo.git(['rev-parse', 'HEAD:b/two.txt']).stdout.trim();
  // The server holds the objects (fetched, as a broken mirror would) but not the blob of b/two.txt.
  bareGit(context, ['fetch', '-q', repo.dir, 'main:refs/tmp/pushed']);
  bareGit(context, ['update-ref', '-d', 'refs/tmp/pushed']);
  const loose = join(context.bare, 'objects', lost.slice(0, 2), lost.slice(2));
  execFileSync('rm', ['-f', loose]);
  const result = exec(process.execPath, [CLI, 'pre-receive'], {
    cwd: context.bare,
    env: context.repo.env,
    input: `${base} ${lostCommit} refs/heads/main\n`
  });
  assert.is(result.code, 2, result.stderr);
  const line = result.stderr.split('\n').find((row) => row.includes(lost)) ?? '';
  assert.match(line, 'b/two.txt', result.stderr);
  assert.match(line, `in commit ${lostCommit.slice(0, 12)}`, result.stderr);
  assert.not.match(result.stderr, key);
  assert.not.match(result.stderr, '    at ');
  // What the walk judged before it stopped is shown above the error, as `history` shows it.
  assert.match(result.stderr, 'incomplete: the run stopped at a missing object');
  assert.match(result.stderr, /refs\/heads\/main\s+[0-9a-f]{10}\s+mysite\/settings.py:1\s+secret-key/);
});

test.run();
