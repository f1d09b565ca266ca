/** Every rule's own samples: each `hit` blocks, each `miss` does not (the gitleaks pattern). */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { envFileRule, secretKeyRule, DEFAULT_NAMES, DEFAULT_TEMPLATES } from '../../src/rules/index.js';
import { expandSample } from '../../src/rules/samples.js';
import { fingerprint } from '../../src/rules/mask.js';

const options = { names: DEFAULT_NAMES, templates: DEFAULT_TEMPLATES };

const envFile = suite('rule env-file');
for (const path of envFileRule.samples.hit) {
  envFile(`blocks: ${path}`, () => assert.ok(envFileRule.matches(path, options)));
}
for (const path of envFileRule.samples.miss) {
  envFile(`passes: ${path}`, () => assert.not.ok(envFileRule.matches(path, options)));
}
envFile.run();

const secretKey = suite('rule secret-key');
/** A sample's line that names the key, for the test's title. */
const sampleTitle = (text: string): string =>
  text
    .split('\n')
    .find((line) => /secret|insecure/i.test(line))
    ?.trim()
    .slice(0, 70) ?? '';
const blocking = (path: string, text: string) =>
  secretKeyRule.detect(expandSample(text), path, options).filter((hit) => hit.severity !== 'warning');
secretKeyRule.samples.hit.forEach(([path, text], index) => {
  secretKey(`blocks #${index} ${path}: ${sampleTitle(text)}`, () => {
    const hits = blocking(path, text);
    assert.ok(hits.length > 0, `expected a hit in ${path}:\n${text}`);
    const key = expandSample('{{KEY}}');
    for (const hit of hits) {
      assert.not.ok(hit.message.includes(key), 'message must be masked');
      assert.ok(hit.line >= 1 && hit.column >= 1);
    }
  });
});
secretKeyRule.samples.miss.forEach(([path, text], index) => {
  secretKey(`passes #${index} ${path}: ${sampleTitle(text)}`, () => {
    const hits = blocking(path, text);
    assert.equal(
      hits.map((h) => `${h.line}: ${h.message}`),
      [],
      `expected no hit in ${path}:\n${text}`
    );
  });
});
secretKey.run();

// The value reported is the literal itself (no quotes, no `${…:-…}` wrapper): every blocking hit of
// a sample carries the fingerprint of a stand-in, or of the word the sample glues it into (`t_&…`).
const exactValue = suite('rule secret-key: the reported value is the literal');
secretKeyRule.samples.hit.forEach(([path, text], index) => {
  if (!/\{\{(KEY|INSECURE|MEMORABLE)\}\}/.test(text)) return;
  exactValue(`#${index} ${path}`, () => {
    const expanded = expandSample(text);
    const literals = ['{{KEY}}', '{{INSECURE}}', '{{MEMORABLE}}', '{{KEY}}{{MEMORABLE}}'].map((s) =>
      expandSample(s)
    );
    const glued = expanded
      .split(/[\s'"]+/)
      .filter((word) => literals.some((literal) => word.includes(literal)))
      .map((word) => word.replace(/^[A-Za-z_]+=/, ''))
      .filter((word) => !/^[$'"]/.test(word));
    const allowed = new Set([...literals, ...glued].map(fingerprint));
    for (const hit of blocking(path, text))
      assert.ok(allowed.has(hit.fingerprint!), `${path}: reported ${hit.masked}, not the literal`);
  });
});
exactValue.run();

// Keys differ in which punctuation they hold ($ & # ( ) = ...): every hit sample must still hit with
// many other keys. Keys that *start* with a symbol are left out: unquoted, YAML reads `*x` as an
// alias and INI reads `#x` as a comment, so those files would not carry the key as written anyway.
const reseeded = suite('rule secret-key: other keys');
const seeds = Array.from({ length: 400 }, (_, i) => i + 2)
  .filter((seed) => /^[a-z0-9]/.test(expandSample('{{KEY}}', seed)))
  .slice(0, 40);
secretKeyRule.samples.hit.forEach(([path, text], index) => {
  if (!/\{\{(KEY|INSECURE|B64KEY)\}\}/.test(text)) return;
  reseeded(`blocks #${index} ${path} with 40 other keys`, () => {
    const missed = seeds.filter((seed) =>
      secretKeyRule.detect(expandSample(text, seed), path, options).every((hit) => hit.severity === 'warning')
    );
    assert.equal(missed, [], `missed with seeds ${missed.join(',')}`);
  });
});
reseeded.run();
