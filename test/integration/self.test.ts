/** This repository guards itself: its own tracked files (rule samples, fixtures) hold no real-looking key. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { exec, CLI, PROJECT_ROOT } from '../helpers/repo.js';
import { TEST_ENV } from '../helpers/env.js';

const test = suite('dogfood');
test('passes: djkey-guard --all on this repository', () => {
  if (!existsSync(join(PROJECT_ROOT, '.git'))) return; // e.g. an unpacked tarball
  const result = exec(process.execPath, [CLI, '--all'], { cwd: PROJECT_ROOT, env: TEST_ENV });
  assert.is(result.code, 0, result.stderr);
});
test('packs only dist/, hooks/, README, LICENSE and package.json', () => {
  const result = exec('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: PROJECT_ROOT,
    env: TEST_ENV
  });
  assert.is(result.code, 0, result.stderr);
  const files: string[] = JSON.parse(result.stdout)[0].files.map((file: { path: string }) => file.path);
  const tops = [...new Set(files.map((path) => path.split('/')[0]))].sort();
  assert.equal(tops, ['LICENSE', 'README.md', 'dist', 'hooks', 'package.json']);
  assert.ok(files.includes('dist/cli.js') && files.includes('hooks/pre-commit'));
});
test.run();
