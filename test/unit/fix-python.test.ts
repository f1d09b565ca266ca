import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rewriteLiterals, type LookupStyle } from '../../src/remedy/python-rewrite.js';
import { ensureFromImport, insertImport } from '../../src/remedy/python-imports.js';
import { literalSites } from '../../src/remedy/project.js';
import { DEFAULT_NAMES } from '../../src/rules/secret-key/bind/names.js';
import { sampleKey } from '../helpers/keys.js';

const decouple: LookupStyle = { kind: 'decouple', envName: 'env' };
const environ: LookupStyle = { kind: 'environ', envName: 'env' };
const KEY = sampleKey(11);
const OLD = sampleKey(12);
const half = KEY.length / 2;

/** Rewrite the rule's binding site at the first occurrence of `needle` (what the extractor reports there). */
function rewrite(text: string, needle = KEY.slice(0, 10), style = decouple) {
  const at = text.indexOf(needle);
  const site = literalSites(text, DEFAULT_NAMES).find((s) => s.start <= at && at < s.end);
  assert.ok(site, `the rule binds a literal at ${needle}`);
  return rewriteLiterals(text, [site!], DEFAULT_NAMES, style);
}

const shapes = suite('fix: python shapes');

shapes('rewrites: plain assignment, keeping the quote style and the comment', () => {
  const out = rewrite(`SECRET_KEY = "${KEY}"  # keep\nDEBUG = True\n`);
  assert.is(out.text, `SECRET_KEY = config("SECRET_KEY")  # keep\nDEBUG = True\n`);
  assert.equal(out.moved, [{ name: 'SECRET_KEY', values: [KEY] }]);
  assert.ok(out.uses.has('config'));
});

shapes('rewrites: parenthesised implicit concatenation over lines', () => {
  const text = `SECRET_KEY = (\n    '${KEY.slice(0, half)}'\n    '${KEY.slice(half)}'\n)\nDEBUG = True\n`;
  const out = rewrite(text);
  assert.is(out.text, "SECRET_KEY = config('SECRET_KEY')\nDEBUG = True\n");
  assert.equal(out.moved[0]!.values, [KEY]);
});

shapes('rewrites: backslash continuation with +, annotated, indented in a class', () => {
  const text =
    `class Settings:\n    SECRET_KEY: str = '${KEY.slice(0, half)}' \\\n        + ` +
    `'${KEY.slice(half)}'\n    DEBUG = False\n`;
  const out = rewrite(text);
  assert.is(out.text, "class Settings:\n    SECRET_KEY: str = config('SECRET_KEY')\n    DEBUG = False\n");
  assert.equal(out.moved[0]!.values, [KEY]);
});

shapes('rewrites: os.environ.get fallback keeps the variable name it read', () => {
  const out = rewrite(`SECRET_KEY = os.environ.get(\n    'DJANGO_SECRET_KEY',\n    '${KEY}',\n)\n`);
  assert.is(out.text, "SECRET_KEY = config('DJANGO_SECRET_KEY')\n");
  assert.equal(out.moved, [{ name: 'DJANGO_SECRET_KEY', values: [KEY] }]);
});

shapes('rewrites: decouple default= and django-environ default= (kept on env)', () => {
  assert.is(
    rewrite(`SECRET_KEY = config('SECRET_KEY', default='${KEY}')\n`).text,
    "SECRET_KEY = config('SECRET_KEY')\n"
  );
  assert.is(
    rewrite(`SECRET_KEY = env.str('SECRET_KEY', default="${KEY}")\n`, undefined, environ).text,
    `SECRET_KEY = env("SECRET_KEY")\n`
  );
});

shapes('rewrites: a fallback inside another call is replaced by the lookup only', () => {
  const out = rewrite(`configure(SECRET_KEY=os.getenv('SECRET_KEY', '${KEY}'), DEBUG=True)\n`);
  assert.is(out.text, "configure(SECRET_KEY=config('SECRET_KEY'), DEBUG=True)\n");
});

shapes('rewrites: keyword argument and dict entry literals', () => {
  assert.is(
    rewrite(`settings.configure(DEBUG=True, SECRET_KEY='${KEY}')\n`).text,
    "settings.configure(DEBUG=True, SECRET_KEY=config('SECRET_KEY'))\n"
  );
  assert.is(
    rewrite(`CONF = {\n    'SECRET_KEY': '${KEY}',\n}\n`).text,
    "CONF = {\n    'SECRET_KEY': config('SECRET_KEY'),\n}\n"
  );
});

