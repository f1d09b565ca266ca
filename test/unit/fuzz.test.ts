/**
 * Property-based tests over the rules' public entry points, for every format family (so they
 * exercise whichever extractor implementation is merged), plus a guard against super-linear
 * regexes. Runs are kept small (~200 per property); raise with FUZZ_RUNS=5000 when hunting.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { decode } from '../../src/decode.js';
import { formatJson } from '../../src/report/json.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatText } from '../../src/report/text.js';
import { classifyValue } from '../../src/rules/placeholder.js';
import { mask } from '../../src/rules/mask.js';
import { DEFAULT_NAMES, DEFAULT_TEMPLATES, envFileRule, secretKeyRule } from '../../src/rules/index.js';
import type { Hit } from '../../src/rules/types.js';
import type { Finding, ScanResult } from '../../src/types.js';
import { assertLinear } from '../helpers/timed.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
// A fresh seed on every run, so CI keeps exploring; fast-check prints it with any failure, and
// FUZZ_SEED=<n> replays that run exactly.
const SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
// The failing property's own message (which format, which value) in the report, under the seed line.
fc.configureGlobal({ seed: SEED, includeErrorInReport: true });
const options = { names: DEFAULT_NAMES, templates: DEFAULT_TEMPLATES };
const PATHS = [
  'settings.py',
  '.env',
  'docker-compose.yml',
  'app.json',
  'Dockerfile',
  'README.md',
  'settings.ini',
  'pyproject.toml',
  'x.ipynb',
  'notes.txt'
];
const INSECURE = ['django', 'insecure', ''].join('-');

/** Pieces that mean something to some extractor: names, operators, quotes, escapes, comments, fences. */
// (Names sit on their own line: next to ' or ' and quotes, this file would trip its own repo's scan.)
// biome-ignore format: a table of tokens, packed (the names stay one a line)
const TOKENS = [
  'SECRET_KEY',
  'DJANGO_SECRET_KEY',
  'SECRET_KEY_FALLBACKS',
  'secret-key',
  INSECURE,
  '=', '==', ':', ': ', ' = ', '=>', ':=', '?=', "'", '"', '`', "'''", '"""', '\\', '\\\n', '\n', '\n\n',
  ' ', '\t', '#', '//', ';', ',', '(', ')', '[', ']', '{', '}', '{{', '}}', '${', '$', ':-', 'export ',
  'ENV ', 'ARG ', '- ', '  ', 'r"', "b'", 'f"', 'os.environ.get(', 'config(', 'default=', 'env(', ' or ',
  '||', 'value', '"value":', 'name: ', '```', '```python\n', '```sh\n', '---\n', '[settings]\n',
  '{"cells": [', '"source": [', 'change-me', 'djkey-guard: allow', 'abcdefghij0123456789!@#$%^&*(-_=+)',
  'x'.repeat(60), 'é', '日本', '\u2028'
];
const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  soup,
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 })
);
const noCr = (text: string) => !text.includes('\r') && !text.includes('\ufeff');

function findings(hits: Hit[], path: string): Finding[] {
  return hits.map(({ pragmaLines: _pragma, severity, ...hit }) => ({
    ...hit,
    severity: severity ?? 'error',
    rule: 'secret-key',
    path
  }));
}

const property = suite('properties of the rules');

property('random and adversarial text never throws, in any format; hits are well-formed', () => {
  fc.assert(
    fc.property(anyText, (text) => {
      for (const path of PATHS) {
        for (const hit of secretKeyRule.detect(text, path, options)) {
          assert.ok(hit.line >= 1 && hit.column >= 1, `${path}: ${JSON.stringify(hit)}`);
          assert.ok(hit.masked && hit.fingerprint && hit.message);
        }
      }
    }),
    { numRuns: RUNS }
  );
});

property('the result does not depend on CRLF line endings or a BOM', () => {
  fc.assert(
    fc.property(soup.filter(noCr), (text) => {
      for (const path of PATHS) {
        const lf = JSON.stringify(secretKeyRule.detect(text, path, options));
        const crlf = text.replace(/\n/g, '\r\n');
        assert.is(JSON.stringify(secretKeyRule.detect(crlf, path, options)), lf, `CRLF differs in ${path}`);
        assert.is(
          JSON.stringify(secretKeyRule.detect('\ufeff' + crlf, path, options)),
          lf,
          `BOM differs in ${path}`
        );
      }
    }),
    { numRuns: RUNS }
  );
});

