/**
 * lint-staged route (--lint-staged): `"*": "djkey-guard"` in package.json's lint-staged config.
 * lint-staged passes the staged paths; djkey-guard reads their index content. Caveat: lint-staged
 * only sees files under its package.json's folder, so in a monorepo a direct hook line is better.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { ensureDevDependencies, readPackageJson } from './deps.js';
import { readText, snapshot } from './files.js';
import { getJson, setJson } from './json-edit.js';
import { packageSpec } from './package.js';
import { rememberJson } from './state.js';
import { editTarget, makeDir, report, show, writeTracked, type Session } from './session.js';
import { fromRoot } from './detect.js';
import {
  addHookLine,
  ensurePrepare,
  finishHusky,
  HUSKY_SPEC,
  huskyLine,
  isHeader,
  shQuote
} from './husky.js';

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

/** The path pattern for the package folder (`prefix`, '' for the root), from any folder. */
function topPathspec(prefix: string): string {
  return shQuote(`:/${prefix}`);
}

/**
 * The marked lines around the command that runs lint-staged. lint-staged runs djkey-guard without
 * a shell, so an emptied `dist/cli.js` would run as "nothing found" (exit 0): the first line hands
 * djkey-guard a proof file (each run appends "judged"), the last blocks (exit 2) when lint-staged
 * passed, files lint-staged sees are staged, and no run of djkey-guard proved it judged them.
 */
export function proofLines(prefix: string): { before: string; after: string } {
  const file = '"$DJKEY_GUARD_PROOF_FILE"';
  const where = prefix ? `${prefix.replace(/["$`\\]/g, '')}/` : '';
  return {
    before:
      'DJKEY_GUARD_PROOF_FILE="$(git rev-parse --path-format=absolute --git-path djkey-guard-proof)" && ' +
      `export DJKEY_GUARD_PROOF_FILE && rm -f ${file}  ${LINT_STAGED_MARK}`,
    after:
      `if [ -s ${file} ] || git diff --cached --quiet --diff-filter=ACMR -- ${topPathspec(prefix)}; ` +
      `then rm -f ${file}; else echo "djkey-guard: lint-staged passed but djkey-guard did not judge ` +
      `this commit: its copy in ${where}node_modules is damaged, or lint-staged has no task ` +
      `\\"*\\": \\"djkey-guard\\" (blocked to be safe). Run npm install; skip once: git commit ` +
      `--no-verify" >&2; exit 2; fi  ${LINT_STAGED_MARK}`
  };
}

/** The line that runs lint-staged from the package folder (`prefix`, '' for the root); never npx. */
export function lintStagedLine(prefix: string): string {
  const bin = shQuote(`${prefix ? `${prefix}/` : ''}node_modules/.bin/lint-staged`);
  if (!prefix) return `${bin} || exit $?  ${LINT_STAGED_MARK}`;
  return `(cd ${shQuote(prefix)} && ${bin.replace(`${prefix}/`, '')}) || exit $?  ${LINT_STAGED_MARK}`;
}

/** A line that runs lint-staged (not a comment, not one of ours). */
const runsLintStaged = (line: string): boolean =>
  /\blint-staged\b/.test(line) && !/^\s*#/.test(line) && !line.endsWith(LINT_STAGED_MARK);

/**
 * `text` (a husky pre-commit hook) with our lines: the proof lines around the first line that runs
 * lint-staged — the user's own, or ours placed after the header when there is none. Lines of an
 * earlier install are replaced, so running install again changes nothing. Null when unchanged.
 */
export function addLintStagedLines(text: string, prefix: string): string | null {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text === '' ? [] : text.split(eol);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const rest = lines.filter((line) => !line.endsWith(LINT_STAGED_MARK));
  let at = rest.findIndex(runsLintStaged);
  if (at < 0) {
    at = rest.findIndex((line) => !isHeader(line));
    if (at < 0) at = rest.length;
    rest.splice(at, 0, lintStagedLine(prefix));
  }
  const { before, after } = proofLines(prefix);
  rest.splice(at + 1, 0, after);
  rest.splice(at, 0, before);
  const out = rest.join(eol) + eol;
  return out === text ? null : out;
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
      'lint-staged needs a package.json and there is none here (djkey-guard never creates one). Use ' +
        '--git-hook or --pre-commit.'
    );
  // lint-staged needs a hook that runs it: husky's. Without husky, set husky up as the husky route
  // does (devDependency, prepare script, .husky/pre-commit), with the line that runs lint-staged.
  const huskyDir = facts.huskyDir ?? join(dir, '.husky');
  const wanted: Record<string, string> = {
    'djkey-guard': packageSpec(session.env, dir).dependency,
    'lint-staged': LINT_STAGED_SPEC
  };
  if (!facts.huskyDir) wanted.husky = HUSKY_SPEC;
  const added = ensureDevDependencies(session, dir, wanted);
  if (!facts.huskyDir) ensurePrepare(session, dir, huskyDir);
  const path = join(dir, 'package.json');
  const text = readPackageJson(dir);
  const config = getJson(text, ['lint-staged']);
  const file = CONFIG_FILES.find((name) => existsSync(join(dir, name)));
  if (config === undefined && file) {
    session.next.push(
      `add "*": "djkey-guard" to ${show(session, join(dir, file))} (djkey-guard edits only package.json; ` +
        'until then the hook blocks every commit, to be safe)'
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
  if (dir !== facts.root) {
    session.next.push(
      `lint-staged in ${show(session, dir)} never sees files outside it (e.g. a Django backend/): ` +
        `prefer \`djkey-guard install --husky\`, which scans the whole commit.`
    );
  }
  makeDir(session, huskyDir);
  const hook = join(huskyDir, 'pre-commit');
  const hookPath = editTarget(session, hook);
  const before = readText(hookPath) ?? '';
  const runs = before.split(/\r?\n/).some(runsLintStaged);
  const next = addLintStagedLines(before, dir === facts.root ? '' : fromRoot(facts, dir));
  const what =
    `${runs ? 'your lint-staged line, ' : 'runs lint-staged, '}` +
    'with a check that djkey-guard judged the commit';
  if (next === null) report(session, 'already present', `${show(session, hook)}: ${what}`);
  else {
    writeTracked(session, hookPath, next, 'husky-hook', snapshot(hookPath)?.mode ?? 0o755);
    report(session, before ? 'updated' : 'added', `${show(session, hook)}: ${what}`);
  }
  // git skips pre-commit on merges (and lint-staged judges nothing there): the direct line judges them.
  addHookLine(
    session,
    huskyDir,
    'pre-merge-commit',
    huskyLine(dir === facts.root ? '' : fromRoot(facts, dir))
  );
  const installed = ['djkey-guard', 'lint-staged', ...(facts.huskyDir ? [] : ['husky'])].every((name) =>
    existsSync(join(dir, 'node_modules', name, 'package.json'))
  );
  await finishHusky(session, dir, huskyDir, added || !installed);
}
