import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { classifyValue } from '../src/rules/placeholder.js';
import { sampleKey } from '../src/rules/samples.js';

const test = suite('placeholder classifier');
const insecure = (body: string) => ['django', 'insecure', body].join('-');

const placeholders = [
  'change-me', '<your-secret-key>', '__CHANGEME__', 'your-secret-key-here', 'fake-key', insecure('change-me-in-production'),
  'not-a-secret', 'CHANGE_ME', 'replace-with-a-real-secret', 'yoursecretkeyhere', 'xxxxxxxxxxxx', '********', 'dummy', 'test',
  'test-secret-key', 'dev-only', 'insecure-dev-key', 'REPLACE_ME', '[REDACTED]', 'set-me-in-env', 'notasecret',
  'secret-key-here', 'example', 'placeholder', 'dummy-collectstatic-key', 'build-time-dummy-key', 'for-testing-only',
  'tests-only-not-secret', 'TestKeyForCI',
];
const references = ['${SECRET_KEY}', '$SECRET_KEY', '${SECRET_KEY:?must be set}', '${{ secrets.DJANGO_SECRET_KEY }}', '{{ django_secret_key }}', '%(secret)s', '$(openssl rand -hex 32)', 'AWS_SECRET_ACCESS_KEY', 'DJANGO_SECRET_KEY', 'aws_secret_access_key', 'AWSSecretKey'];
const empties = ['', '  ', 'None', 'null', '${SECRET_KEY:-}'];
const keys = [sampleKey(1), sampleKey(2, 64), insecure(sampleKey(3)), ['Tr0mbone', 'Harbor-Lights-2031'].join('!'), 'secret', 'supersecret', 'abc', 'dummy-' + sampleKey(6, 30), 'harbor-lights-sunset-boulevard', sampleKey(4, 20, 'abcdef0123456789')];

for (const value of placeholders) test(`placeholder: ${value}`, () => assert.is(classifyValue(value), 'placeholder'));
for (const value of references) test(`reference: ${value}`, () => assert.is(classifyValue(value), 'reference'));
for (const value of empties) test(`empty: ${JSON.stringify(value)}`, () => assert.is(classifyValue(value), 'empty'));
keys.forEach((value, index) => test(`literal key #${index}`, () => assert.is(classifyValue(value), 'literal')));
test('compose default is judged on the default', () => {
  assert.is(classifyValue('${SECRET_KEY:-' + sampleKey(5) + '}'), 'literal');
  assert.is(classifyValue('${SECRET_KEY:-change-me}'), 'placeholder');
  assert.is(classifyValue("${{ secrets.SECRET_KEY || '" + sampleKey(6) + "' }}"), 'literal');
  assert.is(classifyValue("${{ secrets.SECRET_KEY || '' }}"), 'empty');
});
test('random keys never read as placeholders or references (2,000 seeds)', () => {
  for (let seed = 1; seed <= 2000; seed++) {
    const key = sampleKey(seed);
    assert.is(classifyValue(key), 'literal', key.slice(0, 4));
    assert.is(classifyValue(insecure(key)), 'literal');
  }
});
test.run();
