/**
 * commands/argv.ts reads argv itself instead of importing node:util (which costs a commit more
 * than scanning a small one). Its tokens must be parseArgs' own (strict: false), for every
 * mixture of known and unknown, long and short, inline and separate values, `--` and `-`.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { argvTokens } from '../../src/commands/argv.js';
import { OPTIONS } from '../../src/commands/options.js';

const test = suite('argv tokens = parseArgs tokens');

const options = Object.fromEntries(
  Object.entries(OPTIONS).map(([name, spec]) => [
    name,
    spec.short ? { type: spec.type, short: spec.short } : { type: spec.type }
  ])
);

function reference(argv: string[]): unknown[] {
  const { tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  return tokens.map(({ index: _index, ...token }) => token);
}

/** Unset fields as absent (parseArgs writes `value: undefined` on a boolean's token). */
function plain(tokens: unknown[]): unknown {
  return JSON.parse(JSON.stringify(tokens));
}

const PIECES = [
  ...Object.keys(OPTIONS).map((name) => `--${name}`),
  ...Object.values(OPTIONS).flatMap((spec) => (spec.short ? [`-${spec.short}`] : [])),
  '--format=json',
  '--all=1',
  '--nope',
  '--nope=x',
  '-x',
  '-qh',
  '-qx',
  '-',
  '--',
  'history',
  'fix',
  'a.py',
  '-1',
  '--format',
  'json',
  ''
];

test('same tokens as parseArgs for any argv', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }), (argv) => {
      assert.equal(plain(argvTokens(argv)), plain(reference(argv)), JSON.stringify(argv));
    }),
    { numRuns: 2000 }
  );
});

test.run();
