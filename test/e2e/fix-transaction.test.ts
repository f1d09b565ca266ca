/**
 * Issue 8: `fix` and `rotate` as one safe transaction. Each numbered case of the issue, through
 * the real CLI in a real repository, checked with real Django 3.2 + python-decouple where a
 * settings module is involved. After every failure the repository must be byte-identical.
 */
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync
} from 'node:fs';
import { join } from 'node:path';
import { CLI, type Repo, type RunResult, repoSuite } from '../helpers/repo.js';
import { tempDir } from '../helpers/env.js';
import { insecureKey, sampleKey } from '../helpers/keys.js';
import { djangoTest, CLEAN, setKeyLine, startproject, verify } from '../helpers/django.js';
import { leakedWindows, snapshot } from '../helpers/snapshot.js';
import { readEnvValue } from '../../src/remedy/dotenv.js';

const t = repoSuite('fix: one safe transaction (issue 8)');
const test = djangoTest(t);

const envOf = (repo: Repo, path = '.env') => readFileSync(join(repo.dir, path), 'utf8');
const envKey = (repo: Repo, name = 'SECRET_KEY') => readEnvValue(envOf(repo).replace(/\r\n/g, '\n'), name);
const indexPaths = (repo: Repo) => repo.git(['ls-files', '-z']).stdout.split('\0').filter(Boolean);
const output = (result: RunResult) => result.stdout + result.stderr;

/** No output ever advises --no-verify, and no 8-char window of any secret shows up. */
function clean(result: RunResult, secrets: readonly string[], what = 'output'): void {
  assert.not.match(output(result), '--no-verify', `${what} never advises --no-verify`);
  assert.equal(leakedWindows(output(result), secrets), [], `${what} shows no secret`);
}

/** Settings, .env and key in place; the commit passes; Django agrees with .env. */
function fixedAndWorking(repo: Repo, deploy = false): void {
  assert.is(repo.run().code, 0, 'the next commit passes the check');
  const verdict = verify(repo, 'mysite.settings', deploy);
  assert.match(verdict.check, deploy ? 'identified' : CLEAN);
  assert.ok(verdict.same, 'settings.SECRET_KEY equals the .env value');
}

test('1: .env staged but never committed next to a literal key: fix stages everything, the commit passes', ({
  repo
}) => {
  const key = sampleKey(81);
  startproject(repo, key);
  const password = sampleKey(82, 24);
  repo.write('requirements.txt', 'Django==3.2.25\n');
  repo.write('.env', `DEBUG=True\nSECRET_KEY='${key}'\nDATABASE_URL=postgres://app:${password}@db/app\n`);
  repo.git(['add', '-A']);
  assert.is(repo.run().code, 1);
  const fixed = repo.run(['fix']);
  assert.is(fixed.code, 0, fixed.stderr);
  clean(fixed, [key, password]);
  assert.ok(existsSync(join(repo.dir, '.env')), '.env stays on disk');
  assert.is(envKey(repo, 'DATABASE_URL'), `postgres://app:${password}@db/app`);
  const status = repo.git(['status', '--porcelain']).stdout;
  assert.not.match(status, /^.M /m, 'nothing fix changed is left unstaged');
  assert.not.ok(indexPaths(repo).includes('.env'), '.env is out of the index');
  for (const path of ['.gitignore', '.env.example', 'requirements.txt', 'mysite/settings.py'])
    assert.ok(indexPaths(repo).includes(path), `${path} staged`);
  assert.not.ok(repo.git(['show', ':mysite/settings.py']).stdout.includes(key));
  assert.match(repo.git(['show', ':requirements.txt']).stdout, 'python-decouple');
  // A plain commit through a real hook.
  mkdirSync(join(repo.dir, '.hooks'));
  writeFileSync(join(repo.dir, '.hooks/pre-commit'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}"\n`, {
    mode: 0o755
  });
  repo.git(['config', 'core.hooksPath', '.hooks']);
  repo.git(['reset', '-q', '--', '.hooks']);
  const commit = repo.git(['commit', '-q', '-m', 'first'], { allowFail: true });
  assert.is(commit.code, 0, commit.stderr);
  fixedAndWorking(repo);
  const again = repo.run(['fix']);
  assert.is(again.code, 0);
  assert.match(again.stderr, 'nothing to change');
});

