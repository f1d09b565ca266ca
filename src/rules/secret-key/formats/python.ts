/**
 * Python: values bound to a guarded name. The name may be an assignment target (bare, attribute,
 * annotated, chained, class attribute), a keyword argument (`settings.configure(SECRET_KEY=...)`,
 * `environ.Env(SECRET_KEY=(str, '...'))`), a dict key, a subscript target
 * (`os.environ['SECRET_KEY'] = ...`) or the key an env lookup reads
 * (`os.environ.get('SECRET_KEY', '<fallback>')`, `config(..., default=...)`, `setattr(...)`).
 * How each name binds is python-bindings.ts; values are evaluated by parse/python. Comments and
 * statement-level strings (docstrings, and triple-quoted blocks used to comment code out) get the
 * same treatment, because a commented-out key is still published. The format's samples close the file.
 */
import type { Candidate, Samples } from '../../types.js';
import type { FormatReader } from './registry.js';
import { Evaluator, type Leaf } from '../../../parse/python/expressions.js';
import {
  atStatementStart,
  NAME,
  NEWLINE,
  STRING,
  STRING3,
  stringParts,
  stringTemplate,
  stringValue,
  tokenize,
  tokenText,
  type Tokens
} from '../../../parse/python/tokens.js';

import { mentionsName, nameKind, type NameKind } from '../bind/names.js';
import {
  genericKeyWelcome,
  genericNameWelcome,
  keyBinding,
  nameBinding,
  resolver
} from './python-bindings.js';
import { readShapes } from '../bind/index.js';
import { looksLikeCode } from '../bind/located.js';

/**
 * One literal bound to a guarded name, as fix and rotate consume it (DESIGN §6: scanner, fix and
 * rotate read Python through this one front end, so they agree on where a key is and what it is).
 */
export interface BindingSite {
  /** The guarded name as written (`SECRET_KEY`, `secret_key`). */
  name: string;
  /** Offset of the name. */
  nameOffset: number;
  /** The value as Python decodes it (escapes, every piece of a split literal joined). */
  value: string;
  /** Offset of the first piece's content (the scanner's finding offset). */
  offset: number;
  /** Source span of the whole literal expression, every piece, prefixes and quotes included. */
  start: number;
  end: number;
  /** assign: the bound value; fallback: an env lookup's default (`config(..., default=…)`, `… or '…'`). */
  form: 'assign' | 'fallback';
  /** Inside a comment or a statement-level string (a commented-out key). */
  commented: boolean;
}

/** Candidates keyed by offset and value, so the same literal found twice is reported once. */
class Collector {
  private readonly seen = new Set<string>();
  readonly found: Candidate[] = [];
  readonly sites: BindingSite[] = [];

