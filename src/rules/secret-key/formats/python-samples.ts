/** Samples for the Python extractor, one per shape of DESIGN §3 (see samples.ts for the stand-ins). */
import type { Samples } from '../../types.js';

const S = 'mysite/settings.py';

export const samples: Samples = {
  hit: [
    [S, "SECRET_KEY = '{{INSECURE}}'\n"],
    [S, "SECRET_KEY = '{{KEY}}'[:50]\n"],
    [S, 'SECRET_KEY = "{{KEY}}"\n'],
    [S, "SECRET_KEY = '{{MEMORABLE}}'\n"],
    [S, "SECRET_KEY = r'{{KEY}}'\n"],
    [S, "SECRET_KEY = b'{{KEY}}'\n"],
    [S, "SECRET_KEY = f'{{KEY}}'\n"],
    [S, "SECRET_KEY = '''{{KEY}}'''\n"],
    [S, 'SECRET_KEY: str = "{{KEY}}"\n'],
    [S, "DJANGO_SECRET_KEY = '{{KEY}}'\n"],
    [S, "secret_key = '{{KEY}}'\n"],
    [S, "SIGNING_KEY = SECRET_KEY = '{{KEY}}'\n"],
    [S, "SECRET_KEY = (\n    '{{KEY}}'\n    '{{MEMORABLE}}'\n)\n"],
    [S, "SECRET_KEY = '{{KEY}}' + \\\n    '{{MEMORABLE}}'\n"],
    [S, "SECRET_KEY = ('{{KEY}}' +\n              '{{MEMORABLE}}')\n"],
    [S, "SECRET_KEY = \\\n    '{{KEY}}'\n"],
    [S, "SECRET_KEY = '{{KEY}}'.encode()\n"],
    [S, "import os\nSECRET_KEY = os.environ.get('SECRET_KEY', '{{KEY}}')\n"],
    [S, "import os\nSECRET_KEY = os.environ.get(\n    'DJANGO_SECRET_KEY',\n    '{{INSECURE}}',\n)\n"],
    [S, "SECRET_KEY = os.getenv('SECRET_KEY', '{{MEMORABLE}}')\n"],
    [S, "SECRET_KEY = os.environ.get('SECRET_KEY') or '{{KEY}}'\n"],
    [S, "from decouple import config\nSECRET_KEY = config('SECRET_KEY', default='{{KEY}}')\n"],
    [S, "SECRET_KEY = config('SECRET_KEY', '{{KEY}}', cast=str)\n"],
    [S, "env = environ.Env()\nSECRET_KEY = env('SECRET_KEY', default='{{KEY}}')\n"],
    [S, "SECRET_KEY = env.str('SECRET_KEY', default='{{KEY}}')\n"],
    [S, "env = environ.Env(\n    DEBUG=(bool, False),\n    SECRET_KEY=(str, '{{KEY}}'),\n)\n"],
    [S, "SECRET_KEY = os.environ.get('SECRET_KEY')\nif not SECRET_KEY:\n    SECRET_KEY = '{{KEY}}'\n"],
    [S, "if DEBUG:\n    SECRET_KEY = '{{MEMORABLE}}'\nelse:\n    SECRET_KEY = os.environ['SECRET_KEY']\n"],
    [S, "SECRET_KEY = '{{KEY}}' if DEBUG else os.environ['SECRET_KEY']\n"],
    [S, "os.environ['SECRET_KEY'] = '{{KEY}}'\n"],
    [S, "os.environ.setdefault('DJANGO_SECRET_KEY', '{{KEY}}')\n"],
    [S, "settings.configure(DEBUG=True, SECRET_KEY='{{KEY}}')\n"],
    [
      'tests/conftest.py',
      'def pytest_configure(config):\n    settings.configure(\n        SECRET_KEY="{{KEY}}",\n    )\n'
    ],
    ['tests/test_views.py', "@override_settings(SECRET_KEY='{{KEY}}')\ndef test_signing():\n    pass\n"],
    ['tests/test_views.py', "def test_x(monkeypatch):\n    monkeypatch.setenv('SECRET_KEY', '{{KEY}}')\n"],
    [S, "setattr(settings, 'SECRET_KEY', '{{KEY}}')\n"],
    [S, "CONFIG = {\n    'DEBUG': False,\n    'SECRET_KEY': '{{KEY}}',\n}\n"],
    [S, "SECRET_KEY_FALLBACKS = [\n    '{{KEY}}',\n]\n"],
    [S, "SECRET_KEY_FALLBACKS = [config('OLD_SECRET_KEY', default='{{KEY}}')]\n"],
    [S, "SECRET_KEY_FALLBACKS = ('{{MEMORABLE}}', os.environ['OLD_KEY'])\n"],
    [S, "_DEFAULT_KEY = '{{KEY}}'\nSECRET_KEY = os.environ.get('SECRET_KEY', _DEFAULT_KEY)\n"],
    [S, "class Base(Configuration):\n    SECRET_KEY = '{{KEY}}'\n"],
    [S, "class Dev(Configuration):\n    SECRET_KEY = values.Value('{{KEY}}')\n"],
    ['app/config.py', "class Settings(BaseSettings):\n    secret_key: str = '{{KEY}}'\n"],
    [S, "# SECRET_KEY = '{{INSECURE}}'\nSECRET_KEY = config('SECRET_KEY')\n"],
    [S, '#SECRET_KEY = "{{MEMORABLE}}"\n'],
    [S, "SECRET_KEY = config('SECRET_KEY')  # was: SECRET_KEY = '{{KEY}}'\n"],
    [S, '"""\nSECRET_KEY = \'{{KEY}}\'\n"""\nSECRET_KEY = config(\'SECRET_KEY\')\n'],
    [S, "SECRET_KEY = getattr(settings, 'SECRET_KEY', '{{KEY}}')\n"],
    [S, "app.config['SECRET_KEY'] = os.environ.get('FLASK_KEY') or '{{KEY}}'\n"],
    ['legacy/settings.py', "# -*- coding: utf-8 -*-\nprint 'loading'\nSECRET_KEY = u'{{KEY}}'\n"],
    // Assignment inside a string: list elements, subprocess arguments, env lines written from code.
    ['deploy/run.py', 'ENV = [\n    "DEBUG=0",\n    "DJANGO_SECRET_KEY={{KEY}}",\n]\n'],
    ['tasks.py', 'subprocess.run(["docker", "run", "-e", "SECRET_KEY={{KEY}}", "web"])\n'],
    ['scripts/bootstrap.py', 'with open(".env", "w") as f:\n    f.write("SECRET_KEY={{KEY}}\\n")\n'],
    // Generic spellings in the app's configuration: a pydantic settings class, a settings dict.
    ['app/core/config.py', 'class Settings(BaseSettings):\n    secret_key: str = "{{KEY}}"\n'],
    ['app/conf.py', "SECRETS = {'secret_key': '{{KEY}}', 'debug': False}\n"],
    ['app/conf.py', "djangoSecretKey = '{{KEY}}'\n"]
  ],
  miss: [
    // Another product's secret_key: an object's attribute, a client's argument, a storage OPTIONS map.
    [
      'app/hooks.py',
      "def make_hook():\n    webhook = Webhook()\n    webhook.secret_key = '{{KEY}}'\n    return webhook\n"
    ],
    ['app/storage.py', "client = Minio('s3.example.com', access_key='minio', secret_key='{{KEY}}')\n"],
    [
      S,
      "STORAGES = {\n    'default': {\n        'BACKEND': 'storages.backends.s3.S3Storage',\n        'OPTIONS': {'access_key': 'minio', 'secret_key': '{{KEY}}'},\n    },\n}\n"
    ],
    ['app/payments.py', "GATEWAY = {'public_key': 'pk_test_x', 'secret_key': '{{KEY}}'}\n"],
    [
      'shop/plugins/tests/conftest.py',
      'def gateway():\n    return GatewayConfig(\n        connection_params={"secret-key": "{{KEY}}"},\n    )\n'
    ],
    [
      'app/signing.py',
      "def sign(data):\n    secret_key = '{{KEY}}'\n    return hmac.new(secret_key.encode(), data, 'sha256')\n"
    ],
    ['deploy/run.py', 'ENV = ["DEBUG=0", "DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY}", "SECRET_KEY="]\n'],
    [S, "SECRET_KEY = ''\n"],
    [S, 'SECRET_KEY = None\n'],
    [S, "SECRET_KEY = 'change-me'\n"],
    [S, "SECRET_KEY = '<your-secret-key>'\n"],
    [S, "SECRET_KEY = '__CHANGEME__'\n"],
    [S, "SECRET_KEY = 'your-secret-key-here'\n"],
    [S, "SECRET_KEY = 'fake-key'\n"],
    [S, "SECRET_KEY = 'django-insecure-change-me-in-production'\n"],
    [S, "SECRET_KEY = 'not-a-secret'\n"],
    [S, "SECRET_KEY = os.environ.get('SECRET_KEY', 'change-me')\n"],
    [S, "SECRET_KEY = config('SECRET_KEY', default='')\n"],
    [S, "SECRET_KEY = os.environ['SECRET_KEY']\n"],
    [S, "SECRET_KEY = os.environ.get('SECRET_KEY')\n"],
    [S, "SECRET_KEY = os.getenv('SECRET_KEY', None)\n"],
    [S, "from decouple import config\nSECRET_KEY = config('SECRET_KEY')\n"],
    [S, "SECRET_KEY = env('SECRET_KEY')\n"],
    [S, "SECRET_KEY = env.str('SECRET_KEY')\n"],
    [S, "SECRET_KEY_FALLBACKS = config('SECRET_KEY_FALLBACKS', default='', cast=Csv())\n"],
    [
      S,
      'from django.core.management.utils import get_random_secret_key\nSECRET_KEY = get_random_secret_key()\n'
    ],
    [S, "SECRET_KEY = os.environ.get('SECRET_KEY', get_random_secret_key())\n"],
    [S, 'SECRET_KEY = os.urandom(32)\n'],
    [S, "SECRET_KEY = open(os.path.join(BASE_DIR, 'secret.txt')).read().strip()\n"],
    [S, "with open('/etc/secret_key.txt') as f:\n    SECRET_KEY = f.read().strip()\n"],
    [S, 'SECRET_KEY = f\'{PREFIX}-{os.environ["KEY"]}\'\n'],
    [S, "SECRET_KEY = 'django-insecure-' + get_random_secret_key()\n"],
    [S, "SECRET_KEY = ''.join(random.choice(chars) for _ in range(50))\n"],
    [S, "SECRET_KEY = 'x' * 50\n"],
    [S, "SECRET_KEY = config.get('django', 'secret_key')\n"],
    [S, "SECRET_KEY = get_secret('SECRET_KEY')\n"],
    [S, "SECRET_KEY = vault.read('secret/django')['data']['key']\n"],
    [S, "STRIPE_SECRET_KEY = '{{KEY}}'\n"],
    [S, "AWS_SECRET_ACCESS_KEY = '{{KEY}}'\n"],
    [S, "STRIPE_SECRET_KEY = os.environ.get('STRIPE_SECRET_KEY', '{{KEY}}')\n"],
    [S, "SECRET_KEY_PATH = '/run/secrets/{{KEY}}'\n"],
    [S, "JWT_AUTH = {'JWT_SECRET_KEY': '{{KEY}}'}\n"],
    [
      S,
      "# SECRET_KEY is read from the environment; never commit it.\nSECRET_KEY = os.environ['SECRET_KEY']\n"
    ],
    [S, "# Don't forget: SECRET_KEY must be set in production!\n"],
    [S, '"""\nSettings for mysite. SECRET_KEY comes from the environment (see README).\n"""\n'],
    [S, "if not SECRET_KEY:\n    raise ImproperlyConfigured('SECRET_KEY', 'must be set')\n"],
    [S, "logger.warning('SECRET_KEY', 'is missing')\n"],
    [S, "assert settings.SECRET_KEY != 'change-me'\n"],
    [S, "if SECRET_KEY == '{{KEY}}':\n    pass\n"],
    [S, 'SIGNING_KEY = SECRET_KEY\n'],
    [S, "SECRET_KEY = config('SECRET_KEY', default=get_random_secret_key())\n"],
    [S, "SECRET_KEY = env('SECRET_KEY', default=env.NOTSET)\n"],
    ['tests/settings.py', "SECRET_KEY = 'test'\n"],
    ['tests/settings.py', "SECRET_KEY = 'dummy-secret-key-for-tests'\n"],
    [S, 'SETTINGS_TEMPLATE = """\nSECRET_KEY = \'{secret_key}\'\n"""\n'],
    [
      'mysite/checks.py',
      "def check():\n    if len(settings.SECRET_KEY) < 50:\n        return [Warning('SECRET_KEY is too short')]\n"
    ]
  ]
};
