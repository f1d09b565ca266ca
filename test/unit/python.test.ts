/** Python and notebook extractors: exact positions, values, and robustness on hostile input. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { extractPython } from '../../src/rules/secret-key/formats/python.js';
import { extractFormat } from '../../src/rules/secret-key/formats/index.js';
import { within } from '../helpers/timed.js';
import { secretKeyRule, DEFAULT_NAMES, DEFAULT_TEMPLATES } from '../../src/rules/index.js';
import type { Candidate } from '../../src/rules/types.js';
import { sampleKey } from '../helpers/keys.js';

const NAME = 'SECRET_KEY';
const KEY = sampleKey(11);
const OTHER = sampleKey(12);
const names = DEFAULT_NAMES;
const options = { names: DEFAULT_NAMES, templates: DEFAULT_TEMPLATES };

/** 1-based line and column of an offset. */
function at(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

const extractNotebook = (text: string, names: readonly string[]) => extractFormat('notebook', text, names);

function found(
  text: string,
  extract = extractPython
): Array<{ value: string; at: string; nameAt?: string; form: Candidate['form'] }> {
  return extract(text, names).map((c) => ({
    value: c.value,
    at: at(text, c.offset),
    ...(c.nameOffset === undefined ? {} : { nameAt: at(text, c.nameOffset) }),
    form: c.form
  }));
}

const positions = suite('python: positions and values');

positions('parenthesised implicit concatenation: one value, at its first piece, name on its own line', () => {
  const text = `DEBUG = False\nSECRET_KEY = (\n    '${KEY.slice(0, 20)}'\n    "${KEY.slice(20)}"\n)\n`;
  assert.equal(found(text), [{ value: KEY, at: '3:6', nameAt: '2:1', form: 'assign' }]);
});

positions('+ across a backslash continuation', () => {
  const text = `SECRET_KEY = '${KEY.slice(0, 10)}' + \\\n    '${KEY.slice(10)}'\n`;
  assert.equal(found(text), [{ value: KEY, at: '1:15', nameAt: '1:1', form: 'assign' }]);
});

positions('multi-line env lookup: the fallback line', () => {
  const text = `SECRET_KEY = os.environ.get(\n    'SECRET_KEY',\n    '${KEY}',\n)\n`;
  const values = found(text).map((f) => `${f.value === KEY} ${f.at} ${f.form}`);
  assert.equal(values, ['true 3:6 fallback']);
});

positions('a resolved module constant is reported where the literal is', () => {
  const text = `_FALLBACK = '${KEY}'\n\nSECRET_KEY = os.getenv('SECRET_KEY', _FALLBACK)\n`;
  assert.equal(found(text), [{ value: KEY, at: '1:14', nameAt: '3:1', form: 'fallback' }]);
});

positions('escapes, prefixes and f-strings without fields are unescaped', () => {
  // The name is spliced in so this file's own lines don't read as assignments to the scanner.
  const value = (literal: string) => found(`${NAME} = ${literal}\n`)[0]?.value;
  assert.is(value("'a\\x41\\u00e9\\n\\\\b'"), 'aAé\n\\b');
  assert.is(value("rb'a\\x41'"), 'a\\x41');
  assert.is(value("f'{{a}}b'"), '{a}b');
  assert.is(value("f'{a}b'"), undefined);
  assert.is(value('"""\nabc\n"""'), '\nabc\n');
});

positions('every branch and element is a value', () => {
  const text =
    `SECRET_KEY_FALLBACKS = ['${KEY}', config('OLD', default='${OTHER}'), ` +
    `os.environ['X']]\nSECRET_KEY = A or 'b' if X else 'c'\n`;
  assert.equal(
    found(text).map((f) => [f.value.slice(0, 4), f.form]),
    [
      [KEY.slice(0, 4), 'assign'],
      [OTHER.slice(0, 4), 'fallback'],
      ['b', 'fallback'],
      ['c', 'assign']
    ]
  );
});

positions('computed values and references are not candidates', () => {
  const text = [
    'SECRET_KEY = get_random_secret_key()',
    'SECRET_KEY = os.urandom(32)',
    "SECRET_KEY = open('k').read()",
    "SECRET_KEY = os.environ['SECRET_KEY']",
    "SECRET_KEY = config('SECRET_KEY')",
    "SECRET_KEY = env('SECRET_KEY')",
    "SECRET_KEY = 'a' + suffix",
    "SECRET_KEY = '%s' % x",
    "SECRET_KEY = '-'.join(parts)",
    "SECRET_KEY = f'{x}'",
    "SECRET_KEY = config.get('django', 'secret_key')",
    "print('SECRET_KEY', 'x')",
    'SECRET_KEY == "abc"'
  ].join('\n');
  assert.equal(found(text), []);
});

positions('commented-out keys: same detection, offsets in the file', () => {
  const text = `x = 1  # SECRET_KEY = '${KEY}'\n##SECRET_KEY = (\n#     '${OTHER}'\n# )\n`;
  assert.equal(
    found(text).map((f) => [f.at, f.nameAt]),
    [
      ['1:24', '1:10'],
      ['3:8', '2:3']
    ]
  );
});

positions('a docstring with an assignment counts, prose that names SECRET_KEY does not', () => {
  const text = `"""Settings.\n\nSECRET_KEY comes from the environment.\n    SECRET_KEY = '${KEY}'\n"""\n`;
  assert.equal(
    found(text).map((f) => f.at),
    ['4:19']
  );
  assert.equal(found('HELP = """SECRET_KEY = \'abc\'"""\n'), []);
});

positions('the rule reports the value line and accepts the pragma on the name line', () => {
  const text = `SECRET_KEY = (  # djkey-guard: allow\n    '${KEY}'\n)\n`;
  const [hit] = secretKeyRule.detect(text, 'mysite/settings.py', options);
  assert.is(hit?.line, 2);
  assert.is(hit?.column, 6);
  assert.equal(hit?.pragmaLines, [1]);
});

positions.run();

const notebooks = suite('notebook: line mapping');

function notebook(sources: string[][], indent?: number): string {
  const cells = sources.map((source) => ({
    cell_type: 'code',
    execution_count: null,
    metadata: {},
    outputs: [],
    source
  }));
  return JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, indent) + '\n';
}