test(
  "1: a failing git step leaves the repository byte-identical, prints git's whole message, never " +
    '--no-verify',
  ({ repo }) => {
    startproject(repo);
    repo.write('.env', `SECRET_KEY=${sampleKey(83)}\n`);
    repo.git(['add', '-A']);
    // Another git process holds the index.
    writeFileSync(join(repo.dir, '.git/index.lock'), '');
    const before = snapshot(repo);
    const failed = repo.run(['fix']);
    assert.is(failed.code, 2, failed.stderr);
    assert.match(failed.stderr, 'index.lock');
    clean(failed, [sampleKey(83)]);
    assert.equal(snapshot(repo), before);
    unlinkSync(join(repo.dir, '.git/index.lock'));
    const fixed = repo.run(['fix']);
    assert.is(fixed.code, 0, fixed.stderr);
    fixedAndWorking(repo);
  }
);

test(
  '2: no secret in any output: commented, split, escaped, duplicate .env lines, fallbacks, ' + 'DATABASE_URL',
  ({ repo }) => {
    startproject(repo);
    const current = sampleKey(84);
    const old = sampleKey(85);
    const older = sampleKey(86);
    const dup = sampleKey(87);
    const password = sampleKey(88, 20);
    const escaped = sampleKey(89, 30);
    const escapedSource = [...escaped]
      .map((ch, i) => (i % 5 === 0 ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : ch))
      .join('');
    setKeyLine(
      repo,
      [
        `# SECRET_KEY = '${old}'`,
        `SECRET_KEY = ('${current.slice(0, 25)}'`,
        `              '${current.slice(25)}')`,
        `SECRET_KEY_FALLBACKS = ['${older}', '${escapedSource}']`
      ].join('\n')
    );
    repo.write(
      '.env',
      `SECRET_KEY=${dup}\nDATABASE_URL=postgres://app:${password}@db/app\nSECRET_KEY=${dup.slice(1)}x\n`
    );
    repo.git(['add', '-A']);
    const secrets = [current, old, older, dup, password, escaped, escapedSource];
    const dry = repo.run(['fix', '--dry-run']);
    assert.is(dry.code, 0, dry.stderr);
    clean(dry, secrets, 'fix --dry-run');
    assert.match(dry.stderr, 'SECRET_KEY=…');
    const debug = repo.run(['fix', '--debug']);
    assert.is(debug.code, 0, debug.stderr);
    clean(debug, secrets, 'fix --debug');
    const all = [...secrets, envKey(repo)!];
    fixedAndWorking(repo);
    repo.git(['commit', '-q', '-m', 'fixed']);
    for (const args of [['rotate', '--dry-run'], ['rotate'], ['rotate', '--debug'], ['rotate', '--finish']]) {
      const before = envKey(repo)!;
      const result = repo.run(args);
      assert.is(result.code, 0, result.stderr);
      all.push(
        before,
        envKey(repo)!,
        ...(readEnvValue(envOf(repo), 'SECRET_KEY_FALLBACKS') ?? '').split(',')
      );
      clean(
        result,
        all.filter((s) => s.length >= 8),
        args.join(' ')
      );
    }
    fixedAndWorking(repo);
  }
);

const outside = () => {
  const dir = tempDir('djkg-outside-');
  writeFileSync(join(dir, 'target'), 'Django==3.2.25\n');
  return dir;
};

for (const name of ['.env', 'requirements.txt', '.gitignore']) {
  test(`3: ${name} as a symlink leaving the work tree: exit 2, clear sentence, nothing written anywhere`, ({
    repo
  }) => {
    startproject(repo);
    const dir = outside();
    symlinkSync(join(dir, 'target'), join(repo.dir, name));
    if (name !== 'requirements.txt') repo.write('requirements.txt', 'Django==3.2.25\n');
    repo.git(['add', '--', 'mysite', 'manage.py']);
    const before = snapshot(repo);
    const result = repo.run(['fix']);
    assert.is(result.code, 2, result.stderr);
    assert.match(result.stderr, `${name} is a symbolic link`);
    assert.is(readFileSync(join(dir, 'target'), 'utf8'), 'Django==3.2.25\n', 'the outside file is untouched');
    assert.equal(snapshot(repo), before);
    clean(result, []);
    rmSync(dir, { recursive: true, force: true });
  });
}

