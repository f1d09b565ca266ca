/**
 * JSON, JSONC and JSON5-ish files: `"SECRET_KEY": "..."` at any depth, app.json
 * `"env": {"SECRET_KEY": {"value": ...}}` (a `"generator"` or description-only object holds no
 * literal), ECS-style `{"name": ..., "value": ...}` pairs, and `NAME=value` inside strings
 * (package.json scripts), read with parse/json.ts's tolerant reader (positions matter, comments and
 * trailing commas are common in .vscode/launch.json, invalid input must not throw).
 */
import type { Candidate, Samples } from '../../types.js';
import type { ExtractContext, FormatReader } from './registry.js';
import { finish } from '../bind/defaults.js';
import { readJson } from '../../../parse/json.js';
import { walkTree } from '../bind/tree.js';

/** Find values bound to guarded names in JSON text. */
export function extractJson(text: string, context: ExtractContext): Candidate[] {
  const found: Candidate[] = [];
  for (const node of readJson(text))
    walkTree(node, { names: context.names, text, extract: context.extract }, found);
  return finish(found, text);
}

const samples: Samples = {
  hit: [
    ['config.json', '{"SECRET_KEY": "{{KEY}}${HOME}"}\n'],
    ['config.json', '{\n  "DEBUG": false,\n  "SECRET_KEY": "{{KEY}}"\n}\n'],
    ['secrets.json', '{"django": {"settings": {"DJANGO_SECRET_KEY": "{{INSECURE}}"}}}'],
    [
      'app.json',
      '{\n  "name": "mysite",\n  "env": {\n    "SECRET_KEY": {\n      "description": "Django secret ' +
        'key",\n      "value": "{{MEMORABLE}}"\n    }\n  }\n}\n'
    ],
    [
      'task-definition.json',
      '{"containerDefinitions": [{"environment": [\n  {"name": "DEBUG", "value": "0"},\n  {"name": ' +
        '"SECRET_KEY", "value": "{{KEY}}"}\n]}]}'
    ],
    [
      '.vscode/launch.json',
      '{\n  // Django debug config\n  "configurations": [\n    {\n      "type": "python",\n      "env": ' +
        '{ "SECRET_KEY": "{{KEY}}", },\n    },\n  ],\n}\n'
    ],
    [
      'package.json',
      '{\n  "scripts": {\n    "e2e": "SECRET_KEY={{MEMORABLE}} python manage.py runserver"\n  }\n}\n'
    ],
    ['settings.json', '{"SECRET_KEY_FALLBACKS": ["{{KEY}}"]}'],
    [
      'apprunner.json',
      '{"SourceConfiguration": {"ImageRepository": {"ImageConfiguration": ' +
        '{"RuntimeEnvironmentVariables": [\n  {"Name": "DJANGO_SECRET_KEY", "Value": ' +
        '"{{KEY}}"}\n]}}}}'
    ],
    [
      'cloudformation/params.json',
      '[\n  {"ParameterKey": "DjangoSecretKey", "ParameterValue": "{{KEY}}"}\n]'
    ],
    ['secrets.json', '{"django": {"secretKey": "{{KEY}}"}}'],
    [
      '.devcontainer/devcontainer.json',
      '{\n  "containerEnv": {\n    /* local only */\n    "DJANGO_SECRET_KEY": "{{INSECURE}}"\n  }\n}\n'
    ]
  ],
  miss: [
    [
      'app.json',
      '{\n  "env": {\n    "SECRET_KEY": {\n      "description": "A secret key for Django",\n      ' +
        '"generator": "secret"\n    },\n    "DJANGO_SECRET_KEY": {"description": "Signing key", ' +
        '"required": true}\n  }\n}\n'
    ],
    [
      'task-definition.json',
      '{"secrets": [{"name": "SECRET_KEY", "valueFrom": ' +
        '"arn:aws:ssm:eu-west-1:123456789012:parameter/django/secret-key"}]}'
    ],
    ['config.json', '{"SECRET_KEY": "", "DJANGO_SECRET_KEY": null, "STRIPE_SECRET_KEY": "{{KEY}}"}'],
    ['config.json', '{"SECRET_KEY": "change-me", "SECRET_KEY_FALLBACKS": []}'],
    [
      'package.json',
      '{"scripts": {"build": "SECRET_KEY=dummy python manage.py collectstatic --noinput", "check": ' +
        '"echo $SECRET_KEY"}}'
    ],
    [
      'tsconfig.json',
      '{"compilerOptions": {"strict": true}, "description": "set SECRET_KEY in the environment"}'
    ],
    [
      'config.json',
      '{"STORAGES": {"default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"access_key": ' +
        '"minio", "secret_key": "{{KEY}}"}}}}'
    ],
    ['gateway.json', '{"paystack": {"public_key": "pk_test", "secret_key": "{{KEY}}"}}'],
    ['importer.json', '{"source": "api", "secret_key": "XXXX…get a valid key…"}'],
    [
      'task-definition.json',
      '{"containerDefinitions": [{"secrets": [{"name": "SECRET_KEY", "valueFrom": ' +
        '"arn:aws:secretsmanager:eu-west-1:123456789012:secret:django-AbCdEf"}]}]}'
    ],
    ['broken.json', '{"SECRET_KEY": ${SECRET_KEY}, "a": [1, 2']
  ]
};

export const jsonFormat: FormatReader = { extract: extractJson, samples };
