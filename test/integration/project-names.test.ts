/**
 * Names the project itself guards (DESIGN §3): what its settings modules read SECRET_KEY from is
 * guarded across the repository — through real git, staged and --all, and in history.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRepo, type Repo } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';
import { namesReadBy, projectNames } from '../../src/rules/secret-key/project-names.js';

const unit = suite('project names (pure)');
unit('reads the env name each settings lookup form reads SECRET_KEY from', () => {
  assert.equal(namesReadBy('SECRET_KEY = env("DD_SECRET_KEY")'), ['DD_SECRET_KEY']);
  assert.equal(namesReadBy("SECRET_KEY = os.environ['PAPERLESS_SECRET_KEY']"), ['PAPERLESS_SECRET_KEY']);
  assert.equal(namesReadBy('SECRET_KEY = os.environ.get("NETBOX_SECRET_KEY", "")'), ['NETBOX_SECRET_KEY']);
  assert.equal(namesReadBy('SECRET_KEY: str = config("APP_SECRET_KEY", default="")'), ['APP_SECRET_KEY']);
  assert.equal(namesReadBy('SECRET_KEY = env( "MYAPP_SECRET_KEY", default=None, )'), ['MYAPP_SECRET_KEY']);
  assert.equal(namesReadBy('SECRET_KEY = SECRETS["secret_key"]'), []); // the default name in another spelling
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
unit.run();

const test = suite<{ repo: Repo }>('project names (real git)');
test.before.each((context) => {
  context.repo = createRepo();
});
test.after.each((context) => {
  context.repo.remove();
});

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

test.run();