test('3: .env linked to a device, .gitignore linked inside the tree: refused, never replaced', ({ repo }) => {
  startproject(repo);
  repo.git(['add', '-A']);
  symlinkSync('/dev/full', join(repo.dir, '.env'));
  const before = snapshot(repo);
  const result = repo.run(['fix']);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, '.env is a symbolic link');
  assert.equal(snapshot(repo), before);
  assert.ok(lstatSync('/dev/full').isCharacterDevice(), '/dev/full is still the device');
  unlinkSync(join(repo.dir, '.env'));
  repo.write('ignore-rules', 'node_modules/\n');
  symlinkSync('ignore-rules', join(repo.dir, '.gitignore'));
  const before2 = snapshot(repo);
  const linked = repo.run(['fix']);
  assert.is(linked.code, 2, linked.stderr);
  assert.match(linked.stderr, 'git does not read a .gitignore that is a symbolic link');
  assert.equal(snapshot(repo), before2);
});

test('4: a key committed earlier split in two or escaped is leaked: a NEW key in .env, and it says so', ({
  repo
}) => {
  startproject(repo);
  const key = sampleKey(90);
  // Committed in split+escaped form (the raw bytes of the key never appear in history)...
  const split =
    `SECRET_KEY = ('${key.slice(0, 20)}'\n              ` +
    `'${[...key.slice(20)].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')}')`;
  setKeyLine(repo, split);
  repo.git(['add', '-A']);
  repo.commit('leak');
  assert.not.ok(repo.git(['log', '-p']).stdout.includes(key));
  // ...then the plain literal is what fix sees.
  const path = join(repo.dir, 'mysite/settings.py');
  writeFileSync(
    path,
    readFileSync(path, 'utf8').replace(split, () => `SECRET_KEY = '${key}'`)
  );
  repo.git(['add', '-A']);
  const fixed = repo.run(['fix']);
  assert.is(fixed.code, 0, fixed.stderr);
  assert.match(fixed.stderr, 'already in git history');
  assert.match(fixed.stderr, 'logged out');
  assert.is.not(envKey(repo), key);
  clean(fixed, [key]);
  fixedAndWorking(repo, true);
  assert.not.match(verify(repo, 'mysite.settings', true).check, 'W009');
});

test('5: fix on a fresh startproject before the first git add', ({ repo }) => {
  const key = startproject(repo);
  const fixed = repo.run(['fix']);
  assert.is(fixed.code, 0, fixed.stderr);
  assert.not.match(fixed.stderr, 'nothing to change');
  // It says exactly what it staged, and that the project it never added stays for the user to add.
  assert.match(fixed.stderr, /^staged: \.env\.example, \.gitignore$/m);
  assert.match(fixed.stderr, /^left untracked \(git never had them; not staged\): mysite\/settings\.py$/m);
  assert.not.ok(readFileSync(join(repo.dir, 'mysite/settings.py'), 'utf8').includes(key));
  repo.git(['add', '-A']);
  assert.not.ok(indexPaths(repo).includes('.env'), '.env is ignored');
  fixedAndWorking(repo, true);
});

test(
  '6: a django-insecure- key is replaced; check --deploy has no W009; the output says what users ' +
    'will see',
  ({ repo }) => {
    const key = startproject(repo, insecureKey(91));
    repo.git(['add', '-A']);
    const fixed = repo.run(['fix']);
    assert.is(fixed.code, 0, fixed.stderr);
    assert.match(fixed.stderr, 'W009');
    assert.match(fixed.stderr, 'logged out');
    assert.is.not(envKey(repo), key);
    clean(fixed, [key, envKey(repo)!]);
    fixedAndWorking(repo, true);
    assert.not.match(verify(repo, 'mysite.settings', true).check, 'W009');
  }
);

