/** Every rule's own samples: each `hit` blocks, each `miss` does not (the gitleaks pattern). */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { envFileRule, secretKeyRule, DEFAULT_NAMES, DEFAULT_TEMPLATES } from '../src/rules/index.js';
import { expandSample } from '../src/rules/samples.js';

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
const blocking = (path: string, text: string) => secretKeyRule.detect(expandSample(text), path, options).filter((hit) => hit.severity !== 'warning');
secretKeyRule.samples.hit.forEach(([path, text], index) => {
  secretKey(`blocks #${index} ${path}: ${text.split('\n').find((l) => /secret|insecure/i.test(l))?.trim().slice(0, 70) ?? ''}`, () => {
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
  secretKey(`passes #${index} ${path}: ${text.split('\n').find((l) => /secret|insecure/i.test(l))?.trim().slice(0, 70) ?? ''}`, () => {
    const hits = blocking(path, text);
    assert.equal(hits.map((h) => `${h.line}: ${h.message}`), [], `expected no hit in ${path}:\n${text}`);
  });
});
secretKey.run();