property('decoding: UTF-8 with or without BOM and UTF-16 LE/BE with BOM give back the same text', () => {
  const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);
  fc.assert(
    fc.property(
      fc
        .string({ unit: 'grapheme', maxLength: 200 })
        .filter((text) => !text.includes('\0') && !text.startsWith('\ufeff')),
      (text) => {
        const utf8 = Buffer.from(text, 'utf8');
        const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
        const be = Buffer.from(le).swap16();
        for (const bytes of [utf8, Buffer.concat([BOM8, utf8]), le, be]) {
          const decoded = decode(bytes);
          assert.ok(
            'text' in decoded && decoded.text === text,
            `${bytes.subarray(0, 4).toString('hex')}: ${JSON.stringify(decoded)}`
          );
        }
      }
    ),
    { numRuns: RUNS }
  );
});

property('invalid UTF-8 falls back to Latin-1 and never throws', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const decoded = decode(bytes);
      if ('text' in decoded) assert.type(decoded.text, 'string');
      else assert.ok(bytes.subarray(0, 8000).includes(0));
    }),
    { numRuns: RUNS }
  );
});

property('classifyValue never throws, answers one of four kinds, ignores surrounding blanks', () => {
  const kinds = ['empty', 'reference', 'placeholder', 'literal'];
  fc.assert(
    fc.property(anyText, fc.constantFrom('', ' ', '\t', '\n'), (value, pad) => {
      const kind = classifyValue(value);
      assert.ok(kinds.includes(kind));
      assert.is(classifyValue(pad + value + pad), kind);
    }),
    { numRuns: RUNS }
  );
});

property('envFileRule.matches never throws on arbitrary paths', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.constantFrom('.env', '.env.', 'example', '.', '/', 'a b', '\n'),
          fc.string({ maxLength: 12 })
        ),
        { maxLength: 8 }
      ),
      (parts) => {
        assert.type(envFileRule.matches(parts.join(''), options), 'boolean');
      }
    ),
    { numRuns: RUNS }
  );
});

// Keys from Django's alphabet plus upper case and a few separators: no quotes, blanks or
// backslashes, so every template below binds the whole key as one value. 20+ characters, the
// least a django-insecure- token needs to count as a key.
const KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)ABCDEFGHIJKLMNOPQRSTUVWXYZ.~';
const keyArb = fc
  .string({ unit: fc.constantFrom(...KEY_CHARS), minLength: 20, maxLength: 80 })
  .filter((key) => classifyValue(key) === 'literal');
/** The leading run of Django's key alphabet (any case): what follows `django-insecure-` in a token. */
const insecureRun = (tail: string) => /^[a-z0-9!@#$%^&*(\-_=+)]*/i.exec(tail)![0];
/** Words a self-describing tail is made of (DESIGN §3's list and the words around them), for the oracle. */
const DESCRIPTION_WORDS = new Set(
  (
    'change me replace in production key for demonstration only not a real secret insecure dummy fake ' +
    'test ci build do use example sample placeholder'
  ).split(' ')
);
/** Is this tail only words (split at separators and camelCase), every one from DESCRIPTION_WORDS? */
function description(tail: string): boolean {
  const words = tail
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .filter(Boolean);
  return words.length > 0 && words.every((word) => DESCRIPTION_WORDS.has(word.toLowerCase()));
}
// [path, text around the key, must it be found?]: the plain forms every implementation must see.
// Every key here is literal (keyArb) and bound whole, so each template must block it.
const TEMPLATES: Array<[string, (key: string) => string, (key: string) => boolean]> = [
  ['settings.py', (key) => `import os\nSECRET_KEY = '${key}'\n`, () => true],
  ['settings.py', (key) => `SECRET_KEY = os.environ.get('SECRET_KEY', '${key}')\n`, () => true],
  ['.env', (key) => `DEBUG=1\nSECRET_KEY=${key}\n`, () => true],
  [
    'docker-compose.yml',
    (key) => `services:\n  web:\n    environment:\n      SECRET_KEY: "${key}"\n`,
    () => true
  ],
  ['app.json', (key) => `{"env": {"SECRET_KEY": {"value": "${key}"}}}\n`, () => true],
  ['Dockerfile', (key) => `FROM python:3.12\nENV SECRET_KEY="${key}"\n`, () => true],
  ['README.md', (key) => `Deploy:\n\n\`\`\`sh\nexport SECRET_KEY='${key}'\n\`\`\`\n`, () => true],
  ['settings.ini', (key) => `[settings]\nSECRET_KEY=${key}\n`, () => true],
  ['pyproject.toml', (key) => `[tool.django]\nSECRET_KEY = "${key}"\n`, () => true],
  [
    'x.ipynb',
    (key) => JSON.stringify({ cells: [{ cell_type: 'code', source: [`SECRET_KEY = '${key}'\n`] }] }),
    () => true
  ],
  // DESIGN §3: `django-insecure-` + a random tail is a key, always — whatever the classifier thinks
  // of the tail. The token is the run of Django's alphabet after the prefix (20+ characters); only
  // a tail made entirely of words (description()) would be a placeholder.
  [
    'notes.txt',
    (key) => `old key: ${INSECURE}${key}\n`,
    (key) => insecureRun(key).length >= 20 && !description(key)
  ]
];

property(
  'django-insecure- + a letters-only tail blocks in every format, even one that splits into short words',
  () => {
    // Letters that read as pieces of words (`aapaataIsEaamaraalaI`, found by this tier): random all the same.
    const tail = fc.string({ unit: fc.constantFrom(...'aeioupmtrlsnIEAO'), minLength: 20, maxLength: 50 });
    fc.assert(
      fc.property(tail, (letters) => {
        if (description(letters)) return;
        const key = INSECURE + letters;
        for (const [path, text] of [
          ['notes.txt', `old key: ${key}\n`],
          ['.env', `SECRET_KEY=${key}\n`],
          ['settings.py', `SECRET_KEY = '${key}'\n`],
          ['docker-compose.yml', `services:\n  web:\n    environment:\n      - SECRET_KEY=${key}\n`]
        ] as const) {
          const hits = secretKeyRule.detect(text, path, options);
          assert.ok(
            hits.some((hit) => (hit.severity ?? 'error') === 'error'),
            `no blocking hit in ${path} for ${mask(key)}`
          );
        }
      }),
      { numRuns: RUNS, examples: [['aapaataIsEaamaraalaI']] }
    );
  }
);

// DESIGN §3: a placeholder is a property of the value alone — the same verdict in every format and
// under every guarded name. Values are words (placeholders, memorable phrases) or random runs, kept
// free of quotes, blanks, `$`, `#` and braces so that every template binds them whole.
const WORDS = [
  'change',
  'me',
  'secret',
  'key',
  'not',
  'a',
  'real',
  'ci',
  'test',
  'dummy',
  'harbor',
  'lights',
  'django',
  'insecure',
  'for',
  'only',
  'production',
  'example',
  'Tr0mbone',
  'x9k2',
  'build',
  'demo',
  'your',
  'here',
  'sunset',
  'boulevard',
  'fake',
  'placeholder',
  'value',
  'do',
  'use'
];
const wordValue = fc
  .tuple(
    fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }),
    fc.constantFrom('-', '_', '.', ''),
    fc.constantFrom('lower', 'upper', 'camel', 'as-is')
  )
  .map(([words, separator, shape]) => {
    const cased = words.map((word, i) =>
      shape === 'lower'
        ? word.toLowerCase()
        : shape === 'upper'
          ? word.toUpperCase()
          : shape === 'camel' && i > 0
            ? word[0]!.toUpperCase() + word.slice(1)
            : word
    );
    return cased.join(shape === 'camel' ? '' : separator);
  });
