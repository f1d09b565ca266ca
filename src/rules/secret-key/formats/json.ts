/**
 * JSON, JSONC and JSON5-ish files: `"SECRET_KEY": "..."` at any depth, app.json
 * `"env": {"SECRET_KEY": {"value": ...}}` (a `"generator"` or description-only object holds no
 * literal), ECS-style `{"name": ..., "value": ...}` pairs, and `NAME=value` inside strings
 * (package.json scripts). A small offset-keeping reader instead of JSON.parse: positions matter,
 * comments and trailing commas are common (.vscode/launch.json), and invalid input must not throw.
 */
import type { Candidate, Samples } from '../../types.js';
import type { FormatReader } from './registry.js';
import { LocatedBuilder } from '../../../parse/located.js';
import { finish } from '../bind/defaults.js';
import { readMembers, type Entry, type ScalarNode, type TreeNode } from '../../../parse/tree.js';
import { walkTree } from '../bind/tree.js';

const MAX_DEPTH = 200;
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };
const TOKEN_STOP = /[\s,:[\]{}"'/]/;

class JsonReader {
  pos = 0;
  constructor(readonly text: string) {}

  /** Every top-level value (tolerates NDJSON and stray characters). */
  all(): TreeNode[] {
    const nodes: TreeNode[] = [];
    while (this.pos < this.text.length) {
      this.skip();
      if (this.pos >= this.text.length) break;
      const before = this.pos;
      const node = this.value(0);
      if (node) nodes.push(node);
      if (this.pos === before) this.pos++;
    }
    return nodes;
  }

  private skip(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const ch = text[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\ufeff') this.pos++;
      else if (ch === '/' && text[this.pos + 1] === '/') {
        const end = text.indexOf('\n', this.pos);
        this.pos = end < 0 ? text.length : end;
      } else if (ch === '/' && text[this.pos + 1] === '*') {
        const end = text.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? text.length : end + 2;
      } else break;
    }
  }

  private value(depth: number): TreeNode | null {
    this.skip();
    const ch = this.text[this.pos];
    if (ch === '{' || ch === '[') {
      if (depth > MAX_DEPTH) return this.skipBalanced();
      return ch === '{' ? this.object(depth) : this.array(depth);
    }
    if (ch === '"' || ch === "'") return this.string();
    return this.token();
  }

  private object(depth: number): TreeNode {
    const entries: Entry[] = [];
    readMembers(
      this,
      () => this.skip(),
      '}',
      ']',
      ',:',
      () => {
        const ch = this.text[this.pos];
        const key = ch === '"' || ch === "'" ? this.string() : this.token();
        this.skip();
        let value: TreeNode | null = null;
        if (this.text[this.pos] === ':') {
          this.pos++;
          value = this.value(depth + 1);
        }
        if (key) entries.push({ key, value });
      }
    );
    return { kind: 'map', entries };
  }

  private array(depth: number): TreeNode {
    const items: TreeNode[] = [];
    readMembers(
      this,
      () => this.skip(),
      ']',
      '}',
      ',:',
      () => {
        const item = this.value(depth + 1);
        if (item) items.push(item);
      }
    );
    return { kind: 'seq', items };
  }

  /** A double- or single-quoted string; an unterminated one ends at the line end. */
  private string(): ScalarNode {
    const text = this.text;
    const quote = text[this.pos];
    const start = this.pos + 1;
    const builder = new LocatedBuilder();
    let i = start;
    let runStart = i;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (ch === quote || ch === '\n') break;
      if (ch !== '\\') continue;
      builder.add(text.slice(runStart, i), runStart);
      const next = text[i + 1] ?? '';
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        builder.add(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), i);
        i += 5;
      } else if (next === '\n') {
        i += 1;
      } else {
        builder.add(ESCAPES[next] ?? next, i);
        i += 1;
      }
      runStart = i + 1;
    }
    builder.add(text.slice(runStart, i), runStart);
    this.pos = text[i] === quote ? i + 1 : i;
    return { kind: 'scalar', ...builder.done(start), style: 'string' };
  }

  /** Numbers, true/false/null, JSON5 bare keys: whatever runs up to the next delimiter. */
  private token(): ScalarNode | null {
    const start = this.pos;
    let end = start;
    while (end < this.text.length && !TOKEN_STOP.test(this.text[end]!)) end++;
    this.pos = end;
    if (end === start) return null;
    const value = this.text.slice(start, end);
    return {
      kind: 'scalar',
      value,
      offset: start,
      style: /^[A-Za-z_$][\w$]*$/.test(value) ? 'keyword' : 'string'
    };
  }

  private skipBalanced(): TreeNode {
    let level = 0;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos++];
      if (ch === '"' || ch === "'") {
        this.pos--;
        this.string();
      } else if (ch === '[' || ch === '{') level++;
      else if ((ch === ']' || ch === '}') && --level === 0) break;
    }
    return { kind: 'opaque' };
  }
}