test('7: .env is a directory (python -m venv .env): exit 2, clear sentence, nothing changed', ({ repo }) => {
  startproject(repo);
  mkdirSync(join(repo.dir, '.env/bin'), { recursive: true });
  writeFileSync(join(repo.dir, '.env/pyvenv.cfg'), 'home = /usr/bin\n');
  repo.git(['add', '--', 'mysite', 'manage.py']);
  const before = snapshot(repo);
  const result = repo.run(['fix']);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, '.env is a directory');
  assert.match(result.stderr, 'virtualenv');
  assert.not.match(result.stderr, 'EISDIR');
  assert.equal(snapshot(repo), before);
});

test(
  '8: .env ends at 0600 (a looser one is tightened, and said); no temp file is left; interrupted ' +
    'runs finish on rerun',
  ({ repo }) => {
    const key = sampleKey(92);
    startproject(repo, key);
    repo.write('.env', 'DEBUG=True\n', 0o644);
    repo.git(['add', '--', 'mysite', 'manage.py']);
    // kill -9 at each step of the apply phase, then rerun.
    for (const step of ['temp-written', 'renamed-1', 'before-index']) {
      const snap = snapshot(repo);
      const killed = repo.run(['fix'], { env: { ...repo.env, DJKEY_GUARD_FAULT: `${step}:kill` } });
      assert.is(killed.code, -1, `killed at ${step}`);
      for (const [path, value] of Object.entries(snapshot(repo))) {
        if (path.includes('djkey-guard') && !path.startsWith('.git/'))
          assert.ok(/^(dir|file) 600|^dir 700/.test(value), `${path} is private: ${value.slice(0, 12)}`);
      }
      assert.not.match(
        repo.git(['status', '--porcelain', '--untracked-files=all']).stdout,
        'djkey-guard',
        'temp files are ignored'
      );
      void snap;
    }
    const rerun = repo.run(['fix']);
    assert.is(rerun.code, 0, rerun.stderr);
    assert.equal(
      readdirSync(repo.dir).filter((name) => name.includes('djkey-guard')),
      []
    );
    assert.is(statSync(join(repo.dir, '.env')).mode & 0o777, 0o600);
    assert.is(envKey(repo), key);
    for (const path of ['.gitignore', '.env.example'])
      assert.ok(indexPaths(repo).includes(path), `${path} staged by the rerun`);
    fixedAndWorking(repo);
  }
);

test('8: an existing .env at 0644 is tightened to 0600 and the output says so', ({ repo }) => {
  startproject(repo, sampleKey(93));
  repo.write('.env', 'DEBUG=True\n', 0o644);
  repo.git(['add', '--', 'mysite', 'manage.py']);
  const fixed = repo.run(['fix']);
  assert.is(fixed.code, 0, fixed.stderr);
  assert.match(fixed.stderr, '0600');
  assert.is(statSync(join(repo.dir, '.env')).mode & 0o777, 0o600);
});

test('8: an injected failure at any step leaves the repository byte-identical', ({ repo }) => {
  startproject(repo, sampleKey(94));
  repo.write('.env', `SECRET_KEY=${sampleKey(94)}\n`, 0o644);
  repo.git(['add', '-A']);
  for (const step of ['planned', 'temp-written', 'renamed-1', 'renamed-2', 'before-index']) {
    const before = snapshot(repo);
    const failed = repo.run(['fix'], { env: { ...repo.env, DJKEY_GUARD_FAULT: `${step}:throw` } });
    assert.is(failed.code, 2, `${step}: ${failed.stderr}`);
    assert.equal(snapshot(repo), before, `byte-identical after a failure at ${step}`);
    clean(failed, [sampleKey(94)]);
  }
  assert.is(repo.run(['fix']).code, 0);
  fixedAndWorking(repo);
});

test('8: two concurrent runs cannot both announce a new key', async ({ repo }) => {
  startproject(repo, insecureKey(95));
  repo.git(['add', '-A']);
  const runOnce = () =>
    new Promise<RunResult>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'fix'], { cwd: repo.dir, env: repo.env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  const results = await Promise.all([runOnce(), runOnce(), runOnce()]);
  const announced = results.filter((r) => r.code === 0 && /NEW key/.test(r.stderr));
  assert.is(announced.length, 1, results.map((r) => `${r.code}: ${r.stderr}`).join('\n---\n'));
  for (const r of results) assert.ok(r.code === 0 || /another djkey-guard/.test(r.stderr), r.stderr);
  fixedAndWorking(repo, true);
});

