/**
 * Acceptance cases in the shape of a Django repository's files, one line of policy each (DESIGN §3):
 * what must pass and what must block, across formats. Stand-ins are expanded at run time.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_NAMES, DEFAULT_TEMPLATES, secretKeyRule } from '../../src/rules/index.js';
import { expandSample, sampleKey } from '../../src/rules/samples.js';
import { classifyValue } from '../../src/rules/placeholder.js';

const options = { names: DEFAULT_NAMES, templates: DEFAULT_TEMPLATES };
const blocking = (path: string, text: string) =>
  secretKeyRule.detect(expandSample(text, 5), path, options).filter((hit) => hit.severity !== 'warning');

const mustPass: Array<[string, string]> = [
  [
    's.py',
    'if DEBUG:\n    SECRET_KEY = "dev-insecure-key"\nelse:\n    SECRET_KEY = os.environ["SECRET_KEY"]\n'
  ],
  ['s.py', "SECRET_KEY = os.environ.get('SECRET_KEY', 'unsafe-secret-key')\n"],
  [
    's.py',
    'SECRET_KEY = os.environ.get("SECRET_KEY", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")\n'
  ],
  ['s.py', 'SECRET_KEY = "*" * 50\n'],
  ['README.md', 'Set `SECRET_KEY` (e.g. `export SECRET_KEY=...`).\n'],
  ['README.md', '```\nSECRET_KEY=<your secret key>\n```\n'],
  ['docs/conf.rst', '.. envvar:: SECRET_KEY\n\n   The Django secret key. Required in production.\n'],
  [
    's.py',
    '"""Settings.\n\nSECRET_KEY is loaded from the environment.\n"""\nSECRET_KEY = config("SECRET_KEY")\n'
  ],
  ['s.py', '# Example: SECRET_KEY = "change-me"\n'],
  ['.env.sample', 'SECRET_KEY=\nDJANGO_SECRET_KEY=changeme\n'],
  ['.envs/.production/.django', 'DJANGO_SECRET_KEY=!!!SET DJANGO_SECRET_KEY!!!\n'],
  [
    'config/settings/local.py',
    'SECRET_KEY = env(\n    "DJANGO_SECRET_KEY",\n    default="!!!SET DJANGO_SECRET_KEY!!!",\n)\n'
  ],
  ['src/config.js', "module.exports = { secretKey: process.env.SECRET_KEY || '' };\n"],
  ['serverless.yml', 'provider:\n  environment:\n    SECRET_KEY: ${ssm:/myapp/secret_key}\n'],
  ['mysite/settings.py', "SECRET_KEY = os.environ.get('SECRET_KEY', 'insecure-dev-only-key')\n"],
  ['mysite/settings.py', 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n'],
  ['mysite/settings.py', 'SECRET_KEY = env.str("SECRET_KEY")\n'],
  ['mysite/settings/test.py', 'SECRET_KEY = "test-secret-key-not-for-production"\n'],
  ['mysite/settings/test.py', "SECRET_KEY = 'django-insecure-test-key'\n"],
  ['tests/settings.py', 'SECRET_KEY = "insecure-key-for-testing"\n'],
  ['docker-compose.yml', 'services:\n  web:\n    environment:\n      SECRET_KEY: ${DJANGO_SECRET_KEY}\n'],
  ['.env.example', 'SECRET_KEY=your-secret-key\nDEBUG=True\n'],
  ['.env.example', 'SECRET_KEY=<generate one>\n'],
  ['.env.example', 'SECRET_KEY="replace me"\n'],
  [
    'chart/templates/secret.yaml',
    'apiVersion: v1\nkind: Secret\nstringData:\n  SECRET_KEY: {{ .Values.secretKey | quote }}\n'
  ],
  ['.github/workflows/ci.yml', 'jobs:\n  t:\n    env:\n      SECRET_KEY: dummy-secret-for-ci\n'],
  ['.github/workflows/ci.yml', 'jobs:\n  t:\n    env:\n      DJANGO_SECRET_KEY: "ci-test-key"\n'],
  [
    'README.md',
    "Generate a key with `python -c 'from django.core.management.utils import get_random_secret_key; " +
      "print(get_random_secret_key())'` and set SECRET_KEY.\n"
  ],
  ['mysite/settings.py', 'import secrets\nSECRET_KEY = secrets.token_urlsafe(50)\n'],
  ['docs/settings.md', '- `SECRET_KEY`: A secret key for a particular Django installation.\n'],
  ['.env.example', 'DJANGO_SECRET_KEY=\n'],
  ['app/conf.py', "SECRET_KEY = getattr(settings, 'SECRET_KEY', None)\n"],
  ['app/conf.py', "CONF = {'SECRET_KEY': os.environ.get('SECRET_KEY')}\n"],
  ['infra/main.tf', 'resource "x" "y" {\n  secret_key = var.django_secret_key\n}\n'],
  ['group_vars/all.yml', "django_secret_key: \"{{ lookup('env', 'DJANGO_SECRET_KEY') }}\"\n"],
  [
    '.github/workflows/deploy.yml',
    'jobs:\n  d:\n    steps:\n      - run: echo "SECRET_KEY=${{ secrets.SECRET_KEY }}" >> .env\n'
  ],
  [
    'deploy.sh',
    'heroku config:set SECRET_KEY="$(python -c "import secrets; print(secrets.token_urlsafe(50))")"\n'
  ],
  ['Dockerfile', 'ARG SECRET_KEY\nENV SECRET_KEY=$SECRET_KEY\n'],
  [
    '{{cookiecutter.project_slug}}/config/settings.py',
    'SECRET_KEY = "{{ cookiecutter.django_secret_key }}"\n'
  ],
  ['settings.py.j2', "SECRET_KEY = '{{ django_secret_key }}'\n"],
  [
    'mysite/settings.py',
    '# SECRET_KEY is read from the environment; never commit it.\nSECRET_KEY = config("SECRET_KEY")\n'
  ],
  ['docs/index.rst', 'Set the ``SECRET_KEY`` environment variable before deploying.\n'],
  ['mysite/settings.py', "if not SECRET_KEY:\n    raise ImproperlyConfigured('SECRET_KEY is required')\n"],
  ['README.md', '```python\nSECRET_KEY = os.environ.get("SECRET_KEY")\n```\n'],
  ['mysite/settings.py', "SECRET_KEY = os.environ.get('SECRET_KEY', get_random_secret_key())\n"],
  ['.env.example', 'SECRET_KEY=change_this_to_a_long_random_string\n'],
  ['docker-compose.yml', 'services:\n  web:\n    environment:\n      - SECRET_KEY\n      - DEBUG\n'],
  ['mysite/settings.py', 'SECRET_KEY = os.environ.get("SECRET_KEY", "")\n'],
  ['mysite/settings.py', 'SECRET_KEY = os.getenv("SECRET_KEY", None)\n'],
  [
    'k8s/secret.yaml',
    'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    SECRET_KEY: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq/xB1aG1s6Zb5ZqUWYsbTSLPkVYiKvMPt4tBcFVLZ5wUMeH0lj8i9mzZ0YYw3Uz0Xj8lFD2oPq2f4b6o7dI6l1Kk0cD3wH5A7nE9pQ2rT4uV6xY8zA0bC2dE4fG6hI8jK0lM2nO4pQ6rS8tU0vW2xY4zA6bC8dE0fG2hI4jK6lM8nO0pQ2rS4tU6vW8xY0zA2bC4dE6fG8hI0jK2lM4nO6pQ8rS0tU2vW4xY6zA8bC0dE2fG4hI6jK8lM0nO2pQ4rS6tU8vW0xY2zA4bC6dE8fG0hI2jK4lM6nO8pQ0rS2tU4vW6xY8z==\n' // djkey-guard: allow (ciphertext meant to be committed)
  ],
  ['mysite/settings.py', 'SECRET_KEY = os.environ.get("SECRET_KEY", default=None)\n'],
  ['mysite/settings.py', 'SECRET_KEY = config("SECRET_KEY", default="")\n'],
  ['mysite/settings.py', "SECRET_KEY = os.environ.get('SECRET_KEY', 'change-me')\n"],
  [
    'mysite/settings.py',
    "SECRET_KEY = os.environ.get('SECRET_KEY', 'django-insecure-change-me-in-production')\n"
  ],
  ['mysite/settings.py', 'SECRET_KEY = Path("/run/secrets/django_secret_key").read_text().strip()\n'],
  ['mysite/settings.py', 'with open("/etc/secret_key.txt") as f:\n    SECRET_KEY = f.read().strip()\n'],
  ['mysite/settings.py', 'SECRET_KEY = os.environ.get("SECRET_KEY") or get_random_secret_key()\n'],
  [
    'app/tests/test_settings.py',
    "def test_key(settings):\n    settings.SECRET_KEY = 'fake-key'\n    assert settings.SECRET_KEY\n"
  ],
  ['app/utils.py', 'logger.info("SECRET_KEY loaded from %s", source)\n'],
  ['app/utils.py', 'raise ValueError("SECRET_KEY must be set")\n'],
  ['CHANGELOG.md', '- Read SECRET_KEY from the environment (#42)\n'],
  ['.env.template', 'SECRET_KEY=\n'],
  ['docker-compose.yml', 'services:\n  web:\n    env_file: .env\n'],
  [
    'docker-compose.yml',
    'x-env: &env\n  SECRET_KEY: ${SECRET_KEY:?SECRET_KEY is required}\nservices:\n  web:\n    ' +
      'environment: *env\n'
  ],
  [
    'k8s/deploy.yaml',
    'env:\n  - name: SECRET_KEY\n    valueFrom:\n      secretKeyRef:\n        name: django\n        ' +
      'key: SECRET_KEY\n'
  ],
  ['app.json', '{"env": {"SECRET_KEY": {"generator": "secret"}, "DEBUG": "0"}}\n'],
  ['.github/workflows/ci.yml', 'env:\n  SECRET_KEY: ${{ secrets.SECRET_KEY }}\n'],
  ['Procfile', 'web: gunicorn mysite.wsgi\n'],
  ['mysite/settings.py', "STRIPE_SECRET_KEY = '{{KEY}}'\nAWS_SECRET_ACCESS_KEY = '{{KEY}}'\n"],
  ['mysite/settings.py', "SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = '{{KEY}}'\n"],
  ['mysite/settings.py', "JWT_SECRET_KEY = '{{KEY}}'\n"],
  [
    'notebook.ipynb',
    '{"cells": [{"cell_type": "code", "source": ["import os\\n", "SECRET_KEY = ' +
      'os.environ[\\"SECRET_KEY\\"]\\n"]}]}\n'
  ],
  ['mysite/settings.py', 'SECRET_KEY = "%s" % os.environ["SECRET_KEY"]\n'],
  ['mysite/settings.py', 'SECRET_KEY = f"{os.environ[\'SECRET_KEY\']}"\n'],
  ['mysite/settings.py', "SECRET_KEY = '<your-secret-key>'\n"],
  ['mysite/settings.py', "SECRET_KEY = '__CHANGEME__'\n"],
  ['config.toml', '[django]\nsecret_key = "${SECRET_KEY}"\n']
];

const mustBlock: Array<[string, string]> = [
  ['s.py', "SECRET_KEY = (\n    os.environ.get(\n        'SECRET_KEY',\n        '{{KEY}}',\n    )\n)\n"],
  ['c.yml', 'x:\n  SECRET_KEY: >-\n    {{KEY}}\n'],
  ['c.yml', 'x:\n  SECRET_KEY:\n    {{KEY}}\n'],
  ['Dockerfile', 'ENV DEBUG=0 \\\n  SECRET_KEY={{KEY}}\n'],
  ['k.yaml', 'env:\n  - name: SECRET_KEY\n    value: |\n      {{KEY}}\n'],
  ['s.py', "SECRET_KEY_FALLBACKS = [config('OLD_SECRET_KEY', default='{{KEY}}')]\n"],
  ['s.py', "SECRET_KEY = os.environ.get('SECRET_KEY', default='{{KEY}}')\n"],
  ['s.py', 'SECRET_KEY = os.environ.get("SECRET_KEY") if "SECRET_KEY" in os.environ else "{{KEY}}"\n'],
  ['app/config.py', 'class Settings(BaseSettings):\n    secret_key: str = "{{KEY}}"\n'],
  ['s.py', 'SECRET_KEY = env("SECRET_KEY", "{{KEY}}")\n'],
  ['s.py', 'CONFIG = {\n    "SECRET_KEY": (\n        "{{KEY}}"\n    ),\n}\n'],
  ['nb.ipynb', '{"cells":[{"cell_type":"code","source":["%env SECRET_KEY={{KEY}}\\n"],"outputs":[]}]}'],
  [
    'nb.ipynb',
    '{"cells":[{"cell_type":"code","source":["print(settings.SECRET_KEY)\\n"],"outputs":[{"output_ty' +
      'pe":"stream","text":["{{INSECURE}}\\n"]}]}]}'
  ],
  [
    's.py',
    'SECRET_KEY = os.environ.get("SECRET_KEY", "")  # set in prod\nif DEBUG:\n    SECRET_KEY = "{{KEY}}"\n'
  ],
  ['s.py', 'SECRET_KEY = os.environ.get("SECRET_KEY", "{{MEMORABLE}}")\n'],
  [
    '.github/workflows/ci.yml',
    "jobs:\n  t:\n    env:\n      SECRET_KEY: ${{ secrets.SECRET_KEY || '{{KEY}}' }}\n"
  ],
  [
    '.envs/.production/.django',
    'DJANGO_SETTINGS_MODULE=config.settings.production\nDJANGO_SECRET_KEY={{KEY}}\n'
  ],
  ['config/settings/test.py', 'SECRET_KEY = env(\n    "DJANGO_SECRET_KEY",\n    default="{{KEY}}",\n)\n'],
  ['web.config', '<add key="SECRET_KEY" value="{{KEY}}" />\n'],
  ['src/config.ts', "export const SECRET_KEY = process.env.SECRET_KEY ?? '{{KEY}}';\n"],
  ['mysite/settings.py', "SECRET_KEY = 'django-insecure-' + '{{KEY}}'\n"],
  ['tests/settings.py', "SECRET_KEY = '{{KEY}}'\n"],
  ['mysite/settings.py', "SECRET_KEY = os.environ.get('SECRET_KEY', '{{INSECURE}}')\n"],
  ['docker-compose.yml', 'services:\n  web:\n    environment:\n      SECRET_KEY: "{{MEMORABLE}}"\n'],
  ['README.md', "## Deploy\n\n```bash\nheroku config:set SECRET_KEY='{{KEY}}'\n```\n"],
  ['zappa_settings.json', '{"production": {"environment_variables": {"DJANGO_SECRET_KEY": "{{KEY}}"}}}\n'],
  ['uwsgi.ini', '[uwsgi]\nenv = DJANGO_SECRET_KEY={{MEMORABLE}}\n'],
  ['scripts/deploy.sh', "export DJANGO_SECRET_KEY='{{KEY}}'\n"],
  [
    'mysite/settings/production.py',
    "from .base import *\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY') or '{{KEY}}'\n"
  ],
  ['mysite/settings.py', "SECRET_KEY = config('SECRET_KEY', default='{{MEMORABLE}}')\n"],
  ['mysite/settings.py', "SECRET_KEY = env('DJANGO_SECRET_KEY', default='{{INSECURE}}')\n"],
  ['docs/deploy.md', 'Set `SECRET_KEY={{KEY}}` in the dashboard.\n'],
  ['Procfile', 'web: DJANGO_SECRET_KEY={{MEMORABLE}} gunicorn mysite.wsgi\n'],
  ['fly.toml', '[env]\n  SECRET_KEY = "{{KEY}}"\n'],
  ['mysite/settings.py', 'SECRET_KEY = (\n    "{{KEY}}"\n)\n'],
  ['mysite/settings.py', 'SECRET_KEY_FALLBACKS = [\n    "{{KEY}}",\n]\n'],
  ['app.json', '{"env": {"SECRET_KEY": {"description": "key", "value": "{{KEY}}"}}}\n'],
  ['.env.production', 'SECRET_KEY={{MEMORABLE}}\n'],
  ['notes.txt', 'prod key {{INSECURE}}\n'],
  ['mysite/settings.py', "SECRET_KEY = 'dev-{{KEY}}'\n"],
  ['k8s/deploy.yaml', 'env:\n  - name: DJANGO_SECRET_KEY\n    value: {{MEMORABLE}}\n'],
  ['Dockerfile', 'FROM python:3.12\nENV DJANGO_SECRET_KEY {{MEMORABLE}}\n'],
  ['pytest.ini', '[pytest]\nenv =\n    SECRET_KEY={{KEY}}\n'],
  ['.gitlab-ci.yml', 'test:\n  variables:\n    SECRET_KEY: "{{KEY}}"\n'],
  ['mysite/settings.py', "os.environ.setdefault('SECRET_KEY', '{{KEY}}')\n"],
  ['manage.py', "os.environ['DJANGO_SECRET_KEY'] = '{{MEMORABLE}}'\n"],
  ['mysite/settings.py', "SECRET_KEY = r'{{KEY}}'\n"],
  ['mysite/settings.py', "SECRET_KEY = b'{{KEY}}'\n"],
  ['mysite/settings.py', 'SECRET_KEY = """{{KEY}}"""\n'],
  ['mysite/settings.py', "SECRET_KEY = '{{KEY}}'[:50]\n"],
  ['mysite/settings.py', "SECRET_KEY: str = '{{KEY}}'\n"],
  ['mysite/settings.py', "class Base:\n    SECRET_KEY = '{{KEY}}'\n"],
  ['mysite/settings.py', "SECRET_KEY = '{{MEMORABLE}}' \\\n    'def{{KEY}}'\n"],
  ['mysite/settings.py', "SECRET_KEY = ('{{KEY}}'\n              'more')\n"],
  ['mysite/settings.py', "SECRET_KEY = '{{KEY}}' + 'x'\n"],
  ['mysite/settings.py', "settings.configure(DEBUG=True, SECRET_KEY='{{KEY}}')\n"],
  ['mysite/settings.py', "env = environ.Env(DEBUG=(bool, False), SECRET_KEY=(str, '{{KEY}}'))\n"],
  ['mysite/settings.py', "SECRET_KEY = os.getenv('SECRET_KEY', '{{KEY}}')\n"],
  ['mysite/settings.py', "SECRET_KEY = env.str('SECRET_KEY', default='{{KEY}}')\n"],
  [
    'mysite/settings.py',
    "SECRET_KEY = os.environ.get('SECRET_KEY')\nif not SECRET_KEY:\n    SECRET_KEY = '{{KEY}}'\n"
  ],
  ['mysite/settings.py', "DEFAULTS = {\n    'SECRET_KEY': '{{KEY}}',\n}\n"],
  ['mysite/settings.py', "# SECRET_KEY = '{{INSECURE}}'\nSECRET_KEY = config('SECRET_KEY')\n"],
  ['mysite/settings.py', "SECRET_KEY = \\\n    '{{KEY}}'\n"],
  ['mysite/settings.py', "secret_key = '{{KEY}}'\n"],
  ['docker-compose.yml', 'services:\n  web:\n    environment:\n      - "DJANGO_SECRET_KEY={{KEY}}"\n'],
  ['docker-compose.yml', 'services:\n  web:\n    environment:\n      SECRET_KEY: ${SECRET_KEY:-{{KEY}}}\n'],
  [
    'k8s/secret.yaml',
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: d\ndata:\n  SECRET_KEY: {{B64KEY}}\n'
  ],
  [
    'k8s/secret.yaml',
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: d\nstringData:\n  DJANGO_SECRET_KEY: "{{KEY}}"\n'
  ],
  ['Dockerfile', 'ENV DEBUG=0 \\\n    SECRET_KEY="{{KEY}}"\n'],
  ['pyproject.toml', '[tool.pytest.ini_options]\nenv = ["SECRET_KEY={{KEY}}"]\n'],
  ['settings.ini', '[settings]\nSECRET_KEY={{KEY}}\n'],
  [
    'nb.ipynb',
    '{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [\n    "SECRET_KEY = ' +
      "'{{KEY}}'\\n\"\n   ]\n  }\n ]\n}\n"
  ],
  ['docs/setup.rst', '.. code-block:: python\n\n    SECRET_KEY = "{{KEY}}"\n'],
  [
    '.github/workflows/ci.yml',
    'jobs:\n  t:\n    steps:\n      - run: |\n          export SECRET_KEY={{MEMORABLE}}\n          ' +
      'python manage.py test\n'
  ],
  ['mysite/settings.py', "SECRET_KEY = '{{MEMORABLE}}'\n"],
  ['mysite/settings.py', "SECRET_KEY = 'supersecret'\n"] // djkey-guard: allow (a weak human-chosen key must block)
];

const test = suite('acceptance');
mustPass.forEach(([path, text], index) => {
  test(`passes #${index} ${path}`, () =>
    assert.equal(
      blocking(path, text).map((hit) => hit.message),
      [],
      text
    ));
});
mustBlock.forEach(([path, text], index) => {
  test(`blocks #${index} ${path}`, () => assert.ok(blocking(path, text).length > 0, text));
});
// DESIGN §3: a placeholder is a property of the value alone — the same verdict under every guarded
// name and in every format.
const SAME_VALUES = [
  'change-me',
  'ci-secret-key',
  'CISECRETKEY',
  'not-a-real-secret',
  'xyz',
  'abc',
  'secret',
  'foo',
  'dummy',
  'test12345',
  'order_hash_secret',
  'supersecret',
  'Tr0mbone-Harbor-Lights-2031',
  sampleKey(1),
  sampleKey(2, 30),
  'django-insecure-' + sampleKey(3),
  'django-insecure-key-for-demonstration-only',
  'irrelevant',
  'build-only',
  'lr******',
  '/run/secrets/django_key',
  'vault:secret/django',
  'a',
  'ab',
  'hello world key',
  'Welcome to django CMS',
  'NOTREALLY'
];
const SAME_FORMS: Array<[string, (n: string, v: string) => string]> = [
  [
    'mysite/settings.py',
    (n, v) => (n.endsWith('FALLBACKS') ? `${n} = [${JSON.stringify(v)}]\n` : `${n} = ${JSON.stringify(v)}\n`)
  ],
  ['.env', (n, v) => `${n}=${v.includes(' ') ? JSON.stringify(v) : v}\n`],
  ['docker-compose.yml', (n, v) => `services:\n  web:\n    environment:\n      ${n}: ${JSON.stringify(v)}\n`],
  ['docker-compose.yml', (n, v) => `services:\n  web:\n    environment:\n      - "${n}=${v}"\n`],
  ['config.json', (n, v) => `{"${n}": ${JSON.stringify(v)}}\n`],
  ['pyproject.toml', (n, v) => `[tool.django]\n${n} = ${JSON.stringify(v)}\n`],
  ['Dockerfile', (n, v) => `FROM python\nENV ${n}=${JSON.stringify(v)}\n`],
  ['deploy.sh', (n, v) => `export ${n}='${v}'\n`],
  ['k8s/deploy.yaml', (n, v) => `env:\n  - name: ${n}\n    value: ${JSON.stringify(v)}\n`],
  ['README.md', (n, v) => '```sh\nexport ' + n + "='" + v + "'\n```\n"],
  ['tox.ini', (n, v) => `[testenv]\nsetenv =\n    ${n} = ${v}\n`]
];
test('a value is judged the same under every guarded name and in every format', () => {
  const wrong: string[] = [];
  for (const value of SAME_VALUES) {
    const expected = classifyValue(value) === 'literal';
    for (const name of ['SECRET_KEY', 'DJANGO_SECRET_KEY', 'SECRET_KEY_FALLBACKS']) {
      for (const [path, make] of SAME_FORMS) {
        if (name === 'SECRET_KEY_FALLBACKS' && path !== 'mysite/settings.py') continue;
        const blocked = secretKeyRule
          .detect(make(name, value), path, options)
          .some((hit) => hit.severity !== 'warning');
        if (blocked !== expected)
          wrong.push(`${path} ${name} ${value.slice(0, 12)}: ${blocked ? 'blocks' : 'passes'}`);
      }
    }
  }
  assert.equal(wrong, []);
});
test.run();
