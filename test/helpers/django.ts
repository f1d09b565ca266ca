/**
 * The real thing for fix/rotate tests: Debian's /usr/bin/python3 with Django, python-decouple and
 * django-environ (installed by .ci/run). `available` is false, loudly, only when that python lacks them.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exec, type Repo } from './repo.js';
import { TEST_ENV, tempDir } from './env.js';
import { insecureKey } from './keys.js';
import type { Test } from 'uvu';

export const PYTHON = '/usr/bin/python3';
/** Debian package → the module it brings. */
const PACKAGES: ReadonlyArray<[string, string]> = [
  ['python3-django', 'django'],
  ['python3-decouple', 'decouple'],
  ['python3-django-environ', 'environ']
];
/** The Debian packages this machine lacks (all of them without /usr/bin/python3). */
export const MISSING: string[] = existsSync(PYTHON)
  ? PACKAGES.filter(([, module]) => exec(PYTHON, ['-c', `import ${module}`], { cwd: '/' }).code !== 0).map(
      ([name]) => name
    )
  : PACKAGES.map(([name]) => name);
export const available = MISSING.length === 0;
const MISSING_SENTENCE =
  `missing Debian package(s) ${MISSING.join(', ')}: apt-get ` +
  `install ${MISSING.join(' ')} (.ci/run installs them)`;
const IN_CI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
if (!available && !IN_CI) console.warn(`SKIPPED Django tests: ${MISSING_SENTENCE}`);

/**
 * How a test that needs real Django registers: it runs; without the packages it is skipped loudly
 * on a developer's machine, and in CI (CI=true) it fails naming the missing package — never a skip.
 */
export function djangoTest<C>(
  register: Test<C>
): (name: string, fn: (context: C) => void | Promise<void>) => void {
  return (name, fn) => {
    if (available) register(name, fn);
    else if (IN_CI)
      register(name, () => {
        throw new Error(MISSING_SENTENCE);
      });
    else register.skip(name, fn);
  };
}

export const CLEAN = 'System check identified no issues';

export function py(repo: Repo, args: string[], settings = 'mysite.settings') {
  return exec(PYTHON, args, {
    cwd: repo.dir,
    env: { ...TEST_ENV, DJANGO_SETTINGS_MODULE: settings, PYTHONDONTWRITEBYTECODE: '1' }
  });
}

export interface Verdict {
  /** `manage.py check` (or `check --deploy`) output. */
  check: string;
  /** SECRET_KEY equals the .env value as decouple reads it. */
  same: boolean;
  key: string;
  fallbacks: string[] | null;
}

/** One Python process: run the system checks and compare SECRET_KEY with .env as decouple reads it. */
export function verify(repo: Repo, settings = 'mysite.settings', deploy = false, envFile = '.env'): Verdict {
  const code = [
    'import io, json, django; django.setup()',
    'from django.conf import settings',
    'from django.core.management import call_command',
    'from decouple import Config, RepositoryEnv',
    'out = io.StringIO()',
    'try:',
    `    call_command('check', ${deploy ? 'deploy=True, ' : ''}stdout=out, stderr=out)`,
    'except Exception as error:',
    '    out.write(str(error))',
    `value = Config(RepositoryEnv(${JSON.stringify(envFile)}))('SECRET_KEY')`,
    "print(json.dumps({'check': out.getvalue(), 'same': settings.SECRET_KEY == value and len(value) > " +
      "0, 'key': settings.SECRET_KEY, 'fallbacks': getattr(settings, 'SECRET_KEY_FALLBACKS', " +
      'None)}))'
  ].join('\n');
  const result = py(repo, ['-c', code], settings);
  if (result.code !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Verdict;
}

let template: string | undefined;
let counter = 60;

/** `django-admin startproject mysite .` once, copied into the repo, with a fresh insecure key (or `key`). */
export function startproject(repo: Repo, key = insecureKey(counter++)): string {
  if (!template) {
    template = tempDir('djkg-startproject-');
    const made = exec(PYTHON, ['-m', 'django', 'startproject', 'mysite', '.'], { cwd: template });
    if (made.code !== 0) throw new Error(made.stderr);
    process.on('exit', () => rmSync(template!, { recursive: true, force: true }));
  }
  cpSync(template, repo.dir, { recursive: true });
  const path = join(repo.dir, 'mysite/settings.py');
  writeFileSync(
    path,
    readFileSync(path, 'utf8').replace(/SECRET_KEY = '[^']*'/, () => `SECRET_KEY = '${key}'`)
  );
  return key;
}

/** Replace the startproject `SECRET_KEY = '…'` line with `code`. */
export function setKeyLine(repo: Repo, code: string, path = 'mysite/settings.py'): void {
  const file = join(repo.dir, path);
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace(/SECRET_KEY = '[^']*'/, () => code)
  );
}