test('9: an existing `from decouple import config` below SECRET_KEY: no NameError', ({ repo }) => {
  startproject(repo, sampleKey(96));
  const path = join(repo.dir, 'mysite/settings.py');
  writeFileSync(
    path,
    readFileSync(path, 'utf8') +
      '\nfrom decouple import config\nDEBUG = config("DEBUG", default=True, cast=bool)\n'
  );
  repo.git(['add', '-A']);
  const fixed = repo.run(['fix']);
  assert.is(fixed.code, 0, fixed.stderr);
  fixedAndWorking(repo);
});

test('9: a settings module deleted in the work tree but still in the index is not recreated', ({ repo }) => {
  startproject(repo, sampleKey(97));
  repo.write('other/settings.py', `SECRET_KEY = '${sampleKey(98)}'\n`);
  repo.git(['add', '-A']);
  unlinkSync(join(repo.dir, 'other/settings.py'));
  const fixed = repo.run(['fix']);
  assert.is(fixed.code, 0, fixed.stderr);
  assert.not.ok(existsSync(join(repo.dir, 'other/settings.py')), 'not recreated');
  assert.not.ok(
    repo.git(['show', ':other/settings.py']).stdout.includes(sampleKey(98)),
    'the index copy is fixed'
  );
  assert.is(repo.run().code, 0);
});

test('10: an octal escape inside a key ends in .env as Python decodes it', ({ repo }) => {
  const key = sampleKey(99);
  startproject(repo);
  setKeyLine(repo, `SECRET_KEY = '${key.slice(0, 10)}\\101${key.slice(10)}'`);
  repo.git(['add', '-A']);
  const fixed = repo.run(['fix']);
  assert.is(fixed.code, 0, fixed.stderr);
  assert.is(envKey(repo), `${key.slice(0, 10)}A${key.slice(10)}`);
  fixedAndWorking(repo);
});

const refusals: Array<[string, (repo: Repo, outsideDir: string) => void, string]> = [
  [
    'a dangling .env symlink',
    (repo) => symlinkSync('missing-target', join(repo.dir, '.env')),
    '.env is a symbolic link to nothing'
  ],
  [
    '.env linked to a folder inside the tree',
    (repo) => {
      mkdirSync(join(repo.dir, 'envdir'));
      writeFileSync(join(repo.dir, 'envdir/x'), '');
      symlinkSync('envdir', join(repo.dir, '.env'));
    },
    '.env is a symbolic link to a directory'
  ],
  [
    '.gitignore that is a folder',
    (repo) => {
      mkdirSync(join(repo.dir, '.gitignore'));
      writeFileSync(join(repo.dir, '.gitignore/x'), '');
    },
    '.gitignore is a directory'
  ],
  [
    '.env that is a FIFO-like device link',
    (repo) => symlinkSync('/dev/full', join(repo.dir, '.env')),
    '.env is a symbolic link'
  ],
  [
    'settings.ini that decouple reads first',
    (repo) => writeFileSync(join(repo.dir, 'settings.ini'), '[settings]\nDEBUG=True\n'),
    'settings.ini exists'
  ],
  [
    'an untracked settings module linked outside the repository',
    (repo, dir) => {
      writeFileSync(join(dir, 'prod.py'), `SECRET_KEY = '${sampleKey(120)}'\n`);
      symlinkSync(join(dir, 'prod.py'), join(repo.dir, 'mysite/prod.py'));
    },
    'mysite/prod.py is a symbolic link'
  ]
];
for (const [name, arrange, sentence] of refusals) {
  test(`3: refused with exit 2 and a clear sentence, repository byte-identical: ${name}`, ({ repo }) => {
    startproject(repo, sampleKey(121));
    repo.git(['add', '--', 'mysite', 'manage.py']);
    const dir = tempDir('djkg-outside-');
    arrange(repo, dir);
    const outsideBefore = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const before = snapshot(repo);
    for (const args of [['fix'], ['fix', '--dry-run']]) {
      const result = repo.run(args);
      assert.is(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, sentence);
      assert.not.match(result.stderr, /EISDIR|ENOTDIR|ELOOP| {4}at /);
      clean(result, [sampleKey(120), sampleKey(121)]);
      assert.equal(snapshot(repo), before);
    }
    assert.is(
      readdirSync(dir)
        .map((f) => readFileSync(join(dir, f), 'utf8'))
        .join('\n'),
      outsideBefore,
      'nothing outside changed'
    );
    rmSync(dir, { recursive: true, force: true });
  });
}

