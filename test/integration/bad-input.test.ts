/**
 * DESIGN §9 through the real CLI (dist/cli.js) and real git: every odd situation gets the right
 * exit code and a clear message, exit-2 messages of the commit check name the bypass (only those:
 * DESIGN §2), and no stack trace is printed unless --debug.
 */
import { mkdirSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { createRepo, type Repo, type RunResult, repoSuite } from '../helpers/repo.js';
import { tempDir } from '../helpers/env.js';
import { insecureKey, sampleKey } from '../helpers/keys.js';

const BYPASS = 'git commit --no-verify';
const STACK = '    at ';

/**
 * Exit 2 with `parts`; `bypass` says whether the message must (true) or must not (false) name --no-verify.
 */
function exit2(run: RunResult, bypass: boolean, ...parts: string[]): void {
  assert.is(run.code, 2, `expected exit 2, got ${run.code}\n${run.stderr}`);
  for (const part of parts)
    assert.ok(run.stderr.includes(part), `stderr lacks ${JSON.stringify(part)}:\n${run.stderr}`);
  assert.is(
    run.stderr.includes(BYPASS),
    bypass,
    `bypass ${bypass ? 'missing' : 'must not be offered'}:\n${run.stderr}`
  );
  assert.not.ok(run.stderr.includes(STACK), `no stack trace without --debug:\n${run.stderr}`);
}

/** The commit check could not run in a repository: exit 2 naming the bypass. */
function usageError(run: RunResult, ...parts: string[]): void {
  exit2(run, true, ...parts);
}

/** As git runs a pre-commit hook (it sets GIT_INDEX_FILE). */
const inCommit = (repo: Repo) => ({ ...repo.env, GIT_INDEX_FILE: join(repo.dir, '.git/index') });

function blocked(run: RunResult, ...parts: string[]): void {
  assert.is(run.code, 1, `expected exit 1, got ${run.code}\n${run.stderr}`);
  for (const part of parts)
    assert.ok(run.stderr.includes(part), `stderr lacks ${JSON.stringify(part)}:\n${run.stderr}`);
  assert.not.ok(run.stderr.includes(STACK));
}

function passed(run: RunResult, ...parts: string[]): void {
  assert.is(run.code, 0, `expected exit 0, got ${run.code}\n${run.stderr}`);
  for (const part of parts)
    assert.ok(run.stderr.includes(part), `stderr lacks ${JSON.stringify(part)}:\n${run.stderr}`);
  assert.not.ok(run.stderr.includes(STACK));
}

function json(run: RunResult): {
  findings: Array<{ rule: string; path: string; line: number; column: number; message: string }>;
  skipped: Record<string, number>;
} {
  return JSON.parse(run.stdout);
}

const settings = (key: string) => `import os\n\nDEBUG = False\nSECRET_KEY = '${key}'\n`;

const test = repoSuite('bad input (DESIGN §9)');
const repoOf = (context: any) => context.repo as Repo;

test('exit 2: not a git repository, naming the directory', () => {
  const dir = tempDir('djkg-norepo-');
  const outside = createRepo({ init: false });
  try {
    const run = outside.run([], { cwd: dir });
    // By hand outside a repository there is no commit to get past.
    exit2(run, false, 'not inside a git work tree', dir);
    const debug = outside.run(['--debug'], { cwd: dir });
    assert.is(debug.code, 2);
    assert.ok(debug.stderr.includes(STACK), 'the stack is shown under --debug');
  } finally {
    outside.remove();
  }
});

test('exit 2: git missing from PATH (node still there)', (context) => {
  const repo = repoOf(context);
  const bin = tempDir('djkg-bin-');
  symlinkSync(process.execPath, join(bin, 'node'));
  usageError(repo.run([], { env: { ...repo.env, PATH: bin } }), 'git not found on PATH');
});

test('exit 2: unknown flag points to --help', (context) => {
  const repo = repoOf(context);
  exit2(repo.run(['--frobnicate']), false, 'unknown option "--frobnicate"', '--help');
  // A hook line with a bad flag blocks every commit: there the way past it is named.
  exit2(repo.run(['--frobnicate'], { env: inCommit(repo) }), true, '--frobnicate');
  const typo = repo.run(['--formt', 'json']);
  exit2(typo, false, '--formt', 'did you mean --format?');
  // Whole sentences of ours: no parseArgs text, balanced quotes.
  assert.not.match(typo.stderr, /positional argument|place it at the end/);
  assert.is((typo.stderr.match(/"/g) ?? []).length % 2, 0, typo.stderr);
  assert.is((typo.stderr.match(/'/g) ?? []).length % 2, 0, typo.stderr);
});

test('exit 2: malformed .djkeyguard.json names the file and the problem', (context) => {
  const repo = repoOf(context);
  repo.write('.djkeyguard.json', '{"names": ["X",]}');
  usageError(repo.run(), '.djkeyguard.json', 'not valid JSON');
  repo.write('.djkeyguard.json', '{"names": "SECRET"}');
  usageError(repo.run(), '.djkeyguard.json', '"names" must be an array');
});

test('exit 2: a bad "djkey-guard" key in package.json names the file and the problem', (context) => {
  const repo = repoOf(context);
  repo.write('package.json', JSON.stringify({ name: 'x', 'djkey-guard': { nmaes: [] } }));
  usageError(repo.run(), 'package.json', '"djkey-guard"', 'unknown key "nmaes"');
  repo.write('package.json', '{"name": "x",');
  usageError(repo.run(), 'package.json', 'not valid JSON');
});

test('a BOM in package.json (npm accepts it) is read, not an error', (context) => {
  const repo = repoOf(context);
  repo.write(
    'package.json',
    '\ufeff' + JSON.stringify({ name: 'x', 'djkey-guard': { names: ['API_SIGNING_KEY'] } })
  );
  repo.write('conf.py', `API_SIGNING_KEY = '${sampleKey(31)}'\n`);
  repo.stage('package.json', 'conf.py');
  blocked(repo.run(), 'conf.py:1');
  repo.git(['rm', '-q', '--cached', 'conf.py']);
  passed(repo.run());
});

test('no commits yet: a key blocks, a clean file passes', (context) => {
  const repo = repoOf(context);
  repo.write('app.py', 'print(1)\n');
  repo.stage('app.py');
  passed(repo.run());
  repo.write('mysite/settings.py', settings(sampleKey(21)));
  repo.stage('mysite/settings.py');
  blocked(repo.run(), 'mysite/settings.py:4', 'secret-key');
});

test('detached HEAD: still judged against HEAD', (context) => {
  const repo = repoOf(context);
  repo.write('README.md', '# x\n');
  repo.stage('README.md');
  repo.commit();
  repo.git(['checkout', '-q', '--detach']);
  repo.write('settings.py', settings(sampleKey(22)));
  repo.stage('settings.py');
  blocked(repo.run(), 'settings.py:4');
});

test("linked worktree: scans that worktree's index", (context) => {
  const repo = repoOf(context);
  repo.write('README.md', '# x\n');
  repo.stage('README.md');
  repo.commit();
  const linked = join(tempDir('djkg-wt-'), 'linked');
  repo.git(['worktree', 'add', '-q', '-b', 'side', linked]);
  writeFileSync(join(linked, '.env'), `SECRET_KEY=${sampleKey(23)}\n`);
  repo.git(['add', '-f', '--', '.env'], { cwd: linked });
  blocked(repo.run([], { cwd: linked }), '.env');
  passed(repo.run(), 'no Django keys');
});

test('submodule (gitlink) entries are skipped', (context) => {
  const repo = repoOf(context);
  repo.write('README.md', '# x\n');
  repo.stage('README.md');
  repo.commit();
  const head = repo.git(['rev-parse', 'HEAD']).stdout.trim();
  repo.git(['update-index', '--add', '--cacheinfo', `160000,${head},vendor/.env`]);
  repo.git(['update-index', '--add', '--cacheinfo', `160000,${head},lib`]);
  passed(repo.run());
  passed(repo.run(['--all']));
});

test('running from a subdirectory: paths are repository-relative', (context) => {
  const repo = repoOf(context);
  repo.write('backend/mysite/settings.py', settings(sampleKey(24)));
  repo.write('.env', 'DEBUG=1\n');
  repo.git(['add', '-f', '--', '.env', 'backend']);
  mkdirSync(join(repo.dir, 'frontend/src'), { recursive: true });
  const run = repo.run(['--format', 'json'], { cwd: join(repo.dir, 'frontend/src') });
  assert.is(run.code, 1, run.stderr);
  const paths = json(run).findings.map((f) => f.path);
  assert.ok(paths.includes('.env') && paths.includes('backend/mysite/settings.py'), paths.join(', '));
});

test('GIT_INDEX_FILE (git commit -a / git commit <path>) is honoured', (context) => {
  const repo = repoOf(context);
  repo.write('settings.py', 'DEBUG = True\n');
  repo.stage('settings.py');
  repo.commit();
  repo.write('settings.py', settings(sampleKey(25)));
  const index = join(tempDir('djkg-index-'), 'index');
  const env = { ...repo.env, GIT_INDEX_FILE: index };
  repo.git(['read-tree', 'HEAD'], { env });
  repo.git(['add', '--', 'settings.py'], { env });
  passed(repo.run(), 'no Django keys');
  blocked(repo.run([], { env }), 'settings.py:4');
});

test('odd paths (spaces, newline, non-ASCII) are shown as they are, in text and JSON', (context) => {
  const repo = repoOf(context);
  const paths = ['a b/.env', 'new\nline/.env', 'café/réglages/.env.prod', 'dir with space/settings.py'];
  for (const path of paths.slice(0, 3)) repo.write(path, 'X=1\n');
  repo.write(paths[3]!, settings(sampleKey(26)));
  repo.git(['add', '-f', '--', ...paths]);
  const text = repo.run();
  blocked(text, 'a b/.env', 'café/réglages/.env.prod', 'dir with space/settings.py:4');
  const found = json(repo.run(['--format', 'json'])).findings.map((f) => f.path);
  for (const path of paths)
    assert.ok(found.includes(path), `${JSON.stringify(path)} not in ${JSON.stringify(found)}`);
});

test('symlink named .env blocks by name; its target is not read', (context) => {
  const repo = repoOf(context);
  symlinkSync(insecureKey(27), join(repo.dir, '.env'));
  repo.git(['add', '-f', '--', '.env']);
  const findings = json(repo.run(['--format', 'json'])).findings;
  assert.equal(
    findings.map((f) => `${f.rule} ${f.path}`),
    ['env-file .env']
  );
});

test('binary blobs are skipped and counted', (context) => {
  const repo = repoOf(context);
  repo.write(
    'logo.bin',
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]),
      Buffer.from(`SECRET_KEY='${sampleKey(28)}'`)
    ])
  );
  repo.stage('logo.bin');
  passed(repo.run(), '1 binary file');
  assert.is(json(repo.run(['--format', 'json'])).skipped.binary, 1);
});

test(
  'a 50 MB blob is skipped (over the 32 MB cap), said in the output; exit 0 unless something else ' +
    'blocks',
  (context) => {
    const repo = repoOf(context);
    const line = `# ${'x'.repeat(1000)}\n`;
    repo.write('dump.sql', line.repeat(50 * 1024) + `SECRET_KEY = '${sampleKey(29)}'\n`);
    repo.stage('dump.sql');
    passed(repo.run(), 'over 32 MB not scanned');
    repo.write('.env', 'X=1\n');
    repo.git(['add', '-f', '--', '.env']);
    const run = repo.run(['--format', 'json']);
    assert.is(run.code, 1, run.stderr);
    assert.is(json(run).skipped.large, 1);
    assert.equal(
      json(run).findings.map((f) => f.path),
      ['.env']
    );
  }
);

test('a 10 MB single-line file is scanned without hanging', (context) => {
  const repo = repoOf(context);
  const key = sampleKey(30);
  repo.write('bundle.min.js', `var a="${'ab=\\"\''.repeat(2 << 20)}";var SECRET_KEY="${key}";\n`);
  repo.stage('bundle.min.js');
  const started = Date.now();
  const run = repo.run(['--format', 'json']);
  assert.is(run.code, 1, run.stderr);
  assert.ok(Date.now() - started < 60_000);
  assert.not.ok(run.stdout.includes(key));
});

test('invalid UTF-8: the Latin-1 fallback still finds the key', (context) => {
  const repo = repoOf(context);
  repo.write(
    'settings.py',
    Buffer.concat([Buffer.from('# r\xe9glages\n', 'latin1'), Buffer.from(settings(sampleKey(31)))])
  );
  repo.stage('settings.py');
  blocked(repo.run(), 'settings.py:5');
});

test('UTF-16 LE and BE with a BOM: the key is found on the right line', (context) => {
  const repo = repoOf(context);
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(settings(sampleKey(32)), 'utf16le')]);
  repo.write('le/settings.py', le);
  repo.write(
    'be/settings.py',
    Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(settings(sampleKey(33)), 'utf16le').swap16()])
  );
  repo.stage('le', 'be');
  blocked(repo.run(), 'le/settings.py:4', 'be/settings.py:4');
});

