/**
 * What the server and CI promise for a binary blob (DESIGN §11, docs/ci-and-server.md): its
 * printable runs are read (a `django-insecure-` token, a `NAME=value` line in plain bytes), and a
 * compiled module (.pyc, made here by the real python3 py_compile) holding a guarded name has each
 * key-shaped string constant judged as bound to it — hex, urlsafe and digit-free keys too — while a
 * settings .pyc that reads its key from the environment stays clean. Compressed content (gzip, zip,
 * wheels) is not unpacked: the test pins that limit so the docs and the code cannot drift apart.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultConfig } from '../../src/config/config-at.js';
import { judgeBlob } from '../../src/engine/judge-blob.js';
import { keyShaped } from '../../src/engine/any-blob.js';
import { tempDir } from '../helpers/env.js';
import { insecureKey, sampleKey } from '../helpers/keys.js';

const test = suite('binary blobs on the server and in CI');
const dir = tempDir('djkg-binary-');

/** The bytes python3's py_compile makes of `source`. */
function compiled(source: string): Buffer {
  const file = join(dir, 'settings.py');
  writeFileSync(file, source);
  execFileSync('python3', [
    '-c',
    `import py_compile; py_compile.compile(${JSON.stringify(file)}, cfile=${JSON.stringify(`${file}c`)})`
  ]);
  return readFileSync(`${file}c`);
}

/** The masked values the server's reading of `bytes` finds. */
function found(bytes: Buffer): string[] {
  const object = { oid: 'x', type: 'blob', size: bytes.length, data: bytes };
  const judged = judgeBlob(object, 'blob.bin', defaultConfig(), { binary: 0, large: 0 }, true) ?? [];
  return judged.filter(({ hit }) => hit.severity !== 'warning').map(({ hit }) => hit.masked ?? '');
}

const hex = sampleKey(70, 64, '0123456789abcdef');
const urlsafe = sampleKey(71, 54, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
const noDigit = sampleKey(72, 50, 'abcdefghijklmnopqrstuvwxyz!@#$%^&*(-_=+)');

test('a .pyc of settings: a Django, hex, urlsafe or digit-free key is found, masked exactly', () => {
  for (const key of [sampleKey(73), hex, urlsafe, noDigit]) {
    const pyc = compiled(`import os\nDEBUG = False\nSECRET_KEY = '${key}'\nALLOWED_HOSTS = ['x']\n`);
    const masked = found(pyc);
    assert.is(masked.length, 1, `${key.slice(0, 4)}: ${masked.join(', ')}`);
    assert.ok(masked[0]!.startsWith(`'${key.slice(0, 4)}…' (${key.length} chars)`), masked[0]);
  }
  // Through an env lookup's default, and under DJANGO_SECRET_KEY.
  const fallback = compiled(`import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${hex}')\n`);
  assert.is(found(fallback).length, 1);
});

test('a settings .pyc that reads its key from the environment is clean (no false alarm)', () => {
  const pyc = compiled(
    [
      'import os',
      'from pathlib import Path',
      'BASE_DIR = Path(__file__).resolve().parent.parent',
      "SECRET_KEY = os.environ['SECRET_KEY']",
      "INSTALLED_APPS = ['django.contrib.admin', 'oauth2_provider',",
      "  'rest_framework_simplejwt.token_blacklist']",
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql_psycopg2',",
      "  'NAME': 'db2024production'}}",
      "LOGGING = {'formatters': {'v': {'format': '%(levelname)s:%(name)s:%(message)s'}}}",
      "STATIC_ROOT = '/var/www/static2024/'",
      "TIME_ZONE = 'America/Argentina/Buenos_Aires'",
      "DATE_INPUT_FORMATS = ['%Y-%m-%dT%H:%M:%S.%f%z']",
      `CSP_SCRIPT_SRC = ("'self'", "'sha256-${urlsafe.slice(0, 43)}='")`,
      "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')",
      "CELERY_BROKER_URL = 'redis://localhost:6379/0'",
      ''
    ].join('\n')
  );
  assert.equal(found(pyc), []);
});

test('any binary: a django-insecure- token or a NAME=value line in its plain bytes is found', () => {
  const noise = Buffer.from([0, 1, 2, 0xff, 0x89, 0x50, 0, 0]);
  assert.is(found(Buffer.concat([noise, Buffer.from(insecureKey(74)), noise])).length, 1);
  const env = Buffer.concat([noise, Buffer.from(`SECRET_KEY=${sampleKey(75)}\n`), noise]);
  assert.is(found(env).length, 1);
  // A long random string next to the name in an unknown binary is not paired (only a .pyc is).
  assert.equal(found(Buffer.concat([noise, Buffer.from('SECRET_KEY'), noise, Buffer.from(hex), noise])), []);
});

test('the documented limit: compressed content is not unpacked (gzip of a settings module)', () => {
  const gz = gzipSync(Buffer.from(`SECRET_KEY = '${sampleKey(76)}'\n`));
  assert.equal(found(gz), []);
});

test('keyShaped: keys in, what settings hold out', () => {
  for (const key of [sampleKey(77), hex, urlsafe, noDigit]) assert.ok(keyShaped(key), key.slice(0, 4));
  for (const value of [
    'django.db.backends.postgresql_psycopg2',
    'rest_framework_simplejwt.token_blacklist',
    'America/Argentina/Buenos_Aires',
    '/var/www/static2024/',
    'https://example.com/callback/2024',
    '%(levelname)s:%(name)s:%(message)s',
    'HTTP_X_FORWARDED_PROTO_2024_X'
  ])
    assert.not.ok(keyShaped(value), value);
});

test.after(() => execFileSync('rm', ['-rf', dir]));

test.run();
