import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { classifyValue, isTestCode } from '../../src/rules/placeholder.js';
import { sampleKey } from '../../src/rules/samples.js';
import { within } from '../helpers/timed.js';

const test = suite('placeholder classifier');
const insecure = (body: string) => ['django', 'insecure', body].join('-');

const placeholders = [
  'change-me',
  '<your-secret-key>',
  '__CHANGEME__',
  'your-secret-key-here',
  'fake-key',
  insecure('change-me-in-production'),
  'not-a-secret',
  'CHANGE_ME',
  'replace-with-a-real-secret',
  'yoursecretkeyhere',
  'xxxxxxxxxxxx',
  '********',
  'dummy',
  'test',
  'test-secret-key',
  'dev-only',
  'insecure-dev-key',
  'REPLACE_ME',
  '[REDACTED]',
  'set-me-in-env',
  'notasecret',
  'secret-key-here',
  'example',
  'placeholder',
  'dummy-collectstatic-key',
  'build-time-dummy-key',
  'for-testing-only',
  'tests-only-not-secret',
  'TestKeyForCI',
  // DESIGN §3 "Placeholders, precisely": trivially short, metasyntactic, masks, template tokens.
  'a',
  'ab',
  'xyz',
  'abc',
  'xxx',
  'foo',
  'secret',
  'Secret',
  'SECRET',
  'key',
  'password',
  'Password123',
  'secret123',
  'test-1',
  '_foo_',
  'foo-bar',
  'abc123',
  'changeme2',
  'x1y2z',
  '12345',
  'lr******',
  '********',
  '•••••••',
  'djan…',
  'sk_live_…',
  'XXXX-XXXX-XXXX',
  '****abcd',
  'xxxxxxxxxx',
  '__SECRET_KEY__',
  // Values that only name their field.
  'secret_key',
  'access-key',
  'django_secret_key',
  'djangoSecretKey',
  'django-secret-key',
  'secretkey',
  'my-secret-key',
  // Self-describing phrases, whatever the separator.
  insecure('key-for-demonstration-only'),
  'not-a-real-secret',
  'build-only',
  'collectstatic-only',
  'insecure-test-key',
  'ci-secret-key',
  'ci_secret_key',
  'ciSecretKey',
  'CISECRETKEY',
  // Run-together capitals of any number of words, also words the vocabulary lacks.
  'CISECRETKEYFORTRAVISBUILDSONLY',
  'CISECRETKEYBANANAPANCAKE',
  'CITESTKEYMYCOMPANYNAME',
  'JENKINSSECRETKEYPLEASEIGNORE',
  'CI SECRET KEY',
  'ci.secret.key',
  'irrelevant',
  'do-not-use-in-production',
  "don't use this in production",
  'unused',
  'demo-key',
  'DemoKeyNotForProduction',
  'this-is-not-secret',
  'sample_secret_key_1',
  'XXXX…get a valid key…',
  '!!!SET DJANGO_SECRET_KEY!!!',
  insecure('key-only-for-testing-purposes'),
  insecure('foo'),
  insecure('abc123'),
  'dummy-key-for-collectstatic',
  'donotusethissecretkeyitisnotsecureyourdatawillgetstolen',
  'e2e-test-secret-key-not-for-production',
  'test12345',
  'NOTREALLY',
  'not really secret',
  '012345678901234567890123456789012345678901234567890123456789',
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  'lr***********...',
  'zh!=*********...',
  // Run-together capitals with a word the vocabulary lacks between known ones (sweep: a CI settings module).
  'JENKINSCIWHYNOT',
  'GITLABTESTWHYNOT',
  // The project's name run together with a word that disclaims (sweep: a CI script's `'<project>ci'`).
  'ACMESHOPCI',
  'cibookshelf',
  // Mask runs around words that read as a phrase on their own (sweep: an issue template's example).
  '*******<remove your secrets before posting>*******',
  '******(keep secrets out of this report)******'
];
const references = [
  '/run/secrets/django_secret_key',
  './secret-key.txt',
  'file:///etc/django/secret_key',
  'vault:secret/data/django#key',
  '~/.django/secret_key.txt',
  'arn:aws:secretsmanager:eu-west-1:123456789012:secret:django-key-AbCdEf',
  'C:\\secrets\\django.key',
  '@SECRET_KEY@',
  '#{secret_key}',
  '{% secret_key %}',
  '${SECRET_KEY}',
  '$SECRET_KEY',
  '${SECRET_KEY:?must be set}',
  '${{ secrets.DJANGO_SECRET_KEY }}',
  '{{ django_secret_key }}',
  '%(secret)s',
  '$(openssl rand -hex 32)',
  'AWS_SECRET_ACCESS_KEY',
  'DJANGO_SECRET_KEY'
];
// Identifiers that name a secret (botocore-style option maps) pass, as placeholders or references.
const identifiers = ['aws_secret_access_key', 'AWSSecretKey', 'AWS_SECRET_ACCESS_KEY'];
const empties = ['', '  ', 'None', 'null', '${SECRET_KEY:-}'];
const keys = [
  sampleKey(1),
  sampleKey(2, 64),
  insecure(sampleKey(3)),
  ['Tr0mbone', 'Harbor-Lights-2031'].join('!'),
  'supersecret',
  'top-secret',
  'dummy-' + sampleKey(6, 30),
  'harbor-lights-sunset-boulevard',
  sampleKey(4, 20, 'abcdef0123456789'),
  'order-hash-secret',
  'order_hash_secret',
  'orderHashSecret',
  'hunter22',
  'my-super-secret-production-key-2024',
  'Rotated-Key-2',
  'correcthorsebatterystaple',
  // Clean twins: the same shapes without a word that disclaims, or with a lone `*` between words.
  'HARBORLIGHTSWHYNOT',
  'ACMESHOPKEY',
  'correct*horse*battery*staple',
  insecure('k3y' + sampleKey(8, 20)),
  // startproject's random tail is a key always, also letters that split into short pieces (fuzz tier).
  insecure('aapaataIsEaamaraalaI'),
  insecure('aapaataCiEaamaTestoa'),
  'AAPAATAISEAAMARAALAI',
  sampleKey(9, 50, 'abcdefghijklmnopqrstuvwxyz-'),
  '/' + sampleKey(10, 40, 'abcdefghijklmnopqrstuvwxyz0123456789+/')
];

