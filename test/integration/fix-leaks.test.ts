/**
 * Property (issue 8, item 2): whatever a key looks like and however it is written, no 8-character
 * window of it (decoded, or as spelled in the source) appears in anything fix or rotate prints —
 * the diff, the notes, --dry-run, --debug lines, or an error.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRepo } from '../helpers/repo.js';
import { leakedWindows } from '../helpers/snapshot.js';
import { fix } from '../../src/remedy/fix.js';
import { rotate } from '../../src/remedy/index.js';
import { fixSummary } from '../../src/report/fix-summary.js';
import { readEnvValue } from '../../src/remedy/dotenv.js';

const leaks = suite('fix/rotate: no secret in any output, for any key shape');

/** Characters a key may hold: Django's alphabet plus everything that is syntax somewhere. */
const CHARS = [...'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)ABCXYZ\'"\\`{}[]<>?/|~;:., éß日本🔑'];
const keyArb = fc
  .array(fc.constantFrom(...CHARS), { minLength: 20, maxLength: 70 })
  .map((chars) => chars.join(''))
  .filter((key) => new Set(key).size >= 8);

/** How a value is spelled inside a Python string literal (per character: as is or escaped). */
function spell(value: string, quote: "'" | '"', escapes: readonly number[]): string {
  return [...value]
    .map((ch, i) => {
      const code = ch.codePointAt(0)!;
      const style = escapes[i % escapes.length]!;
      if (ch === '\\') return '\\\\';
      if (ch === quote) return '\\' + quote;
      if (style === 1 && code < 256) return '\\x' + code.toString(16).padStart(2, '0');
      if (style === 2 && code < 256) return '\\' + code.toString(8).padStart(3, '0');
      if (style === 3 && code < 0x10000) return '\\u' + code.toString(16).padStart(4, '0');
      return ch;
    })
    .join('');
}

type Shape = 'plain' | 'split' | 'plus' | 'getenv' | 'default' | 'commented' | 'fallbacks' | 'docstring';
const SHAPES: Shape[] = [
  'plain',
  'split',
  'plus',
  'getenv',
  'default',
  'commented',
  'fallbacks',
  'docstring'
];

function settings(shape: Shape, key: string, old: string, quote: "'" | '"', escapes: number[]): string {
  const q = (value: string) => quote + spell(value, quote, escapes) + quote;
  const cut = Math.max(1, Math.floor([...key].length / 2));
  const [head, tail] = [[...key].slice(0, cut).join(''), [...key].slice(cut).join('')];
  const line = {
    plain: `SECRET_KEY = ${q(key)}`,
    split: `SECRET_KEY = (\n    ${q(head)}\n    ${q(tail)}\n)`,
    plus: `SECRET_KEY = ${q(head)} + \\\n    ${q(tail)}`,
    getenv: `SECRET_KEY = os.environ.get('SECRET_KEY', ${q(key)})`,
    default: `SECRET_KEY = config('SECRET_KEY', default=${q(key)})`,
    commented: `SECRET_KEY = ${q(key)}\n# SECRET_KEY = ${q(old)}\n#   ${q(old)}`,
    fallbacks: `SECRET_KEY = ${q(key)}\nSECRET_KEY_FALLBACKS = [\n    ${q(old)},\n]`,
    docstring: `SECRET_KEY = ${q(key)}\n"""\nold: ${spell(old, '"', [0])}\n"""`
  }[shape];
  return [
    'import os',
    'from pathlib import Path',
    '',
    'BASE_DIR = Path(__file__).resolve().parent',
    line,
    'DEBUG = True',
    ''
  ].join('\n');
}

leaks(
  'no 8-character window of any secret in fix, fix --dry-run, fix --debug, rotate, rotate --finish',
  async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        keyArb,
        keyArb,
        keyArb,
        fc.constantFrom(...SHAPES),
        fc.constantFrom<"'" | '"'>("'", '"'),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        async (key, old, password, shape, quote, escapes, withEnv) => {
          runs++;
          const repo = createRepo();
          try {
            const source = settings(shape, key, old, quote, escapes);
            repo.write('mysite/settings.py', source);
            repo.write('manage.py', '#!/usr/bin/env python\n');
            repo.write('requirements.txt', 'Django==3.2.25\n');
            if (withEnv)
              repo.write(
                '.env',
                `SECRET_KEY=${old}\nDATABASE_URL=postgres://app:${password}@db/app\nAPI_TOKEN="${password}"\n`
              );
            repo.git(['add', '-A']);
            const secrets = [key, old, password, spell(key, quote, escapes), spell(old, quote, escapes)];
            const out: string[] = [];
            const context = { cwd: repo.dir, env: repo.env, debug: (line: string) => out.push(line) };
            const capture = async (
              label: string,
              work: () => Promise<{
                diff: string;
                notes: string[];
                files: string[];
                untracked: string[];
                staged: string[];
                written: boolean;
              }>
            ) => {
              try {
                const result = await work();
                out.push(fixSummary(result as never, !result.written, label));
              } catch (error) {
                out.push(String((error as Error).message), String((error as Error).stack));
              }
            };
            await capture('fix', () => fix(context, { dryRun: true }));
            await capture('fix', () => fix(context));
            const envKey = () =>
              existsSync(join(repo.dir, '.env'))
                ? (readEnvValue(readFileSync(join(repo.dir, '.env'), 'utf8'), 'SECRET_KEY') ?? '')
                : '';
            secrets.push(envKey());
            await capture('rotate', () => rotate(context, { dryRun: true }));
            await capture('rotate', () => rotate(context));
            secrets.push(envKey());
            await capture('rotate --finish', () => rotate(context, { finish: true }));
            const text = out.join('\n');
            const found = leakedWindows(
              text,
              secrets.filter((s) => [...s].length >= 8)
            );
            if (found.length) throw new Error(`${shape}: ${found.join(', ')}\n${text}`);
          } finally {
            repo.remove();
          }
        }
      ),
      {
        numRuns: Number(process.env.DJKG_PROPERTY_RUNS ?? 25),
        endOnFailure: true,
        seed: process.env.DJKG_SEED ? Number(process.env.DJKG_SEED) : undefined
      }
    );
    assert.ok(runs >= 1);
  }
);

leaks.run();
