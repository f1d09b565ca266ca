/**
 * The import graph drawn from the code keeps STYLE.md's layering: arrows between wings point down
 * only, `bind/` never reaches up into a format, and the pure wings never touch git. The imports are
 * read with TypeScript's own pre-processor (static, re-exports and dynamic `import()` alike).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/**
 * Every wing and root file, highest first; an import may only point to a lower rank. config sits
 * above rules because the configuration is of the rules (its defaults are the rules' names);
 * words/ (every sentence, terminal escaping) sits below every wing that prints.
 */
const RANK: Record<string, number> = {
  'cli.ts': 9,
  'index.ts': 9,
  commands: 8,
  engine: 7,
  remedy: 7,
  install: 7,
  ci: 7,
  report: 7,
  config: 6,
  rules: 5,
  'own-package.ts': 4,
  parse: 3,
  words: 2,
  'git.ts': 1,
  'parse-z.ts': 0,
  'errors.ts': 0,
  'types.ts': 0,
  'decode.ts': 0
};

/** Wings that hold no git: rules and parsers are text in, hits out; renderers take values. */
const NO_GIT = ['rules', 'parse', 'report', 'words'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import of every file under src/, as [from, to], both relative to src/. */
function edges(): Array<[string, string]> {
  return sources(SRC).flatMap((file) =>
    ts
      .preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name): [string, string] => [
        relative(SRC, file),
        relative(SRC, resolve(dirname(file), name)).replace(/\.js$/, '.ts')
      ])
  );
}

const wingOf = (path: string): string => path.split('/')[0]!;
const EDGES = edges();

test('every root file and wing has a place in the layering', () => {
  const unplaced = [...new Set(sources(SRC).map((file) => wingOf(relative(SRC, file))))].filter(
    (wing) => !(wing in RANK)
  );
  assert.equal(unplaced, [], 'add it to RANK (and to STYLE.md "src/ layout")');
});

test('arrows between wings point down only (none sideways, none upward)', () => {
  const wrong = EDGES.filter(([from, to]) => {
    const [a, b] = [wingOf(from), wingOf(to)];
    return a !== b && !(RANK[a]! > RANK[b]!);
  }).map(([from, to]) => `${from} -> ${to}`);
  assert.equal(wrong, []);
});

test('bind/ never imports a format: containers and trees call ctx.extract', () => {
  const wrong = EDGES.filter(
    ([from, to]) => from.startsWith('rules/secret-key/bind/') && to.startsWith('rules/secret-key/formats/')
  );
  assert.equal(wrong, []);
});

test('rules, parsers, renderers and words never reach git', () => {
  const wrong = EDGES.filter(([from, to]) => NO_GIT.includes(wingOf(from)) && to === 'git.ts');
  assert.equal(wrong, []);
});

test('processes are spawned in two places: git.ts (git) and install/tools.ts (npm, pre-commit)', () => {
  const spawners = sources(SRC)
    .filter((file) => /from 'node:child_process'/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(SRC, file));
  assert.equal(spawners.sort(), ['git.ts', 'install/tools.ts']);
});

test.run();
