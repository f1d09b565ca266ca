/**
 * README.md stays a short front page (the real --help pasted verbatim, the quick start on its first
 * screen) and every command in it and in docs/ is one the CLI accepts as written.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseArgv } from '../../src/commands/argv.js';
import { CLI, PROJECT_ROOT, exec } from '../helpers/repo.js';

const test = suite('readme');
const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const DOCS = join(PROJECT_ROOT, 'docs');
const docs = Object.fromEntries(
  readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .map((name) => [`docs/${name}`, readFileSync(join(DOCS, name), 'utf8')])
);
const everything = { 'README.md': readme, ...docs };

test('contains the literal --help output', () => {
  const help = exec(process.execPath, [CLI, '--help'], { cwd: PROJECT_ROOT }).stdout;
  assert.ok(readme.includes(help), 'README.md usage section is out of date: paste `node dist/cli.js --help`');
});

test('stays short (≤ 12 KB) and links every page of docs/', () => {
  assert.ok(Buffer.byteLength(readme) <= 12 * 1024, `README.md is ${Buffer.byteLength(readme)} bytes`);
  for (const page of Object.keys(docs)) assert.ok(readme.includes(`](${page})`), `README links ${page}`);
  for (const [page, text] of Object.entries(docs))
    for (const [, target] of text.matchAll(/\]\(([\w./-]+\.md)\)/g)) {
      const path = join(page, '..', target!);
      assert.ok(existsSync(join(PROJECT_ROOT, path)), `${page} links ${target}, which does not exist`);
    }
});

test('the first screen: a blocked commit, the set-up in two commands, the test command', () => {
  const screen = readme.split('\n').slice(0, 45).join('\n');
  for (const text of [
    'commit blocked',
    'djkey-guard install',
    'git djkey-guard fix',
    'npm install',
    'npm test'
  ])
    assert.ok(screen.includes(text), text);
  for (const text of ['git djkey-guard uninstall', 'git djkey-guard --all'])
    assert.ok(screen.includes(text), text);
});

test('documents every rule id under its own heading', () => {
  for (const id of ['env-file', 'secret-key'])
    assert.match(docs['docs/rules.md']!, new RegExp(`^## ${id}$`, 'm'));
});

test(
  'says how to get it before it is on the registry, the Node it needs, and no unexplained ' + 'placeholder',
  () => {
    assert.not.match(readme, '<owner>');
    for (const text of [
      'Node.js 20',
      'djkey-guard-0.1.0.tgz',
      'github:OWNER/djkey-guard#v0.1.0',
      '--package=',
      'OWNER/djkey-guard` below stands for'
    ])
      assert.ok(readme.includes(text), text);
    assert.ok(docs['docs/install.md']!.includes('npm run release -- '), 'release steps in docs/install.md');
    assert.ok(
      readme.includes('npx djkey-guard@0.1.0 install'),
      'the registry one-liner, with an exact version'
    );
    // Nothing runs an unpublished name from the registry (issue 15): not in any doc, nor the CI templates.
    for (const [file, text] of [
      ['README.md', readme],
      ...Object.entries(docs),
      ['ci/gitlab-ci.yml', readFileSync(join(PROJECT_ROOT, 'ci/gitlab-ci.yml'), 'utf8')],
      ['action.yml', readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')]
    ] as Array<[string, string]>)
      assert.not.match(text, /npx (?:--yes|-y) "?djkey-guard(?!@\d+\.\d+\.\d+)\b/, file);
  }
);

/** `djkey-guard …` invocations in code (blocks and spans), cut at the first shell operator. */
function invocations(text: string): string[] {
  const code = [
    ...[...text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].flatMap((m) => m[1]!.split('\n')),
    ...[...text.replace(/^```[\s\S]*?^```/gm, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!)
  ];
  const found: string[] = [];
  for (const line of code) {
    for (const m of line.matchAll(
      /(?:^|[\s$(])(?:git |npx (?:--yes )?(?:--package=\S+ )?|\.bin\/)?djkey-guard((?: +[^\s;&|>#)`]+)*)/g
    )) {
      const args = m[1]!.trim();
      // the --help paste's synopsis lines hold placeholders, not commands
      if (/[<[…]|\.\.\./.test(args)) continue;
      found.push(args);
    }
  }
  return found;
}

test('every command in README and docs is accepted as written', () => {
  let count = 0;
  const help = exec(process.execPath, [CLI, '--help'], { cwd: PROJECT_ROOT }).stdout;
  for (const [page, text] of Object.entries(everything))
    for (const args of invocations(text.replace(help, ''))) {
      const argv = (args.match(/'[^']*'|"[^"]*"|\S+/g) ?? []).map((word) =>
        word.replace(/^(['"])(.*)\1$/, '$2')
      );
      try {
        parseArgv(argv);
        count++;
      } catch (error) {
        assert.unreachable(`${page}: \`djkey-guard ${args}\` — ${(error as Error).message}`);
      }
    }
  assert.ok(count >= 20, `found ${count} commands`);
});

test.run();