for (const value of placeholders)
  test(`placeholder: ${value}`, () => assert.is(classifyValue(value), 'placeholder'));
for (const value of references)
  test(`reference: ${value}`, () => assert.is(classifyValue(value), 'reference'));
for (const value of identifiers)
  test(`passes: ${value}`, () => assert.ok(['reference', 'placeholder'].includes(classifyValue(value))));
for (const value of empties)
  test(`empty: ${JSON.stringify(value)}`, () => assert.is(classifyValue(value), 'empty'));
for (const [index, value] of keys.entries())
  test(`literal key #${index}`, () => assert.is(classifyValue(value), 'literal'));
test('compose default is judged on the default', () => {
  assert.is(classifyValue('${SECRET_KEY:-' + sampleKey(5) + '}'), 'literal');
  assert.is(classifyValue('${SECRET_KEY:-change-me}'), 'placeholder');
  assert.is(classifyValue("${{ secrets.SECRET_KEY || '" + sampleKey(6) + "' }}"), 'literal');
  assert.is(classifyValue("${{ secrets.SECRET_KEY || '' }}"), 'empty');
});
test(
  'a placeholder is a property of the value alone: the same text, the same answer, whatever the ' +
    'separator',
  () => {
    for (const phrase of [
      ['ci', 'secret', 'key'],
      ['not', 'a', 'real', 'secret'],
      ['django', 'insecure', 'demo', 'key'],
      ['order', 'hash', 'secret']
    ]) {
      const spellings = [
        phrase.join('-'),
        phrase.join('_'),
        phrase.join(' '),
        phrase.join('.'),
        phrase.join('').toUpperCase(),
        phrase.map((word, index) => (index ? word[0]!.toUpperCase() + word.slice(1) : word)).join('')
      ];
      const kinds = new Set(spellings.map((value) => classifyValue(value)));
      assert.is(kinds.size, 1, spellings.join(' | '));
    }
  }
);
test(
  'test fixtures: a few lower-case words pass in test code only; random or mixed-case values block ' +
    'there too',
  () => {
    for (const value of [
      'new-key',
      'wrong_signing_key',
      'rotated',
      'order_hash_secret',
      'order-hash-secret',
      'another signing key'
    ]) {
      assert.is(classifyValue(value, { testCode: true }), 'placeholder', value);
    }
    for (const value of [
      sampleKey(11),
      'Order-Hash-Secret-9!',
      'one-two-three-four-five',
      'harbor-lights-2031',
      insecure(sampleKey(12))
    ]) {
      assert.is(classifyValue(value, { testCode: true }), 'literal', value);
    }
    assert.is(classifyValue('rotated-signing-key'), 'literal');
  }
);
test('test code by path', () => {
  for (const path of [
    'tests/settings.py',
    'app/tests/test_views.py',
    'test_settings.py',
    'app/test_signing.py',
    'app/signing_test.py',
    'app/tests.py',
    'conftest.py',
    'mysite/settings/test.py',
    'mysite/settings_testing.py'
  ]) {
    assert.ok(isTestCode(path), path);
  }
  for (const path of [
    'mysite/settings.py',
    'mysite/settings/production.py',
    'app/views.py',
    'docs/testing.md',
    'latest/settings.py',
    'contest/settings.py'
  ]) {
    assert.not.ok(isTestCode(path), path);
  }
});
test('random keys never read as placeholders or references (2,000 seeds)', () => {
  for (let seed = 1; seed <= 2000; seed++) {
    const key = sampleKey(seed);
    assert.is(classifyValue(key), 'literal', key.slice(0, 4));
    assert.is(classifyValue(insecure(key)), 'literal');
  }
});
test('a long mask run before a stray character is judged at once (was exponential: fuzz seed 2)', () => {
  // A nested optional in the mask pattern backtracked exponentially here: the run never finished.
  const value = `${'x'.repeat(60)}"env(b'DJANGO`;
  within(1000, () => classifyValue(value), 'classifyValue');
  within(1000, () => classifyValue('*'.repeat(40) + '#'), 'classifyValue');
});

test.run();