/** Find values bound to guarded names in JSON text. */
export function extractJson(text: string, names: readonly string[]): Candidate[] {
  const found: Candidate[] = [];
  for (const node of new JsonReader(text).all()) walkTree(node, { names, text }, found);
  return finish(found, text);
}

const samples: Samples = {
  hit: [
    ['config.json', '{\n  "DEBUG": false,\n  "SECRET_KEY": "{{KEY}}"\n}\n'],
    ['secrets.json', '{"django": {"settings": {"DJANGO_SECRET_KEY": "{{INSECURE}}"}}}'],
    [
      'app.json',
      '{\n  "name": "mysite",\n  "env": {\n    "SECRET_KEY": {\n      "description": "Django secret key",\n      "value": "{{MEMORABLE}}"\n    }\n  }\n}\n'
    ],
    [
      'task-definition.json',
      '{"containerDefinitions": [{"environment": [\n  {"name": "DEBUG", "value": "0"},\n  {"name": "SECRET_KEY", "value": "{{KEY}}"}\n]}]}'
    ],
    [
      '.vscode/launch.json',
      '{\n  // Django debug config\n  "configurations": [\n    {\n      "type": "python",\n      "env": { "SECRET_KEY": "{{KEY}}", },\n    },\n  ],\n}\n'
    ],
    [
      'package.json',
      '{\n  "scripts": {\n    "e2e": "SECRET_KEY={{MEMORABLE}} python manage.py runserver"\n  }\n}\n'
    ],
    ['settings.json', '{"SECRET_KEY_FALLBACKS": ["{{KEY}}"]}'],
    [
      'apprunner.json',
      '{"SourceConfiguration": {"ImageRepository": {"ImageConfiguration": {"RuntimeEnvironmentVariables": [\n  {"Name": "DJANGO_SECRET_KEY", "Value": "{{KEY}}"}\n]}}}}'
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
      '{\n  "env": {\n    "SECRET_KEY": {\n      "description": "A secret key for Django",\n      "generator": "secret"\n    },\n    "DJANGO_SECRET_KEY": {"description": "Signing key", "required": true}\n  }\n}\n'
    ],
    [
      'task-definition.json',
      '{"secrets": [{"name": "SECRET_KEY", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/django/secret-key"}]}'
    ],
    ['config.json', '{"SECRET_KEY": "", "DJANGO_SECRET_KEY": null, "STRIPE_SECRET_KEY": "{{KEY}}"}'],
    ['config.json', '{"SECRET_KEY": "change-me", "SECRET_KEY_FALLBACKS": []}'],
    [
      'package.json',
      '{"scripts": {"build": "SECRET_KEY=dummy python manage.py collectstatic --noinput", "check": "echo $SECRET_KEY"}}'
    ],
    [
      'tsconfig.json',
      '{"compilerOptions": {"strict": true}, "description": "set SECRET_KEY in the environment"}'
    ],
    [
      'config.json',
      '{"STORAGES": {"default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"access_key": "minio", "secret_key": "{{KEY}}"}}}}'
    ],
    ['gateway.json', '{"paystack": {"public_key": "pk_test", "secret_key": "{{KEY}}"}}'],
    ['importer.json', '{"source": "api", "secret_key": "XXXX…get a valid key…"}'],
    [
      'task-definition.json',
      '{"containerDefinitions": [{"secrets": [{"name": "SECRET_KEY", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:django-AbCdEf"}]}]}'
    ],
    ['broken.json', '{"SECRET_KEY": ${SECRET_KEY}, "a": [1, 2']
  ]
};

export const jsonFormat: FormatReader = { extract: (text, { names }) => extractJson(text, names), samples };