test('CRLF and a UTF-8 BOM: same findings, same lines and columns as LF', (context) => {
  const repo = repoOf(context);
  const key = sampleKey(34);
  const body =
    `# settings\r\nDEBUG = False\r\nSECRET_KEY = '${key}'\r\nSECRET_KEY_FALLBACKS = ` +
    `['${sampleKey(35)}']\r\n`;
  repo.write('lf/settings.py', body.replace(/\r\n/g, '\n'));
  repo.write('crlf/settings.py', body);
  repo.write('bom/settings.py', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]));
  repo.stage('lf', 'crlf', 'bom');
  const run = repo.run(['--format', 'json']);
  assert.is(run.code, 1, run.stderr);
  const by = (dir: string) =>
    json(run)
      .findings.filter((f) => f.path.startsWith(dir + '/'))
      .map(({ path: _path, ...rest }) => rest);
  assert.ok(by('lf').length >= 1, run.stdout);
  assert.equal(by('crlf'), by('lf'));
  assert.equal(by('bom'), by('lf'));
});

test('CRLF: an edit elsewhere in a file with an old key only warns', (context) => {
  const repo = repoOf(context);
  repo.write('settings.py', settings(sampleKey(36)).replace(/\n/g, '\r\n'));
  repo.stage('settings.py');
  repo.commit();
  repo.write('settings.py', settings(sampleKey(36)).replace(/\n/g, '\r\n') + 'ALLOWED_HOSTS = []\r\n');
  repo.stage('settings.py');
  passed(repo.run(), 'already in history');
});

test('read-only hooks folder: install --git-hook fails with exit 2 and a clear message', (context) => {
  const repo = repoOf(context);
  const hooks = join(repo.dir, '.git/hooks');
  mkdirSync(hooks, { recursive: true });
  chmodSync(hooks, 0o555);
  // root ignores directory permissions: then point core.hooksPath below a regular file, which no one can
  // create.
  if (process.getuid?.() === 0) {
    writeFileSync(join(repo.dir, '.git/not-a-dir'), '');
    repo.git(['config', 'core.hooksPath', join(repo.dir, '.git/not-a-dir/hooks')]);
  }
  try {
    const run = repo.run(['install', '--git-hook']);
    // install is not a commit: advising --no-verify there walks the user into committing the key.
    exit2(run, false);
    // Until the installer lands the command is a stub; once it does, the message must say what failed.
    if (!run.stderr.includes('not available yet')) assert.match(run.stderr, /hook/i);
  } finally {
    chmodSync(hooks, 0o755);
  }
});

test.run();
