/**
 * lint-staged route (--lint-staged): `"*": "djkey-guard"` in package.json's lint-staged config.
 * lint-staged passes the staged paths; djkey-guard reads their index content. Caveat: lint-staged
 * only sees files under its package.json's folder, so in a monorepo a direct hook line is better.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { ensureDevDependencies, readPackageJson, runInstall } from './deps.js';
import { readText } from './files.js';
import { getJson, setJson } from './json-edit.js';
import { packageSpec } from './package.js';
import { report, show, writeTracked, type Session } from './session.js';

const CONFIG_FILES = [
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.cjs',
  '.lintstagedrc.js',
  'lint-staged.config.mjs',
  'lint-staged.config.cjs',
  'lint-staged.config.js'
];
const TASK = 'djkey-guard';

/** The `"*"` value with our task added; null when it is already there. */
export function withTask(value: unknown): unknown | null {
  if (value === undefined) return TASK;
  const list = Array.isArray(value) ? value : [value];
  if (list.some((task) => typeof task === 'string' && /^djkey-guard\b/.test(task))) return null;
  return [...list, TASK];
}

export async function installLintStaged(session: Session): Promise<void> {
  const { facts } = session;
  const dir = facts.packageDir;
  if (!dir)
    throw new UsageError(
      'lint-staged needs a package.json and there is none here. Use --git-hook or --pre-commit.'
    );
  const added = ensureDevDependencies(session, dir, {
    'djkey-guard': packageSpec(session.env, dir).dependency
  });
  const path = join(dir, 'package.json');
  const text = readPackageJson(dir);
  const config = getJson(text, ['lint-staged']);
  const file = CONFIG_FILES.find((name) => existsSync(join(dir, name)));
  if (config === undefined && file) {
    session.next.push(
      `add "*": "djkey-guard" to ${show(session, join(dir, file))} (djkey-guard edits only package.json)`
    );
  } else {
    const value = withTask(getJson(text, ['lint-staged', '*']));
    if (value === null)
      report(session, 'already present', `${show(session, path)} lint-staged "*": djkey-guard`);
    else {
      writeTracked(session, path, setJson(text, ['lint-staged', '*'], value), 'package-json');
      report(session, 'added', `${show(session, path)} lint-staged "*": ${JSON.stringify(value)}`);
    }
  }
  if (added || !existsSync(join(dir, 'node_modules', 'djkey-guard'))) await runInstall(session, dir);
  if (dir !== facts.root) {
    session.next.push(
      `lint-staged in ${show(session, dir)} never sees files outside it (e.g. a Django backend/): ` +
        `prefer \`djkey-guard install --husky\`, which scans the whole commit.`
    );
  }
  if (!(facts.huskyDir && readText(join(facts.huskyDir, 'pre-commit'))?.includes('lint-staged'))) {
    session.next.push(
      'make sure your pre-commit hook runs lint-staged (e.g. `npx lint-staged` in .husky/pre-commit).'
    );
  }
}
