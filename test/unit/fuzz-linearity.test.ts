/**
 * Linearity of the documentation readers (issue 12): a guide with 10x the code blocks may take at
 * most 20x the time (RATIO). Markdown and reStructuredText hand each language's blocks to that language's
 * reader; a per-block pass over the whole document (what made `history` 8.7x `git log -p` on a
 * real documentation-heavy project) is quadratic and fails this by far. Every block names the key,
 * so the readers really run, and the last one holds a literal key, which must be found.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_NAMES, DEFAULT_TEMPLATES, secretKeyRule } from '../../src/rules/index.js';
import { sampleKey } from '../helpers/keys.js';
import { maskLines } from '../../src/remedy/mask-lines.js';
import { classifyValue } from '../../src/rules/placeholder.js';

const options = { names: DEFAULT_NAMES, templates: DEFAULT_TEMPLATES };
const LANGS = ['python', 'bash', 'yaml', 'json', 'ini', 'console', 'toml', 'text'];

function body(lang: string, i: number): string[] {
  if (lang === 'python')
    return [
      'from decouple import config',
      "SECRET_KEY = config('SECRET_KEY')",
      `ALLOWED_HOSTS = ['app${i}.example.com']`
    ];
  if (lang === 'bash' || lang === 'console')
    return [`export SECRET_KEY="$(cat /run/secrets/key${i})"`, 'python manage.py migrate'];
  if (lang === 'yaml')
    return ['services:', `  web${i}:`, '    environment:', '      SECRET_KEY: ${SECRET_KEY}'];
  if (lang === 'json') return [`{"app": ${i}, "SECRET_KEY": "\${SECRET_KEY}"}`];
  if (lang === 'toml') return ['[env]', 'SECRET_KEY = "${SECRET_KEY}"'];
  return ['[django]', 'SECRET_KEY = %(SECRET_KEY)s'];
}

function guide(blocks: number, rst: boolean): string {
  let text = rst ? 'Guide\n=====\n\n' : '# Guide\n\n';
  for (let i = 0; i < blocks; i++) {
    const lang = LANGS[i % LANGS.length]!;
    const lines = body(lang, i);
    text += rst
      ? `Step ${i}\n${'-'.repeat(`Step ${i}`.length)}\n\nSet SECRET_KEY for step ${i}.\n\n.. ` +
        `code-block:: ${lang}\n\n${lines.map((l) => `   ${l}`).join('\n')}\n\n`
      : `## Step ${i}\n\nSet \`SECRET_KEY\` for step ${i}.\n\n\`\`\`${lang}\n${lines.join('\n')}\n\`\`\`\n\n`;
  }
  const leak = `SECRET_KEY = '${sampleKey(7)}'`;
  return text + (rst ? `.. code-block:: python\n\n   ${leak}\n` : `\`\`\`python\n${leak}\n\`\`\`\n`);
}

/**
 * 10x the input may take at most this many times as long: linear work lands near 10x, a bit more
 * from the larger heap's GC on a loaded machine (13–16x seen on 2 busy cores); quadratic is ~100x.
 */
const RATIO = 20;

/** Best of `runs` timings (ms): a single one is at the mercy of a GC pause or JIT warm-up. */
function time(text: string, path: string, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const hits = secretKeyRule.detect(text, path, options);
    best = Math.min(best, performance.now() - started);
    assert.is(hits.length, 1, `${path}: the key in the last block must be found`);
  }
  return best;
}

const linear = suite('documentation readers are linear in the number of code blocks');

for (const path of ['docs/guide.md', 'docs/guide.rst']) {
  linear(`${path}: 10x the code blocks takes ≤ 20x the time`, () => {
    const rst = path.endsWith('.rst');
    const small = guide(150, rst);
    const large = guide(1500, rst);
    time(small, path, 2); // warm-up: compile the readers before timing
    // Interleaved rounds, best of each size so far: a shared, loaded machine (CI, other jobs) can
    // stall any single run; a quadratic reader is ~100x and never gets under the limit.
    let t1 = Infinity;
    let t10 = Infinity;
    // Not Infinity: `Infinity <= Infinity` would end the rounds before the first one ran.
    let limit = -1;
    for (let round = 0; round < 6 && !(t10 <= limit); round++) {
      t1 = Math.min(t1, time(small, path, 2));
      t10 = Math.min(t10, time(large, path, 1));
      // The floor keeps a sub-millisecond small run from turning noise into a ratio.
      limit = RATIO * Math.max(t1, 5);
    }
    assert.ok(
      t10 <= limit,
      `${path}: 150 blocks ${t1.toFixed(1)} ms, 1,500 blocks ${t10.toFixed(1)} ms ` +
        `(limit ${limit.toFixed(0)} ms)`
    );
  });
}

/** Best of `runs` timings (ms) of one call. */
function timeOf(work: () => unknown, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** 10x the input within RATIO times the time, in interleaved rounds (best of each size so far). */
function assertLinear(label: string, small: () => unknown, large: () => unknown): void {
  timeOf(small, 2); // warm-up
  let t1 = Infinity;
  let t10 = Infinity;
  let limit = -1;
  for (let round = 0; round < 6 && !(t10 <= limit); round++) {
    t1 = Math.min(t1, timeOf(small, 2));
    t10 = Math.min(t10, timeOf(large, 1));
    limit = RATIO * Math.max(t1, 5);
  }
  assert.ok(
    t10 <= limit,
    `${label}: ${t1.toFixed(1)} ms, 10x: ${t10.toFixed(1)} ms (limit ${limit.toFixed(0)} ms)`
  );
}

// fix/rotate's masking (remedy/mask-lines.ts) went over every masked string once per line of the
// file: a settings module of many lines with a string on each was quadratic (the input class behind
// the fuzz tier's minutes-long seed). Each string is now visited on its own lines only.
linear('fix masking: 10x the lines, each with a string and a comment, takes ≤ 20x the time', () => {
  const module = (lines: number) =>
    Array.from(
      { length: lines },
      (_, i) => `VALUE_${i} = 'a-long-string-without-blanks-${i}'  # was = ${i}`
    ).join('\n') + '\n';
  const small = module(2000);
  const large = module(20000);
  const secrets = [sampleKey(3)];
  assertLinear(
    'settings.py',
    () => maskLines('settings.py', small, secrets),
    () => maskLines('settings.py', large, secrets)
  );
});

// The input class behind the fuzz tier's minutes-long seeds (issue 18): a long run of mask
// characters and one stray character (`xxxx…x"env(b'…`, a soup of the fuzz tokens) made the
// classifier's mask pattern backtrack exponentially (28 x's: 7 s). Linear in the run's length now.
linear('classifier: 10x the mask run before a stray character takes ≤ 20x the time', () => {
  const values = (length: number) =>
    Array.from({ length: 200 }, (_, i) => `${'x'.repeat(length + (i % 7))}"env(b'DJANGO`);
  const small = values(30);
  const large = values(300);
  assertLinear(
    'x-run',
    () => small.map((value) => classifyValue(value)),
    () => large.map((value) => classifyValue(value))
  );
});

linear.run();