const PLAIN = 'abcdefghijklmnopqrstuvwxyz0123456789!@%^&*(-_=+)ABCDEFGHIJKLMNOPQRSTUVWXYZ.~';
const randomValue = fc.string({ unit: fc.constantFrom(...PLAIN), minLength: 6, maxLength: 60 });
const BINDINGS: Array<[string, (name: string, value: string) => string]> = [
  ['mysite/settings_prod.py', (name, value) => `${name} = '${value}'\n`],
  ['.env', (name, value) => `${name}=${value}\n`],
  ['docker-compose.yml', (name, value) => `services:\n  web:\n    environment:\n      ${name}: "${value}"\n`],
  ['k8s/deploy.yaml', (name, value) => `env:\n  - name: ${name}\n    value: "${value}"\n`],
  ['app.json', (name, value) => `{"env": {"${name}": {"value": "${value}"}}}\n`],
  ['Dockerfile', (name, value) => `FROM python:3.12\nENV ${name}="${value}"\n`],
  ['README.md', (name, value) => `Deploy:\n\n\`\`\`sh\nexport ${name}='${value}'\n\`\`\`\n`],
  ['settings.ini', (name, value) => `[settings]\n${name}=${value}\n`],
  ['pyproject.toml', (name, value) => `[tool.django]\n${name} = "${value}"\n`]
];
/**
 * The value a binding holds once its format has read it: configparser (settings.ini) reads `%%` as `%`
 * (DESIGN §10), so `aaah%%` written there is the five-character `aaah%`.
 */
const READ_AS: Record<string, (value: string) => string> = {
  'settings.ini': (value) => value.replace(/%%/g, '%')
};

property(
  'a placeholder is a property of the value alone: one verdict in every format and under every name',
  () => {
    fc.assert(
      fc.property(fc.oneof(wordValue, randomValue), (value) => {
        if (/^[^A-Za-z0-9]/.test(value)) return; // YAML aliases, INI comments: not the value as written
        for (const name of ['SECRET_KEY', 'DJANGO_SECRET_KEY']) {
          for (const [path, template] of BINDINGS) {
            const expected = classifyValue(READ_AS[path]?.(value) ?? value) === 'literal';
            const blocks = secretKeyRule
              .detect(template(name, value), path, options)
              .some((hit) => (hit.severity ?? 'error') === 'error');
            assert.is(
              blocks,
              expected,
              `${path} ${name}=${JSON.stringify(value)}: ${blocks ? 'blocks' : 'passes'}`
            );
          }
        }
      }),
      { numRuns: RUNS }
    );
  }
);