test('3: a requirements file linked inside the tree is edited where it lives; the link stays a link', ({
  repo
}) => {
  startproject(repo, sampleKey(122));
  mkdirSync(join(repo.dir, 'reqs'));
  writeFileSync(join(repo.dir, 'reqs/base.txt'), 'Django==3.2.25\n');
  symlinkSync('reqs/base.txt', join(repo.dir, 'requirements.txt'));
  repo.git(['add', '-A']);
  const fixed = repo.run(['fix']);
  assert.is(fixed.code, 0, fixed.stderr);
  assert.ok(lstatSync(join(repo.dir, 'requirements.txt')).isSymbolicLink());
  assert.match(readFileSync(join(repo.dir, 'reqs/base.txt'), 'utf8'), 'python-decouple');
  assert.is(repo.git(['ls-files', '-s', 'requirements.txt']).stdout.slice(0, 6), '120000');
  fixedAndWorking(repo);
});

test(
  '6: rotate twice then --finish: same transaction and masking; a failure leaves everything ' +
    'byte-identical',
  ({ repo }) => {
    const key = startproject(repo, sampleKey(123));
    repo.git(['add', '-A']);
    assert.is(repo.run(['fix']).code, 0);
    repo.git(['commit', '-q', '-m', 'fixed']);
    const seen = [key];
    for (const args of [['rotate'], ['rotate']]) {
      const before = snapshot(repo);
      const failed = repo.run(args, { env: { ...repo.env, DJKEY_GUARD_FAULT: 'renamed-1:throw' } });
      assert.is(failed.code, 2);
      assert.equal(snapshot(repo), before, 'rotate failure leaves the repository as it was');
      const result = repo.run(args);
      assert.is(result.code, 0, result.stderr);
      seen.push(envKey(repo)!);
      clean(result, seen);
      assert.is(statSync(join(repo.dir, '.env')).mode & 0o777, 0o600);
    }
    const verdict = verify(repo);
    assert.match(verdict.check, CLEAN);
    assert.ok(verdict.same);
    assert.is(verdict.fallbacks!.length, 2);
    const finish = repo.run(['rotate', '--finish']);
    assert.is(finish.code, 0, finish.stderr);
    clean(finish, seen);
    assert.equal(verify(repo).fallbacks, []);
    assert.is(repo.run().code, 0, 'what rotate staged passes the check');
  }
);
test(
  '8: undo is byte-exact: mixed line endings, Latin-1 bytes and an owner-only mode survive a late ' +
    'failure',
  ({ repo }) => {
    const key = sampleKey(124);
    repo.write(
      'mysite/settings.py',
      Buffer.concat([
        Buffer.from(`# caf`),
        Buffer.from([0xe9]),
        Buffer.from(`\r\nimport os\nSECRET_KEY = '${key}'\r\nDEBUG = True\n`)
      ]),
      0o640
    );
    repo.write('manage.py', '');
    repo.write('.env', 'A=1\r\nB=2\n', 0o604);
    repo.git(['add', '--', 'mysite', 'manage.py']);
    for (const step of ['renamed-2', 'renamed-3', 'before-index']) {
      const before = snapshot(repo);
      const failed = repo.run(['fix'], { env: { ...repo.env, DJKEY_GUARD_FAULT: `${step}:throw` } });
      assert.is(failed.code, 2, failed.stderr);
      assert.equal(snapshot(repo), before, step);
    }
  }
);

t.run();
