import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DJANGO_ALPHABET, keygen, passesW009, SAFE_ALPHABET } from '../../src/remedy/index.js';
import { djangoVersion, rotationWarning } from '../../src/remedy/django-version.js';
import { csvValue, mergeEnv, parseCsv, readEnvValue } from '../../src/remedy/dotenv.js';
import { addPackage } from '../../src/remedy/requirements.js';
import { gitignoreAdditions } from '../../src/remedy/gitignore-edit.js';
import { tempDir } from '../helpers/env.js';
import { createRepo } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';

const keys = suite('keys: keygen, versions, .env and dependency edits');

keys('keygen: 50 characters, W009-safe, default alphabet has no $ # quotes % spaces or commas', () => {
  for (let i = 0; i < 200; i++) {
    const key = keygen();
    assert.is(key.length, 50);
    assert.ok(passesW009(key));
    assert.not.match(key, /[$#'"%\s,`\\]/);
    assert.ok([...key].every((ch) => SAFE_ALPHABET.includes(ch)));
    assert.ok([...keygen({ django: true })].every((ch) => DJANGO_ALPHABET.includes(ch)));
  }
  assert.is(new Set(Array.from({ length: 50 }, () => keygen())).size, 50);
});

keys('rotate warnings: Django 3.2 has no fallbacks, 4.1.5 drops sessions, 4.2 is fine', () => {
  const dir = tempDir();
  try {
    const versionFrom = (file: string, text: string) => {
      rmSync(join(dir, 'requirements'), { recursive: true, force: true });
      for (const name of ['requirements.txt', 'pyproject.toml', 'Pipfile', 'poetry.lock'])
        rmSync(join(dir, name), { force: true });
      mkdirSync(join(dir, 'requirements'), { recursive: true });
      writeFileSync(join(dir, file), text);
      return djangoVersion(dir, ['']);
    };
    assert.match(
      rotationWarning(versionFrom('requirements.txt', 'Django==3.2\n'))!,
      'has no SECRET_KEY_FALLBACKS'
    );
    assert.match(
      rotationWarning(versionFrom('requirements/base.txt', 'django>=4.1.5,<4.2\n'))!,
      'sessions still drop until 4.1.8'
    );
    assert.is(
      rotationWarning(versionFrom('pyproject.toml', '[project]\ndependencies = ["Django>=4.2"]\n')),
      undefined
    );
    assert.is(versionFrom('Pipfile', '[packages]\ndjango = "==4.1.5"\n')?.version, '4.1.5');
    assert.is(
      versionFrom('poetry.lock', '[[package]]\nname = "django"\nversion = "4.2.11"\n')?.version,
      '4.2.11'
    );
    assert.match(rotationWarning(undefined)!, 'Could not tell the Django version');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

keys('.env merge keeps other lines, replaces the first, drops duplicates; Csv round trip', () => {
  const key = sampleKey(5);
  const merged = mergeEnv(
    "A=1\n# note\nSECRET_KEY=old\nB='2'\nSECRET_KEY=older\n",
    new Map([['SECRET_KEY', key]])
  );
  assert.is(merged, `A=1\n# note\nSECRET_KEY='${key}'\nB='2'\n`);
  assert.is(readEnvValue(merged, 'SECRET_KEY'), key);
  assert.is(mergeEnv(merged, new Map([['SECRET_KEY', key]])), merged, 'idempotent');
  const list = [sampleKey(1) + '#', sampleKey(2), `q"${sampleKey(3)}`];
  assert.equal(parseCsv(csvValue(list)), list);
});

keys('requirements, pyproject and Pipfile get python-decouple once, in their own layout', () => {
  const cases: Array<[file: string, before: string, after: string]> = [
    ['requirements.txt', 'Django==4.2\n', 'Django==4.2\npython-decouple\n'],
    ['requirements.txt', 'python_decouple==3.8\n', 'python_decouple==3.8\n'],
    [
      'pyproject.toml',
      '[project]\nname = "x"\ndependencies = [\n    "Django>=4.2",\n]\n',
      '[project]\nname = "x"\ndependencies = [\n    "Django>=4.2",\n    "python-decouple",\n]\n'
    ],
    [
      'pyproject.toml',
      '[project]\ndependencies = ["Django>=4.2"]\n',
      '[project]\ndependencies = ["Django>=4.2", "python-decouple"]\n'
    ],
    [
      'Pipfile',
      '[packages]\ndjango = "*"\n\n[dev-packages]\n',
      '[packages]\ndjango = "*"\npython-decouple = "*"\n\n[dev-packages]\n'
    ]
  ];
  for (const [file, before, after] of cases)
    assert.is(addPackage(file, before, 'python-decouple'), after, file);
});

keys('.gitignore additions: .env, and .env.* with the template kept visible', () => {
  assert.equal(gitignoreAdditions('', ['.env']), ['.env']);
  assert.equal(gitignoreAdditions('.env\n', ['.env']), []);
  assert.equal(gitignoreAdditions('', ['.env', 'backend/.env.production']), [
    '.env',
    '.env.*',
    '!.env.example'
  ]);
});

keys('rotate: refuses to keep a leaked key as a fallback unless --force', () => {
  const repo = createRepo();
  try {
    const old = sampleKey(8);
    repo.write('settings.py', "from decouple import config\n\nSECRET_KEY = config('SECRET_KEY')\n");
    repo.write('.env', `SECRET_KEY='${old}'\n`);
    repo.stage('settings.py', '.env');
    repo.commit('leaked .env');
    repo.git(['rm', '-q', '--cached', '.env']);
    const dry = repo.run(['rotate', '--dry-run']);
    assert.is(dry.code, 0, dry.stderr);
    assert.match(dry.stderr, 'NOT kept as fallbacks');
    assert.not.ok(dry.stderr.includes(old));
    assert.is(
      readEnvValue(readFileSync(join(repo.dir, '.env'), 'utf8'), 'SECRET_KEY'),
      old,
      'dry run wrote nothing'
    );
    const forced = repo.run(['rotate', '--force']);
    assert.is(forced.code, 0, forced.stderr);
    assert.match(forced.stderr, '--force: keeping 1 leaked key');
    assert.equal(
      parseCsv(readEnvValue(readFileSync(join(repo.dir, '.env'), 'utf8'), 'SECRET_KEY_FALLBACKS')!),
      [old]
    );
  } finally {
    repo.remove();
  }
});

keys(
  'rotate: an old key with surrounding spaces is kept quoted, and the Csv() stripping is explained',
  () => {
    const repo = createRepo();
    try {
      const old = ` ${sampleKey(9)} `;
      repo.write('settings.py', "from decouple import config\n\nSECRET_KEY = config('SECRET_KEY')\n");
      repo.write('.env', `SECRET_KEY='${old}'\n`);
      repo.write('.gitignore', '.env\n');
      repo.stage('settings.py', '.gitignore');
      repo.commit('init');
      const rotated = repo.run(['rotate']);
      assert.is(rotated.code, 0, rotated.stderr);
      assert.match(rotated.stderr, 'the old key begins or ends with whitespace');
      assert.match(rotated.stderr, "cast=Csv(strip='')");
      assert.not.ok(rotated.stderr.includes(old.trim()), 'the key is never printed');
      const list = readEnvValue(readFileSync(join(repo.dir, '.env'), 'utf8'), 'SECRET_KEY_FALLBACKS')!;
      assert.equal(parseCsv(list), [old.trim()], 'as Csv() reads it');
      assert.ok(list.includes(`"${old}"`), 'quoted with its spaces');
    } finally {
      repo.remove();
    }
  }
);

keys.run();
