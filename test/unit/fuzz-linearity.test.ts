/**
 * Linearity of the documentation readers (issue 12): a guide with 10x the code blocks may take at
 * most 20x the CPU time (test/helpers/timed.ts). Markdown and reStructuredText hand each language's
 * blocks to that language's reader; a per-block pass over the whole document (what made `history`
 * 8.7x `git log -p` on a real documentation-heavy project) is quadratic and fails this by far. Every
 * block names the key, so the readers really run, and the last one holds a literal key, which must
 * be found.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_NAMES, DEFAULT_TEMPLATES, secretKeyRule } from '../../src/rules/index.js';
import { sampleKey } from '../helpers/keys.js';
import { maskLines } from '../../src/remedy/mask-lines.js';
import { classifyValue } from '../../src/rules/placeholder.js';
import { assertLinear } from '../helpers/timed.js';

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

const linear = suite('documentation readers are linear in the number of code blocks');

for (const path of ['docs/guide.md', 'docs/guide.rst']) {
  linear(`${path}: 10x the code blocks takes ≤ 20x the CPU time`, () => {
    const rst = path.endsWith('.rst');
    const small = guide(150, rst);
    const large = guide(1500, rst);
    // Every block names the key, so the readers really run; the last one's key must be found.
    for (const text of [small, large]) assert.is(secretKeyRule.detect(text, path, options).length, 1, path);
    assertLinear(
      path,
      () => secretKeyRule.detect(small, path, options),
      () => secretKeyRule.detect(large, path, options)
    );
  });
}

// fix/rotate's masking (remedy/mask-lines.ts) went over every masked string once per line of the
// file: a settings module of many lines with a string on each was quadratic (the input class behind
// the fuzz tier's minutes-long seed). Each string is now visited on its own lines only.
linear('fix masking: 10x the lines, each with a string and a comment, takes ≤ 20x the CPU time', () => {
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
linear('classifier: 10x the mask run before a stray character takes ≤ 20x the CPU time', () => {
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
