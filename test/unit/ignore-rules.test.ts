/** gitignore-syntax matching (src/ignore-rules.ts): the `ignore` package's answers, in bounded time. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import ignore from 'ignore';
import { IgnoreRules } from '../../src/config/ignore-rules.js';
import { within } from '../helpers/timed.js';

const test = suite('ignore rules');

test('agrees with the ignore package on generated rules and paths', () => {
  const segment = fc.constantFrom('a', 'b', 'ab', '*', '?', '**', 'a*', '*b', '[ab]', '[!a]', 'a?');
  const rule = fc
    .tuple(fc.boolean(), fc.boolean(), fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(
      ([negate, lead, segments, trail]) =>
        `${negate ? '!' : ''}${lead ? '/' : ''}${segments.join('/')}${trail ? '/' : ''}`
    );
  const path = fc
    .array(fc.constantFrom('a', 'b', 'ab', 'ba', 'aa', 'b.py'), { minLength: 1, maxLength: 5 })
    .map((parts) => parts.join('/'));
  fc.assert(
    fc.property(fc.array(rule, { minLength: 1, maxLength: 3 }), path, (rules, file) => {
      const text = rules.join('\n');
      const ours = new IgnoreRules().add(text).test(file);
      const theirs = ignore().add(text).test(file);
      return ours.ignored === theirs.ignored && ours.unignored === theirs.unignored;
    }),
    { numRuns: 3000 }
  );
});

test('common gitignore lines', () => {
  const rules = new IgnoreRules().add(
    '# comment\n\nnode_modules/\n*.log\n!keep.log\n/build\ndocs/**/*.md\n\\#hash\nfoo\\ \n'
  );
  for (const [path, ignored] of [
    ['node_modules/x/y.js', true],
    ['a/node_modules/z', true],
    ['node_modules', false],
    ['app.log', true],
    ['keep.log', false],
    ['build/x', true],
    ['src/build/x', false],
    ['docs/a/b/c.md', true],
    ['docs/c.md', true],
    ['#hash', true],
    ['foo ', true]
  ] as const) {
    assert.is(rules.ignores(path), ignored, path);
  }
});

test('finishes: a catastrophic pattern against a deep path (the ignore package takes minutes)', () => {
  const pattern =
    Array.from({ length: 12 }, () => 'a/**').join('/') +
    '/b\n**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/b\n*a*a*a*a*a*a*a*a*a*a*a*b\n';
  const deep = Array.from({ length: 400 }, () => 'a').join('/') + '/x.py';
  within(2000, () => {
    const rules = new IgnoreRules().add(pattern);
    assert.is(rules.ignores(deep), false);
    assert.is(rules.ignores('a'.repeat(4000)), false);
  });
});

test.run();
