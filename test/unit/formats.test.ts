/**
 * Structured-format extractors: exact positions, decoded values, paths, and inputs that must not hang or
 * throw.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { secretKeyRule, DEFAULT_NAMES, DEFAULT_TEMPLATES } from '../../src/rules/index.js';
import { within } from '../helpers/timed.js';
import { extractFormat, formatOf, type Format } from '../../src/rules/secret-key/formats/index.js';
import { sampleKey } from '../helpers/keys.js';

const options = { names: DEFAULT_NAMES, templates: DEFAULT_TEMPLATES };
const KEY = sampleKey(11);

/** 1-based line and column of the first blocking hit. */
function where(path: string, text: string): string {
  const hits = secretKeyRule.detect(text, path, options).filter((hit) => hit.severity !== 'warning');
  return hits.map((hit) => `${hit.line}:${hit.column}`).join(' ');
}

/** Line:column where `needle` starts in `text` (what a hit on it must report). */
function at(text: string, needle: string): string {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

const positions = suite('format positions');

const cases: Array<[string, string]> = [
  [
    'docker-compose.yml',
    `services:\n  web:\n    environment:\n      DEBUG: "1"\n      SECRET_KEY: "${KEY}"\n`
  ],
  [
    'docker-compose.yml',
    `services:\n  web:\n    environment:\n      - DEBUG=1\n      - "SECRET_KEY=${KEY}"\n`
  ],
  ['settings.yml', `django:\n  SECRET_KEY: >-\n    ${KEY}\n`],
  ['k8s.yaml', `env:\n  - name: SECRET_KEY\n    value: '${KEY}'\n`],
  ['ci.yml', `steps:\n  - run: |\n      pip install -r requirements.txt\n      export SECRET_KEY='${KEY}'\n`],
  ['config.json', `{\n  "a": "x\\"y\\u0041",\n  "nested": {"SECRET_KEY": "${KEY}"}\n}\n`],
  ['package.json', `{"scripts": {"e2e": "echo \\"go\\" && SECRET_KEY='${KEY}' pytest"}}`],
  ['config.toml', `[django]\nSECRET_KEY = """\n${KEY}"""\n`],
  ['settings.ini', `[settings]\nSECRET_KEY =\n    ${KEY}\n`],
  ['tox.ini', `[testenv]\nsetenv =\n    DEBUG = 1\n    SECRET_KEY = ${KEY}\n`],
  ['Dockerfile', `FROM python:3.12\nENV DEBUG=0 \\\n    SECRET_KEY="${KEY}"\n`],
  ['README.md', `# Title\n\nSome text.\n\n\`\`\`bash\n  export SECRET_KEY='${KEY}'\n\`\`\`\n`],
  ['docs/index.rst', `Title\n=====\n\n.. code-block:: yaml\n\n   environment:\n     SECRET_KEY: ${KEY}\n`]
];
for (const [path, text] of cases) {
  positions(`blocks at the value's own line and column: ${path} ${text.split('\n').length} lines`, () => {
    assert.is(where(path, text), at(text, KEY));
  });
}

positions('blocks: a k8s pair reports the value and lets the pragma sit on the name line', () => {
  const text = `env:\n  - name: SECRET_KEY\n    value: ${KEY}\n`;
  const [hit] = secretKeyRule.detect(text, 'k8s.yaml', options);
  assert.is(hit?.line, 3);
  assert.equal(hit?.pragmaLines, [2]);
});

positions('blocks: a compose default is reported at the default, as a fallback', () => {
  const text = `environment:\n  SECRET_KEY: \${SECRET_KEY:-${KEY}}\n`;
  const [candidate] = extractFormat('yaml', text, DEFAULT_NAMES);
  assert.is(candidate?.value, KEY);
  assert.is(candidate?.form, 'fallback');
  assert.is(candidate?.offset, text.indexOf(KEY));
});

positions('blocks: the Markdown copy of a key is read at its place in the file', () => {
  const text = `Intro\n\n~~~python\nDEBUG = True\nSECRET_KEY = '${KEY}'\n~~~\n\nMore prose.\n`;
  const candidates = extractFormat('markdown', text, DEFAULT_NAMES);
  assert.ok(
    candidates.some((candidate) => candidate.value === KEY && candidate.offset === text.indexOf(KEY))
  );
});
positions.run();

const decoding = suite('format decoding');

decoding('blocks: Secret data is judged on the base64-decoded key', () => {
  const text = `apiVersion: v1\nkind: Secret\ndata:\n  SECRET_KEY: ${Buffer.from(KEY).toString('base64')}\n`;
  const candidates = extractFormat('yaml', text, DEFAULT_NAMES);
  assert.equal(
    candidates.map((candidate) => candidate.value),
    [KEY]
  );
  assert.is(where('secret.yaml', text), '4:15');
});

decoding('passes: base64 of a placeholder, and data of a ConfigMap is not decoded', () => {
  const placeholder = `kind: Secret\ndata:\n  SECRET_KEY: ${Buffer.from('change-me\n').toString('base64')}\n`;
  assert.is(where('secret.yaml', placeholder), '');
  const configMap = `kind: ConfigMap\ndata:\n  SECRET_KEY: change-me\n`;
  assert.equal(
    extractFormat('yaml', configMap, DEFAULT_NAMES).map((c) => c.value),
    ['change-me']
  );
});

decoding('blocks: settings.ini reads %% as %', () => {
  const [candidate] = extractFormat('ini', `[settings]\nSECRET_KEY=ab%%cd${KEY}\n`, DEFAULT_NAMES);
  assert.is(candidate?.value, `ab%cd${KEY}`);
});

decoding('unquotes and unescapes: JSON, YAML double quotes, TOML basic strings', () => {
  // `NAME` stands for NAME, built at run time so this file's own scan sees no assignment.
  const value = (format: Format, text: string) =>
    extractFormat(format, text.replace('NAME', ['SECRET', 'KEY'].join('_')), DEFAULT_NAMES)[0]?.value;
  assert.is(value('json', '{"NAME": "a\\u0062c\\\\d\\"e"}'), 'abc\\d"e');
  assert.is(value('yaml', 'NAME: "a\\x62c\\td"\n'), 'abc\td');
  assert.is(value('yaml', "NAME: 'it''s'\n"), "it's");
  assert.is(value('toml', 'NAME = "a\\u0062c"\n'), 'abc');
  assert.is(value('toml', "NAME = 'C:\\raw'\n"), 'C:\\raw');
  assert.is(value('dockerfile', 'ENV NAME="a\\"b c"\n'), 'a"b c');
});

decoding('passes: SOPS values, SealedSecret encryptedData, Ansible vault and !Ref are not literals', () => {
  const yaml = [
    `SECRET_KEY: ENC[AES256_GCM,data:${Buffer.from(KEY).toString('base64')},type:str]`,
    `spec:\n  encryptedData:\n    SECRET_KEY: ${Buffer.from(KEY).toString('base64')}`,
    `django_secret_key: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  ${Buffer.from(KEY).toString('hex')}`,
    'SECRET_KEY: !Ref DjangoSecretKey'
  ];
  for (const text of yaml) assert.is(where('x.yaml', text + '\n'), '', text);
});
decoding.run();

const paths = suite('format of a path');
const expected: Array<[string, Format]> = [
  ['docker-compose.prod.yml', 'yaml'],
  ['.gitlab-ci.yml', 'yaml'],
  ['prod.tfvars', 'toml'],
  ['.flaskenv', 'dotenv'],
  ['deploy/gunicorn.service', 'ini'],
  ['docker-compose.yml.example', 'yaml'],
  ['mysite/settings.py.j2', 'python'],
  ['Dockerfile-prod', 'dockerfile'],
  ['.ebextensions/01_django.config', 'yaml'],
  ['notes.example', 'generic']
];
for (const [path, format] of expected)
  paths(`reads ${path} as ${format}`, () => assert.is(formatOf(path), format));
paths.run();

const robust = suite('format robustness');
const FORMATS: Format[] = ['yaml', 'json', 'toml', 'ini', 'dockerfile', 'markdown', 'rst'];
const MB = 1024 * 1024;

robust('never throws on random structured noise (all formats)', () => {
  const alphabet = [
    'SECRET_KEY',
    'django-secret-key',
    ':',
    '=',
    ' ',
    '\n',
    '\n  ',
    '- ',
    '"',
    "'",
    '`',
    '```',
    '[',
    ']',
    '{',
    '}',
    ',',
    '#',
    '\\',
    '|',
    '>',
    '!',
    '&',
    '*',
    '$',
    '${',
    '::',
    '.. code:: ',
    '---\n',
    '"""',
    'ENV ',
    'value: ',
    'name: ',
    'kind: Secret\ndata:\n',
    'x'
  ];
  let state = 7;
  const next = () => ((state = (state * 1103515245 + 12345) >>> 0) >>> 8) % alphabet.length;
  for (let round = 0; round < 400; round++) {
    let text = '';
    for (let i = 0; i < 60; i++) text += alphabet[next()];
    for (const format of FORMATS) extractFormat(format, text, DEFAULT_NAMES);
  }
});

const pathological: Array<[string, string]> = [
  ['one 10 MB line', 'a'.repeat(10 * MB)],
  ['10 MB value after a name', 'SECRET_KEY: ' + 'x'.repeat(10 * MB)],
  ['2 MB of openers', '[{'.repeat(MB)],
  ['1 MB of sequence dashes', '- '.repeat(MB / 2)],
  ['256 KB of names on one line', 'SECRET_KEY='.repeat(MB / 44)],
  ['1 MB of unterminated quotes', 'SECRET_KEY: "a\n'.repeat(MB / 15)],
  ['1 MB of backticks and fences', '```\n`SECRET_KEY` ``\n'.repeat(MB / 20)],
  ['1 MB of continuations', 'ENV SECRET_KEY=x \\\n'.repeat(MB / 20)],
  [
    '3,000 ever deeper lines',
    Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'SECRET_KEY: [').join('\n')
  ]
];
for (const [label, text] of pathological) {
  robust(`finishes: ${label}`, () => {
    for (const format of FORMATS)
      within(20_000, () => assert.ok(Array.isArray(extractFormat(format, text, DEFAULT_NAMES))), format);
  });
}
robust.run();
