/**
 * Names the project itself guards (DESIGN §3): what its settings modules read SECRET_KEY from is
 * guarded across the repository — through real git, staged and --all, and in history.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { repoSuite } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';
import {
  isSettingsModule,
  namesReadBy,
  projectNames,
  settingsModulesNamed,
  unguardedKeyWords
} from '../../src/rules/secret-key/project-names.js';

const unit = suite('project names (pure)');
unit('reads the env name each settings lookup form reads SECRET_KEY from', () => {
  assert.equal(namesReadBy('SECRET_KEY = env("DD_SECRET_KEY")'), ['DD_SECRET_KEY']);
  assert.equal(namesReadBy("SECRET_KEY = os.environ['PAPERLESS_SECRET_KEY']"), ['PAPERLESS_SECRET_KEY']);
  assert.equal(namesReadBy('SECRET_KEY = os.environ.get("NETBOX_SECRET_KEY", "")'), ['NETBOX_SECRET_KEY']);
  assert.equal(namesReadBy('SECRET_KEY: str = config("APP_SECRET_KEY", default="")'), ['APP_SECRET_KEY']);
  assert.equal(namesReadBy('SECRET_KEY = env( "MYAPP_SECRET_KEY", default=None, )'), ['MYAPP_SECRET_KEY']);
  assert.equal(namesReadBy('SECRET_KEY = SECRETS["secret_key"]'), []); // the default name in another spelling
  // django-configurations names the variable by keyword.
  assert.equal(namesReadBy('    SECRET_KEY = values.SecretValue(environ_name="SITE_SIGNING")'), [
    'SITE_SIGNING'
  ]);
  assert.equal(namesReadBy('    SECRET_KEY = values.SecretValue(environ_prefix="MYAPP")'), [
    'MYAPP_SECRET_KEY'
  ]);
  assert.equal(namesReadBy('    SECRET_KEY = values.SecretValue()'), []);
});
unit('ignores what is not a lookup of a key-ish name', () => {
  assert.equal(namesReadBy('SECRET_KEY = config("SECRET_KEY")'), []);
  assert.equal(namesReadBy('SECRET_KEY = get_secret("prod")'), []);
  assert.equal(namesReadBy("SECRET_KEY = 'literal'"), []);
  assert.equal(namesReadBy('STRIPE_SECRET_KEY = env("STRIPE_KEY")'), []);
  assert.equal(projectNames(['SECRET_KEY = env("A_SECRET_KEY")', 'SECRET_KEY = env("A_SECRET_KEY")']), [
    'A_SECRET_KEY'
  ]);
});
unit('one step of constant indirection, every name of an or chain, a nested default', () => {
  assert.equal(namesReadBy("import os\nKEY_NAME = 'APP_KEY'\nSECRET_KEY = os.environ[KEY_NAME]\n"), [
    'APP_KEY'
  ]);
  assert.equal(namesReadBy("SECRET_KEY = os.environ.get('OLD_APP_KEY') or os.environ['NEW_APP_KEY']\n"), [
    'OLD_APP_KEY',
    'NEW_APP_KEY'
  ]);
  assert.equal(namesReadBy("SECRET_KEY = env('A_SECRET', default=env('B_SECRET'))\n"), [
    'A_SECRET',
    'B_SECRET'
  ]);
  // Only one step: a constant naming another constant is not followed.
  assert.equal(namesReadBy("A = 'APP_KEY'\nB = A\nSECRET_KEY = os.environ[B]\n"), []);
});
unit('a settings module is what assigns SECRET_KEY; DJANGO_SETTINGS_MODULE names one', () => {
  assert.ok(isSettingsModule("import os\nif DEBUG:\n    SECRET_KEY = os.environ['X_KEY']\n"));
  assert.not.ok(
    isSettingsModule("from django.conf import settings\nif settings.SECRET_KEY == '':\n    pass\n")
  );
  assert.equal(
    settingsModulesNamed("os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.production')\n"),
    ['mysite.production']
  );
});
unit('key-ish words no configured name covers (the first step of the lazy lookup)', () => {
  assert.equal(unguardedKeyWords('APP_KEY: "x"\nSECRET_KEY: y\nmonkey', ['SECRET_KEY']), [
    'APP_KEY',
    'MONKEY'
  ]);
  assert.equal(
    unguardedKeyWords('value = compute(1, "abc")\nSECRET_KEY = config("SECRET_KEY")', ['SECRET_KEY']),
    []
  );
});
unit.run();

const test = repoSuite('project names (real git)');

const compose = (key: string) =>
  `services:\n  web:\n    environment:\n      DD_SECRET_KEY: "\${DD_SECRET_KEY:-${key}}"\n`;

test('blocks: an app-prefixed name the settings read SECRET_KEY from, in a compose default', ({ repo }) => {
  repo.write(
    'dojo/settings/settings.dist.py',
    'import environ\nenv = environ.Env()\nSECRET_KEY = env("DD_SECRET_KEY")\n'
  );
  repo.write('docker-compose.yml', compose(sampleKey(31)));
  repo.stage('.');
  const result = repo.run();
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, 'docker-compose.yml:4');
  assert.match(result.stderr, 'DD_SECRET_KEY');
});

test('passes: the same compose file where no settings module reads that name', ({ repo }) => {
  repo.write('docker-compose.yml', compose(sampleKey(31)));
  repo.stage('.');
  const result = repo.run();
  assert.is(result.code, 0, result.stderr);
});

test('blocks: --all and history see the project name in an env file committed earlier', ({ repo }) => {
  repo.write('paperless/settings.py', 'import os\nSECRET_KEY = os.getenv(\n    "PAPERLESS_SECRET_KEY",\n)\n');
  repo.write('docker/env.example', `PAPERLESS_SECRET_KEY=${sampleKey(32)}\n`);
  repo.stage('.');
  repo.commit('init');
  assert.is(repo.run(['--all']).code, 1);
  const history = repo.run(['history']);
  assert.is(history.code, 1, history.stderr);
  assert.match(history.stdout, 'docker/env.example');
});

const composeLiteral = (name: string, key: string) =>
  `services:\n  web:\n    environment:\n      ${name}: "${key}"\n`;

test('blocks: a settings module of any file name, read through a constant', ({ repo }) => {
  repo.write('mysite/production.py', "import os\nKEY_NAME = 'APP_KEY'\nSECRET_KEY = os.environ[KEY_NAME]\n");
  repo.write('docker-compose.yml', composeLiteral('APP_KEY', sampleKey(41)));
  repo.stage('.');
  const result = repo.run();
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, 'docker-compose.yml:4');
  assert.match(result.stderr, 'APP_KEY');
});

test('blocks: the second name of an or chain, staged after the settings were committed', ({ repo }) => {
  repo.write(
    'config/prod.py',
    "import os\nSECRET_KEY = os.environ.get('LEGACY_KEY') or os.environ['SITE_SECRET']\n"
  );
  repo.stage('.');
  repo.commit('settings');
  repo.write('deploy/compose.yml', composeLiteral('SITE_SECRET', sampleKey(42)));
  repo.stage('deploy/compose.yml');
  const result = repo.run();
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, 'deploy/compose.yml:4');
});

test('blocks: a module DJANGO_SETTINGS_MODULE names, in a src/ layout', ({ repo }) => {
  repo.write('src/manage.py', "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.live')\n");
  // A tuple assignment: no `SECRET_KEY =` line for the search to find; the pointer finds the module.
  repo.write('src/shop/live.py', "import os\nSECRET_KEY, DEBUG = os.environ['SHOP_SECRET'], False\n");
  repo.write('.env.production', `SHOP_SECRET=${sampleKey(43)}\n`);
  repo.stage('src', '.env.production');
  const result = repo.run();
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, 'SHOP_SECRET');
});

test('passes: a literal under a key-ish name no settings module reads (looked up, not guarded)', ({
  repo
}) => {
  repo.write('mysite/settings.py', "import os\nSECRET_KEY = os.environ['DJANGO_KEY_V2']\n");
  repo.write('docker-compose.yml', composeLiteral('APP_KEY', sampleKey(44)));
  repo.stage('.');
  const result = repo.run();
  assert.is(result.code, 0, result.stderr);
});

test('--all and history: the constant-indirection name in a file committed earlier', ({ repo }) => {
  repo.write('mysite/production.py', "import os\nKEY_NAME = 'APP_KEY'\nSECRET_KEY = os.environ[KEY_NAME]\n");
  repo.write('docker-compose.yml', composeLiteral('APP_KEY', sampleKey(45)));
  repo.stage('.');
  repo.commit('init');
  const all = repo.run(['--all']);
  assert.is(all.code, 1, all.stderr);
  assert.match(all.stdout, 'docker-compose.yml');
  const history = repo.run(['history']);
  assert.is(history.code, 1, history.stderr);
  assert.match(history.stdout, 'docker-compose.yml');
});

test('a clean commit runs two git processes: the listing and one cat-file', ({ repo }) => {
  repo.write('mysite/settings.py', "import os\nSECRET_KEY = os.environ['APP_SECRET_KEY']\n");
  repo.write('app/views.py', 'def index(request):\n    return render(request, "index.html", {"key": 1})\n');
  repo.stage('.');
  const result = repo.run(['--debug']);
  assert.is(result.code, 0, result.stderr);
  const spawned = result.stderr.split('\n').filter((line) => /^\[debug\] git /.test(line));
  assert.is(spawned.length, 2, spawned.join('\n'));
  assert.match(spawned.join('\n'), 'diff --cached');
  assert.match(spawned.join('\n'), 'cat-file --batch');
});

test('a manual run from a subdirectory still finds the root (and its ignore file)', ({ repo }) => {
  repo.write('.djkeyguardignore', 'vendor/\n');
  repo.write('vendor/settings.py', `SECRET_KEY = '${sampleKey(46)}'\n`);
  repo.write('app/settings.py', `SECRET_KEY = '${sampleKey(47)}'\n`);
  repo.stage('.');
  const result = repo.run([], { cwd: `${repo.dir}/vendor` });
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, 'app/settings.py:1');
  assert.not.match(result.stderr, 'vendor/settings.py');
});

test.run();
