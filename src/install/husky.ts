/**
 * husky route: one line in `.husky/pre-commit` running the installed package's hook script, plus
 * (when husky is not set up yet) husky and a `prepare` script in package.json. Never `husky init`:
 * it overwrites `.husky/pre-commit`.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { configGet } from '../git.js';
import { UsageError } from '../errors.js';
import { ensureDevDependencies, readPackageJson, runInstall } from './deps.js';
import { fromRoot } from './detect.js';
import { readText, snapshot } from './files.js';
import { getJson, setJson } from './json-edit.js';
import { rememberJson } from './state.js';
import { HOOK_END } from './integrity.js';
import { packageSpec } from './package.js';
import { editTarget, makeDir, report, show, writeTracked, type Session } from './session.js';
import { runTool, tail } from './tools.js';

export const HUSKY_SPEC = '^9.1.7';

/** Single-quote for sh unless the path is plainly safe. */
export function shQuote(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The hook line for a package.json in `prefix` (repo-relative folder, '' for the root). Hooks run at
 * the root. It runs the package's hook script only when that script ends with its known last line:
 * an emptied or cut copy in node_modules (which `sh` would run as "nothing to do", exit 0) blocks
 * the commit instead (exit 2), as the plain hook does for its copy.
 */
export function huskyLine(prefix: string): string {
  const script = shQuote(`${prefix ? prefix + '/' : ''}node_modules/djkey-guard/hooks/pre-commit`);
  return (
    `case "$(tail -n 1 ${script} 2>/dev/null)" in "${HOOK_END}"*) sh ${script} || exit $? ;; ` +
    `*) echo "djkey-guard: its hook script ` +
    `in ${prefix ? `${prefix.replace(/["$`\\]/g, '')}/` : ''}node_modules is missing or damaged, ` +
    `so this commit was not checked (blocked to be safe). Run npm install; skip once: git commit ` +
    `--no-verify" >&2; exit 2 ;; esac`
  );
}

/** Our line, in this form or the older `sh …/hooks/pre-commit` one (replaced on the next install). */
const HOOK_SCRIPT = String.raw`node_modules\/djkey-guard\/hooks\/pre-commit`;
const OUR_LINE = new RegExp(String.raw`^\s*(sh\s+.*${HOOK_SCRIPT}'?|case .*${HOOK_SCRIPT}.*\besac)\s*$`);

/** Header lines: shebang, comments, blanks and husky v8's `. "…/_/husky.sh"`. */
export function isHeader(line: string): boolean {
  return /^\s*(#.*)?$/.test(line) || /^\.\s+.*_\/husky\.sh/.test(line);
}

/**
 * `text` with `line` inserted right after the header lines: before any `cd`, `exec` or `exit`,
 * so it runs first, at the repository root. Keeps the file's line endings and final newline.
 * Null when the line is already there.
 */
export function addHuskyLine(text: string, line: string): string | null {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const present = lines.findIndex((existing) => OUR_LINE.test(existing));
  if (present >= 0) {
    if (lines[present] === line) return null;
    lines[present] = line;
    return lines.join(eol);
  }
  if (text === '') return line + '\n';
  let at = lines.findIndex((existing) => !isHeader(existing));
  if (at < 0) at = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  lines.splice(at, 0, line);
  let out = lines.join(eol);
  if (!out.endsWith(eol)) out += eol;
  return out;
}

/** The header lines of a husky hook (husky v8's `. "…/husky.sh"` line included), for a new sibling hook. */
export function headerOf(text: string | null): string {
  if (!text) return '';
  const lines = text.split(/\r?\n/);
  const end = lines.findIndex((line) => !isHeader(line));
  const header = lines.slice(0, end < 0 ? lines.length : end).filter((line) => /^#!|_\/husky\.sh/.test(line));
  return header.length ? header.join('\n') + '\n' : '';
}

/** `text` without our lines (the djkey-guard line, and the lint-staged line install --lint-staged added). */
export function removeHuskyLine(text: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return text
    .split(eol)
    .filter((line) => !OUR_LINE.test(line) && !line.endsWith('# added by djkey-guard install --lint-staged'))
    .join(eol);
}

/** The prepare script that (re)creates husky's hooks and never fails a production install. */
function prepareScript(packageDir: string, root: string, huskyDir: string): string {
  const up = relative(packageDir, root).split('\\').join('/');
  const dir = relative(root, huskyDir).split('\\').join('/');
  return up
    ? `cd ${up} && husky ${dir} || true`
    : dir === '.husky'
      ? 'husky || true'
      : `husky ${dir} || true`;
}

/** Our line (`huskyLine`) in the husky hook `name`, created with pre-commit's header when missing. */
export function addHookLine(session: Session, huskyDir: string, name: string, line: string): void {
  const shown = show(session, join(huskyDir, name));
  // A symlinked hook (a team's shared script) is edited where it points and stays a link.
  const hookPath = editTarget(session, join(huskyDir, name));
  const before = readText(hookPath);
  const next = addHuskyLine(before ?? headerOf(readText(join(huskyDir, 'pre-commit'))), line);
  // The line is long (it checks the script first): name what it runs instead of echoing it.
  const what = `runs ${line.split(' sh ')[1]!.split(' || ')[0]} (blocks if that copy is damaged)`;
  if (next === null) report(session, 'already present', `${shown}: ${what}`);
  else {
    writeTracked(session, hookPath, next, 'husky-hook', snapshot(hookPath)?.mode ?? 0o755);
    report(
      session,
      'added',
      `${shown}${hookPath !== join(huskyDir, name) ? ` (→ ${show(session, hookPath)})` : ''}: ${what}`
    );
  }
}

/** husky's `prepare` script in package.json, when the repository has no husky yet. */
export function ensurePrepare(session: Session, packageDir: string, huskyDir: string): void {
  const path = join(packageDir, 'package.json');
  const text = readPackageJson(packageDir);
  const prepare = getJson(text, ['scripts', 'prepare']);
  const script = prepareScript(packageDir, session.facts.root, huskyDir);
  if (typeof prepare === 'string' && /\bhusky\b/.test(prepare))
    report(session, 'already present', `${show(session, path)} scripts.prepare runs husky`);
  else {
    const value = typeof prepare === 'string' && prepare.trim() ? `${prepare} && (${script})` : script;
    rememberJson(session.state, path, ['scripts', 'prepare'], value, prepare);
    writeTracked(session, path, setJson(text, ['scripts', 'prepare'], value), 'package-json');
    report(session, 'added', `${show(session, path)} scripts.prepare: ${value}`);
  }
}

/**
 * After the hook files are written (husky and lint-staged routes): install the packages when
 * something is missing, make git run husky's hooks, and say what to commit.
 */
export async function finishHusky(
  session: Session,
  packageDir: string,
  huskyDir: string,
  needInstall: boolean
): Promise<void> {
  const { facts } = session;
  const hooksPathBefore = await configGet('core.hooksPath', session.git);
  if (!session.state.config.some((entry) => entry.key === 'core.hooksPath')) {
    session.state.config.push({ key: 'core.hooksPath', before: hooksPathBefore ?? null });
  }
  if (needInstall) {
    if (!(await runInstall(session, packageDir))) return;
  }
  await activateHusky(session, packageDir, huskyDir);
  const changed = [...session.touched]
    .filter((path) => path.startsWith(facts.root + '/') && !path.includes('/.git/'))
    .map((path) => show(session, path));
  if (changed.length)
    session.next.push(
      `commit ${changed.join(', ')}: teammates get the hook from their next \`npm install\`.`
    );
  if (changed.length || facts.linkedWorktree || existsSync(join(facts.commonDir, 'worktrees'))) {
    session.next.push(
      'in each linked worktree (git worktree add), run the package install once: husky keeps its hooks ' +
        'inside every checkout.'
    );
  }
}

export async function installHusky(session: Session): Promise<void> {
  const { facts } = session;
  const packageDir = facts.packageDir;
  if (!packageDir) {
    throw new UsageError(
      'husky needs a package.json and there is none here (djkey-guard never creates one). Use ' +
        '--git-hook or --pre-commit.'
    );
  }
  const huskyDir = facts.huskyDir ?? join(packageDir, '.husky');
  const wanted: Record<string, string> = { 'djkey-guard': packageSpec(session.env, packageDir).dependency };
  if (!facts.huskyDir) wanted.husky = HUSKY_SPEC;
  const added = ensureDevDependencies(session, packageDir, wanted);
  if (!facts.huskyDir) ensurePrepare(session, packageDir, huskyDir);

  makeDir(session, huskyDir);
  const line = huskyLine(packageDir === facts.root ? '' : fromRoot(facts, packageDir));
  // pre-merge-commit too: git skips pre-commit on merges, so a merge that brings a key is judged there.
  for (const name of ['pre-commit', 'pre-merge-commit']) addHookLine(session, huskyDir, name, line);

  const installed = existsSync(join(packageDir, 'node_modules', 'djkey-guard', 'hooks', 'pre-commit'));
  await finishHusky(session, packageDir, huskyDir, added || !installed);
}

/** Make sure git runs husky's hooks now (prepare may not have run, e.g. yarn berry). */
async function activateHusky(session: Session, packageDir: string, huskyDir: string): Promise<void> {
  const { facts } = session;
  const expected = `${fromRoot(facts, huskyDir)}/_`;
  const current = await configGet('core.hooksPath', session.git);
  if (current && current.replace(/\/$/, '') === expected && existsSync(join(huskyDir, '_', 'h'))) return;
  if (facts.huskyDir && current) return;
  const bin = join(packageDir, 'node_modules', 'husky', 'bin.js');
  const result = await runTool(process.execPath, [bin, fromRoot(facts, huskyDir)], facts.root, session.env);
  if (result.code === 0) report(session, 'ran', `husky (core.hooksPath = ${expected}, this repository only)`);
  else {
    session.incomplete = true;
    session.next.push(
      `run \`npx husky ${fromRoot(facts, huskyDir)}\` at the repository root (husky could not run ` +
        `here):\n${tail(result.output)}`
    );
  }
}