  add(name: string, nameOffset: number, leaves: readonly Leaf[], base: number, commented = false): void {
    for (const leaf of leaves) {
      const offset = base + leaf.offset;
      const key = `${offset}\0${leaf.value}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      // Python interpolates nothing: `${PATH}` in a string is part of the literal.
      this.found.push({
        name,
        value: leaf.value,
        offset,
        nameOffset: base + nameOffset,
        form: leaf.form,
        interpolates: false
      });
      this.sites.push({
        name,
        nameOffset: base + nameOffset,
        value: leaf.value,
        offset,
        start: base + leaf.start,
        end: base + leaf.end,
        form: leaf.form,
        commented
      });
    }
  }
}

/** Find values bound to the guarded names in Python source. */
export function extractPython(text: string, names: readonly string[]): Candidate[] {
  const collector = new Collector();
  scan(text, 0, new Guarded(names), collector, true);
  return collector.found;
}

/**
 * Every literal bound to a guarded name, with its decoded value and full source span (for fix and rotate).
 */
export function pythonBindingSites(text: string, names: readonly string[]): BindingSite[] {
  const collector = new Collector();
  scan(text, 0, new Guarded(names), collector, true);
  return collector.sites;
}

/** Guarded names (names.ts folding: any spelling), with a cheap length pre-check. */
class Guarded {
  private readonly shortest: number;
  readonly longest: number;

  constructor(readonly names: readonly string[]) {
    const lengths = names.map((name) => name.length);
    this.shortest = Math.min(...lengths);
    // camelCase drops the underscores: `djangoSecretKey` is shorter than DJANGO_SECRET_KEY.
    this.longest = Math.max(0, ...lengths) + 2;
  }

  kind(word: string): NameKind | null {
    return word.length >= this.shortest - 3 && word.length <= this.longest
      ? nameKind(word, this.names)
      : null;
  }
}

/** Scan `text` (whose offset 0 is `base` in the original); `outer` also scans comments and docstrings. */
function scan(text: string, base: number, names: Guarded, out: Collector, outer: boolean): void {
  const tokens = tokenize(text);
  const evaluator: Evaluator = new Evaluator(
    tokens,
    resolver(tokens, (): Evaluator => evaluator)
  );
  for (let i = 0; i < tokens.count; i++) {
    const type = tokens.type[i];
    if (type === NAME) {
      const name = tokenText(tokens, i);
      const kind = names.kind(name);
      if (kind && (kind === 'strict' || genericNameWelcome(tokens, i)))
        out.add(name, tokens.start[i]!, nameBinding(tokens, evaluator, i), base, !outer);
    } else if (type === STRING || type === STRING3) {
      if (tokens.end[i]! - tokens.start[i]! > names.longest + 8) {
        assignmentsInString(tokens, i, names, out, base);
        continue;
      }
      const name = stringValue(tokens, i);
      const kind = name === null ? null : names.kind(name);
      if (name !== null && kind && (kind === 'strict' || genericKeyWelcome(tokens, i))) {
        out.add(name, stringParts(tokens, i).contentStart, keyBinding(tokens, evaluator, i), base, !outer);
      } else assignmentsInString(tokens, i, names, out, base);
    }
  }
  if (!outer) return;
  for (const block of commentBlocks(tokens)) scan(block.text, base + block.start, names, out, false);
  for (const doc of statementStrings(tokens))
    scan(text.slice(doc.start, doc.end), base + doc.start, names, out, false);
}

/** Stands for an f-string's replacement field (a control character no source text holds). */
const FIELD_HOLE = '\u0001';

/**
 * A string whose text is `NAME=value` (a list element `"DJANGO_SECRET_KEY=…"`, a subprocess
 * argument after `-e`, an env line written from code): the shell reader over its decoded text,
 * mapped back to the source when the value appears there as written.
 */
function assignmentsInString(tokens: Tokens, i: number, names: Guarded, out: Collector, base: number): void {
  // An f-string's fields are computed: each becomes a hole, and a value holding one is not a literal.
  const value = stringTemplate(tokens, i, FIELD_HOLE);
  if (!value.includes('=') || !mentionsName(value, names.names)) return;
  const parts = stringParts(tokens, i);
  const raw = tokens.text.slice(parts.contentStart, parts.contentEnd);
  for (const found of readShapes('shell', value, names.names)) {
    // Only the `NAME=value` shape: `HELP = "SECRET_KEY = 'x'"` is prose about Python, not an env entry.
    if (looksLikeCode(found.value) || found.value === '' || !value.includes(`${found.name}=`)) continue;
    if (found.value.includes(FIELD_HOLE)) continue;
    const at = raw.indexOf(found.value);
    const offset = parts.contentStart + Math.max(at, 0);
    out.add(
      found.name,
      parts.contentStart + Math.max(0, raw.indexOf(found.name)),
      [{ value: found.value, offset, start: tokens.start[i]!, end: tokens.end[i]!, form: 'assign' }],
      base
    );
  }
}

/**
 * Runs of comments on consecutive lines (or one trailing comment) as text for a second scan:
 * everything but the comment text becomes spaces, newlines stay, so offsets and lines still match.
 * Leading `#`s go too (`## SECRET_KEY = ...`).
 */
function* commentBlocks(tokens: Tokens): Generator<{ start: number; text: string }> {
  const { text, comments } = tokens;
  let blockStart = -1;
  let pieces: string[] = [];
  let previousEnd = -1;
  for (let c = 0; c < comments.length; c += 2) {
    const start = comments[c]!;
    const end = comments[c + 1]!;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const ownLine = text.slice(lineStart, start).trim() === '';
    const continues = ownLine && previousEnd >= 0 && lineStart - 1 === previousEnd && blockStart >= 0;
    if (!continues && blockStart >= 0) {
      yield { start: blockStart, text: pieces.join('') };
      blockStart = -1;
    }
    if (blockStart < 0) {
      blockStart = start;
      pieces = [];
    } else {
      pieces.push(text.slice(previousEnd, start).replace(/[^\n]/g, ' '));
    }
    let body = start;
    while (text[body] === '#') body++;
    pieces.push(' '.repeat(body - start) + text.slice(body, end));
    previousEnd = ownLine ? end : -1;
  }
  if (blockStart >= 0) yield { start: blockStart, text: pieces.join('') };
}

/** Strings that are whole statements: docstrings and triple-quoted blocks of commented-out code. */
function* statementStrings(tokens: Tokens): Generator<{ start: number; end: number }> {
  for (let i = 0; i < tokens.count; i++) {
    const type = tokens.type[i];
    if ((type !== STRING && type !== STRING3) || !atStatementStart(tokens, i)) continue;
    if (i + 1 < tokens.count && tokens.type[i + 1] !== NEWLINE) continue;
    const parts = stringParts(tokens, i);
    if (!parts.formatted) yield { start: parts.contentStart, end: parts.contentEnd };
  }
}

/** One sample per shape of DESIGN §3 (see samples.ts for the stand-ins). */
const S = 'mysite/settings.py';

const samples: Samples = {
  hit: [
    // Python does not interpolate ${…}: a literal holding one is still a literal key.
    ['mysite/settings.py', "SECRET_KEY = '{{KEY}}${PATH}'\n"],
    // Env lines an f-string writes: the other lines' fields do not make the key computed.
    [
      'scripts/bootstrap.py',
      'def write_env(debug, hosts):\n    return ' +
        'f"""\nDEBUG={debug}\nALLOWED_HOSTS={\',\'.join(hosts)}\nSECRET_KEY={{KEY}}\n"""\n'
    ],
    // A docstring's example call with a literal (its identifier twin passes).
    [
      'mysite/cookies.py',
      'def load(self):\n    """Example:\n\n        settings.configure(SECRET_KEY=\'{{KEY}}\')\n    """\n'
    ],
    // A fixture returning Django's own name with a random key blocks in test code too.
    [
      'payments/tests/conftest.py',
      "import pytest\n\n\n@pytest.fixture\ndef django_config():\n    return {'SECRET_KEY': '{{KEY}}'}\n"
    ],
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
    [
      'scripts/bootstrap.py',
      'def write_env(debug, key):\n    return ' +
        'f"""\nDEBUG={debug}\nSECRET_KEY={key}\nDJANGO_SECRET_KEY={get_random_secret_key()}\n"""\n'
    ],
    // Identifiers are not literals, in a docstring's example as in code.
    [
      'mysite/cookies.py',
      'def load(self):\n    """Example:\n\n        ' +
        'settings.configure(SECRET_KEY=KEY_FROM_VAULT)\n        c = load_cookie(self, ' +
        'secret_key=COOKIE_SECRET)\n    """\n'
    ],
    [
      'app/docs.py',
      'def make_app(secret_key=None):\n    """>>> make_app(secret_key=settings.SECRET_KEY)\n    """\n'
    ],
    // A generic spelling in a dict built inside a function (a payment fixture) is that code's data.
    [
      'payments/gateways/np/tests/conftest.py',
      "import pytest\n\n\n@pytest.fixture\ndef gateway_config():\n    return {'secret-key': " +
        "'qwhdkfjsuemcnxbalpoiuzthgfa', 'sandbox': True}\n"
    ],
    // Another product's secret_key: an object's attribute, a client's argument, a storage OPTIONS map.
    [
      'app/hooks.py',
      "def make_hook():\n    webhook = Webhook()\n    webhook.secret_key = '{{KEY}}'\n    return webhook\n"
    ],
    ['app/storage.py', "client = Minio('s3.example.com', access_key='minio', secret_key='{{KEY}}')\n"],
    [
      S,
      "STORAGES = {\n    'default': {\n        'BACKEND': 'storages.backends.s3.S3Storage',\n        " +
        "'OPTIONS': {'access_key': 'minio', 'secret_key': '{{KEY}}'},\n    },\n}\n"
    ],
    ['app/payments.py', "GATEWAY = {'public_key': 'pk_test_x', 'secret_key': '{{KEY}}'}\n"],
    [
      'shop/plugins/tests/conftest.py',
      'def gateway():\n    return GatewayConfig(\n        connection_params={"secret-key": ' +
        '"{{KEY}}"},\n    )\n'
    ],
    [
      'app/signing.py',
      "def sign(data):\n    secret_key = '{{KEY}}'\n    return hmac.new(secret_key.encode(), data, " +
        "'sha256')\n"
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
      "def check():\n    if len(settings.SECRET_KEY) < 50:\n        return [Warning('SECRET_KEY is too " +
        "short')]\n"
    ]
  ]
};

export const pythonFormat: FormatReader = {
  extract: (text, { names }) => extractPython(text, names),
  samples
};