shapes('rewrites: django-environ schema tuple keeps only the cast', () => {
  const out = rewrite(
    `env = environ.Env(DEBUG=(bool, False), SECRET_KEY=(str, '${KEY}'))\n`,
    undefined,
    environ
  );
  assert.is(out.text, 'env = environ.Env(DEBUG=(bool, False), SECRET_KEY=str)\n');
  assert.equal(out.moved, [{ name: 'SECRET_KEY', values: [KEY] }]);
});

shapes('rewrites: SECRET_KEY_FALLBACKS list to Csv() with every value moved', () => {
  const text = `SECRET_KEY_FALLBACKS = [\n    '${KEY}',\n    '${OLD}',  # older\n]\n`;
  const out = rewrite(text);
  assert.is(out.text, "SECRET_KEY_FALLBACKS = config('SECRET_KEY_FALLBACKS', default='', cast=Csv())\n");
  assert.equal(out.moved, [{ name: 'SECRET_KEY_FALLBACKS', values: [KEY, OLD] }]);
  assert.ok(out.uses.has('Csv'));
  assert.is(
    rewrite(text, undefined, environ).text,
    "SECRET_KEY_FALLBACKS = env.list('SECRET_KEY_FALLBACKS', default=[])\n"
  );
});

shapes('rewrites: one-line if and `or` fallbacks', () => {
  assert.is(
    rewrite(`if not SECRET_KEY: SECRET_KEY = '${KEY}'\n`).text,
    "if not SECRET_KEY: SECRET_KEY = config('SECRET_KEY')\n"
  );
  assert.is(
    rewrite(`SECRET_KEY = os.environ.get('SECRET_KEY') or '${KEY}'\n`).text,
    "SECRET_KEY = config('SECRET_KEY')\n"
  );
});

shapes('removes: a commented-out key (whole line) and a trailing comment holding one', () => {
  assert.is(rewrite(`DEBUG = True\n# SECRET_KEY = '${KEY}'\nX = 1\n`).text, 'DEBUG = True\nX = 1\n');
  assert.is(rewrite(`X = 1  # SECRET_KEY = '${KEY}'\n`).text, 'X = 1\n');
});

shapes('keeps: tabs and other statements byte for byte', () => {
  const text = `if True:\n\tSECRET_KEY = '${KEY}'\n\tA = "x # not a comment"\n`;
  assert.is(rewrite(text).text, `if True:\n\tSECRET_KEY = config('SECRET_KEY')\n\tA = "x # not a comment"\n`);
});

shapes.run();

const imports = suite('fix: python imports');

imports('places the import after the leading imports', () => {
  const text = '"""Doc."""\n\nimport os\nfrom pathlib import Path\n\nBASE = 1\n';
  assert.is(
    ensureFromImport(text, 'decouple', ['config']),
    '"""Doc."""\n\nimport os\nfrom pathlib import Path\nfrom decouple import config\n\nBASE = 1\n'
  );
});

imports('places the import after a docstring when there are no imports', () => {
  assert.is(
    insertImport('"""Doc\nstring."""\nDEBUG = True\n', 'from decouple import config'),
    '"""Doc\nstring."""\n\nfrom decouple import config\n\nDEBUG = True\n'
  );
  assert.is(
    insertImport('DEBUG = True\n', 'from decouple import config'),
    'from decouple import config\n\nDEBUG = True\n'
  );
});

imports('merges into an existing decouple import and is idempotent', () => {
  const once = ensureFromImport('from decouple import config\nX = 1\n', 'decouple', ['Csv', 'config']);
  assert.is(once, 'from decouple import Csv, config\nX = 1\n');
  assert.is(ensureFromImport(once, 'decouple', ['Csv', 'config']), once);
});

imports.run();

const top = suite('fix: python imports at the top');
top('a shebang and coding line stay first; the import goes above the first use', () => {
  const text = `#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nSECRET_KEY = config('SECRET_KEY')\n`;
  assert.is(
    ensureFromImport(text, 'decouple', ['config']),
    `#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nfrom decouple import config\n\nSECRET_KEY = ` +
      `config('SECRET_KEY')\n`
  );
});
top('an import below the first use does not count (NameError): a new one goes on top', () => {
  const text = `import os\n\nSECRET_KEY = config('SECRET_KEY')\n\nfrom decouple import config\n`;
  const out = ensureFromImport(text, 'decouple', ['config']);
  assert.ok(out.indexOf('from decouple import config') < out.indexOf("config('SECRET_KEY')"), out);
  assert.is(ensureFromImport(out, 'decouple', ['config']), out, 'idempotent');
});
top.run();
