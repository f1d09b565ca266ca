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
import { rememberJson } from './state.js';
import { editTarget, report, show, writeTracked, type Session } from './session.js';
import { fromRoot } from './detect.js';
import { snapshot } from './files.js';
import { shQuote } from './husky.js';

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
const LINT_STAGED_SPEC = '^16.0.0';
/** Marks the line install adds to .husky/pre-commit, so uninstall removes exactly it. */
export const LINT_STAGED_MARK = '# added by djkey-guard install --lint-staged';

/** The line that runs lint-staged from the package folder (`prefix`, '' for the root); never npx. */
export function lintStagedLine(prefix: string): string {
  const bin = shQuote(`${prefix ? `${prefix}/` : ''}node_modules/.bin/lint-staged`);
  if (!prefix) return `${bin}  ${LINT_STAGED_MARK}`;
  return `(cd ${shQuote(prefix)} && ${bin.replace(`${prefix}/`, '')})  ${LINT_STAGED_MARK}`;
}

function appendLine(text: string, line: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return `${text === '' || text.endsWith('\n') ? text : text + eol}${line}${eol}`;
}

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
  // lint-staged needs a hook that runs it: husky's, where install can add the line; else refuse
  // before changing anything, with the commands to run.
  const huskyHook = facts.huskyDir ? join(facts.huskyDir, 'pre-commit') : null;
  const runs = huskyHook !== null && /\blint-staged\b/.test(readText(huskyHook) ?? '');
  if (!facts.huskyDir)
    throw new UsageError(
      'lint-staged needs a pre-commit hook that runs it, and this repository has none. Either:\n' +
        '  - djkey-guard install --husky   (recommended: a direct hook line, which also sees files ' +
        'outside this package), or\n' +
        `  - set up husky first: \`npm i -D husky lint-staged && npx husky ` +
        `init\`${dir !== facts.root ? ` in ${show(session, dir)}` : ''}, then djkey-guard install ` +
        `--lint-staged again.`
    );
  const added = ensureDevDependencies(session, dir, {
    'djkey-guard': packageSpec(session.env, dir).dependency,
    'lint-staged': LINT_STAGED_SPEC
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
      rememberJson(session.state, path, ['lint-staged', '*'], value, getJson(text, ['lint-staged', '*']));
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
  if (!runs) {
    const path = editTarget(session, huskyHook!);
    const before = readText(path) ?? '';
    const line = lintStagedLine(dir === facts.root ? '' : fromRoot(facts, dir));
    writeTracked(session, path, appendLine(before, line), 'husky-hook', snapshot(path)?.mode ?? 0o755);
    report(session, 'added', `${show(session, huskyHook!)}: ${line}`);
  } else report(session, 'already present', `${show(session, huskyHook!)} runs lint-staged`);
}