// DESIGN §3: interpolation is a property of the format — `${…}` in a key is plain text in a Python
// string, a JSON string and a single-quoted shell or dotenv value (the key blocks), and a reference
// where the shell or compose expands it (the value is computed: it passes).
property('${…} inside a key: a literal where the format does not interpolate, computed where it does', () => {
  fc.assert(
    fc.property(keyArb, fc.nat(), (key, at) => {
      const cut = at % (key.length + 1);
      if (key[cut - 1] === '$') return; // `$${…}` is compose's escaped `$`: plain text there
      const value = `${key.slice(0, cut)}\${PATH}${key.slice(cut)}`;
      const blocks = (path: string, text: string) =>
        secretKeyRule.detect(text, path, options).some((hit) => (hit.severity ?? 'error') === 'error');
      for (const [path, text] of [
        ['mysite/settings.py', `SECRET_KEY = '${value}'\n`],
        ['config.json', `{"SECRET_KEY": ${JSON.stringify(value)}}\n`],
        ['.env', `SECRET_KEY='${value}'\n`],
        ['deploy.sh', `export SECRET_KEY='${value}'\n`],
        ['README.md', `\`\`\`python\nSECRET_KEY = "${value}"\n\`\`\`\n`]
      ] as const)
        assert.ok(blocks(path, text), `no blocking hit in ${path} for ${mask(value)}`);
      for (const [path, text] of [
        ['deploy.sh', `export SECRET_KEY="${value}"\n`],
        ['docker-compose.yml', `services:\n  web:\n    environment:\n      SECRET_KEY: "${value}"\n`]
      ] as const)
        assert.not.ok(blocks(path, text), `${path} blocks ${mask(value)}, which the format expands`);
    }),
    { numRuns: Math.ceil(RUNS / 2) }
  );
});

property('masking never lets a whole key through, in text, JSON or SARIF output', () => {
  fc.assert(
    fc.property(keyArb, (key) => {
      assert.not.ok(mask(key).includes(key));
      for (const [path, template, mustHit] of TEMPLATES) {
        const hits = secretKeyRule.detect(template(key), path, options);
        if (mustHit(key))
          assert.ok(
            hits.some((hit) => (hit.severity ?? 'error') === 'error'),
            `no blocking hit in ${path} for ${mask(key)}`
          );
        const result: ScanResult = {
          findings: findings(hits, path),
          scanned: 1,
          skipped: { binary: 0, large: 0, allowed: 0 }
        };
        for (const output of [
          formatText(result, false),
          formatText(result, true),
          formatJson(result),
          formatSarif(result)
        ]) {
          assert.not.ok(output.includes(key), `${path}: key leaked in\n${output}`);
        }
      }
    }),
    { numRuns: Math.ceil(RUNS / 2) }
  );
});

property.run();

const complexity = suite('no catastrophic backtracking (time grows linearly)');

const MB = 1 << 20;
const repeat = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
// [unit repeated to fill the input, formats it is fed to]: every format gets at least one.
const ADVERSARIAL: Array<[string, string[]]> = [
  ['"', ['settings.py', 'docker-compose.yml', 'app.json']],
  ["'", ['x.ipynb', 'README.md', 'Dockerfile']],
  ['\\', ['settings.ini', 'pyproject.toml', '.env']],
  ['=', ['notes.txt', '.env', 'settings.py']],
  ['SECRET_KEY ', ['.env']],
  // Built from parts: written whole, this repository's own scan reads it as a key (test/self.test.ts).
  [['SECRET_KEY', " = '\\"].join(''), ['settings.py']],
  ['SECRET_KEY=', ['notes.txt']],
  ['${SECRET_KEY:-', ['docker-compose.yml']],
  ['SECRET_KEY: "', ['app.json']],
  [INSECURE, ['README.md']]
];

for (const [unit, paths] of ADVERSARIAL) {
  complexity(`${JSON.stringify(unit)} × 1 MB vs 10 MB in ${paths.join(', ')}`, () => {
    const small = repeat(unit, MB);
    const large = repeat(unit, 10 * MB);
    for (const path of paths) {
      // Linear is ~10x; quadratic would be ~100x. The floor keeps sub-millisecond runs out of the ratio.
      assertLinear(
        path,
        () => secretKeyRule.detect(small, path, options),
        () => secretKeyRule.detect(large, path, options),
        { ratio: 30, floorMs: 20 }
      );
    }
  });
}

complexity.run();