notebooks('a source line maps to its own file line and column, escapes included', () => {
  const text = notebook([['import os\n'], ['print("é")\n', `x = "\\t"; SECRET_KEY = '${KEY}'\n`]], 1);
  const line = text.split('\n').findIndex((l) => l.includes('SECRET_KEY')) + 1;
  const column = text.split('\n')[line - 1]!.indexOf(KEY) + 1;
  assert.equal(found(text, extractNotebook), [
    { value: KEY, at: `${line}:${column}`, nameAt: `${line}:${column - 14}`, form: 'assign' }
  ]);
});

notebooks('a value continued on the next source line keeps both lines right', () => {
  const text = notebook([['SECRET_KEY = (\n', `    '${KEY}'\n`, ')']], 1);
  const lines = text.split('\n');
  const [hit] = found(text, extractNotebook);
  assert.is(hit?.at.split(':')[0], String(lines.findIndex((l) => l.includes(KEY)) + 1));
  assert.is(hit?.nameAt?.split(':')[0], String(lines.findIndex((l) => l.includes('SECRET_KEY')) + 1));
});

notebooks('minified notebook: line 1, exact column', () => {
  const text = notebook([[`SECRET_KEY = '${KEY}'`]]);
  assert.equal(
    found(text, extractNotebook).map((f) => f.at),
    [`1:${text.indexOf(KEY) + 1}`]
  );
});

notebooks('invalid JSON: never throws, scans string lines', () => {
  assert.equal(extractNotebook('{"cells": [', names), []);
  const text = `{\n "cells": [\n    "SECRET_KEY = '${KEY}'\\n",\n<<<<<<< HEAD\n`;
  assert.equal(
    found(text, extractNotebook).map((f) => f.at),
    ['3:20']
  );
});

notebooks.run();

const hostile = suite('robustness: hostile input completes');
const MB = 1024 * 1024;

function survives(label: string, text: string, extract = extractPython): void {
  hostile(`completes: ${label} (${(text.length / MB).toFixed(1)} MB)`, () => {
    const started = performance.now();
    const result = within(20_000, () => extract(text, names), label);
    const ms = performance.now() - started;
    if (process.env.DEBUG_TIMING) console.log(`${label}: ${ms.toFixed(0)} ms, ${result.length} candidates`);
    for (const candidate of result) assert.ok(candidate.offset >= 0 && candidate.offset <= text.length);
  });
}

survives('quotes', "'".repeat(10 * MB));
survives('alternating quotes and backslashes', `'"\\`.repeat(MB / 3));
survives('unterminated triple quotes', '\'\'\'x\n"""y\n'.repeat(MB / 10));
survives('chained NAME=', `${NAME}=`.repeat(MB / 11));
survives("NAME=' repeated", `${NAME}='`.repeat(MB / 12));
survives('nested calls with keyword', `f(${NAME}=`.repeat(MB / 13));
survives('nested dict keys', "{'SECRET_KEY':".repeat(MB / 14));
survives('lookup arguments', "os.environ.get('SECRET_KEY', ".repeat(MB / 30));
survives('long + chain', `SECRET_KEY = ${"'a' + ".repeat(MB / 6)}'b'`);
survives('name cycles', 'A = B\nB = A\nSECRET_KEY = A\n'.repeat(MB / 30));
survives('comment lines', "# SECRET_KEY = ('x'\n".repeat(MB / 20));
survives('notebook-ish lines', `"SECRET_KEY = '\\"\\\\'",\n`.repeat(MB / 24), extractNotebook);
survives('deep JSON', '['.repeat(MB), extractNotebook);

hostile('random Python-like input never throws (seeded)', () => {
  // biome-ignore format: a table of tokens, packed
  const alphabet = [
    NAME,
    "'", '"', "'''", '\\', '\n', '(', ')', '[', ']', '{', '}', '=', ':', ',', '#', ' ', 'or', 'if', 'else',
    'f', 'b', 'x', '.', '+', '*', 'config', 'os.environ.get', 'default', '1'
  ];
  let state = 12345;
  const next = () => (state = (state * 1103515245 + 12345) >>> 0) % alphabet.length;
  for (let round = 0; round < 300; round++) {
    let text = '';
    for (let k = 0; k < 400; k++) text += alphabet[next()];
    for (const candidate of extractPython(text, names))
      assert.ok(candidate.offset >= 0 && candidate.offset <= text.length);
  }
});

hostile.run();
