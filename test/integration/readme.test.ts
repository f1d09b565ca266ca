/** The README shows the real --help (pasted verbatim) and the commands it promises. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CLI, PROJECT_ROOT, exec } from '../helpers/repo.js';

const test = suite('readme');
const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

test('contains the literal --help output', () => {
  const help = exec(process.execPath, [CLI, '--help'], { cwd: PROJECT_ROOT }).stdout;
  assert.ok(readme.includes(help), 'README.md usage section is out of date: paste `node dist/cli.js --help`');
});

test('shows the setup and test commands and the one-command install', () => {
  for (const command of ['npm install', 'npm test', 'npx djkey-guard install'])
    assert.ok(readme.includes(command), command);
});

test('documents every rule id under its own heading', () => {
  for (const id of ['env-file', 'secret-key']) assert.match(readme, new RegExp(`^### ${id}$`, 'm'));
});

test('says how to get it before it is on the registry, the Node it needs, and no unexplained placeholder', () => {
  assert.not.match(readme, '<owner>');
  for (const text of [
    'Node.js 20',
    'djkey-guard-0.1.0.tgz',
    'github:OWNER/djkey-guard#v0.1.0',
    'npm run release -- ',
    '--package=',
    'OWNER/djkey-guard` below stands for'
  ]) {
    assert.ok(readme.includes(text), text);
  }
});

test.run();
