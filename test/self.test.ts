/** This repository guards itself: its own tracked files (rule samples, fixtures) hold no real-looking key. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { exec, CLI, PROJECT_ROOT } from './helpers/repo.js';
import { TEST_ENV } from './helpers/env.js';

const test = suite('dogfood');
test('passes: djkey-guard --all on this repository', () => {
  if (!existsSync(join(PROJECT_ROOT, '.git'))) return; // e.g. an unpacked tarball
  const result = exec(process.execPath, [CLI, '--all'], { cwd: PROJECT_ROOT, env: TEST_ENV });
  assert.is(result.code, 0, result.stderr);
});
test.run();
