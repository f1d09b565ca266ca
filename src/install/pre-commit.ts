/**
 * pre-commit framework route: a `repo: local` block appended to the `repos:` list of
 * `.pre-commit-config.yaml` (other hooks and comments untouched), then `pre-commit install` if its
 * hook is not installed. We never wrap pre-commit's own hook file: it would call itself.
 *
 * `pass_filenames: false`: djkey-guard reads what the commit adds from the index itself, so it runs
 * once (pre-commit would split long file lists into several runs and several reports).
 * `language_version: system`: use the node already on PATH; otherwise pre-commit's nodeenv
 * downloads a node build on first use.
 */
import { join } from 'node:path';
import { readText } from './files.js';
import { packageSpec } from './package.js';
import { PRE_COMMIT_MARKER } from './git-hook.js';
import { remember } from './state.js';
import { editTarget, report, show, writeTracked, type Session } from './session.js';
import { runTool, tail } from './tools.js';

const MARKER = '# djkey-guard: blocks commits that add Django SECRET_KEYs or .env files';

/**
 * The hook's command. pre-commit runs an entry without a shell, and an emptied `dist/cli.js` in its
 * cache would run as "nothing found" (exit 0): through `sh -c`, the CLI must prove on fd 3 that it
 * ran to the end (as in hooks/pre-commit), else the commit is blocked (exit 2). A YAML plain scalar:
 * no `: ` and no ` #` inside.
 */
export const PRE_COMMIT_ENTRY =
  `sh -c 'p=$(DJKEY_GUARD_PROOF=3 djkey-guard 3>&1 1>&2); c=$?; case $p in *judged) exit $c;; esac; ` +
  `echo "djkey-guard did not judge this commit (its copy in the pre-commit cache is damaged), blocked ` +
  `to be safe. Run pre-commit clean, then commit again (skip once with SKIP=djkey-guard)" >&2; exit 2'`;

/** Our block, with the list's dash indent. */
export function preCommitBlock(indent: string, dependency: string): string[] {
  return [
    `${indent}${MARKER}`,
    `${indent}- repo: local`,
    `${indent}  hooks:`,
    `${indent}  - id: djkey-guard`,
    `${indent}    name: djkey-guard (Django SECRET_KEY / .env)`,
    `${indent}    entry: ${PRE_COMMIT_ENTRY}`,
    `${indent}    language: node`,
    `${indent}    language_version: system`,
    `${indent}    additional_dependencies: [${JSON.stringify(dependency)}]`,
    `${indent}    pass_filenames: false`
  ];
}

/**
 * pre-commit installs only the hook types this key names (default: pre-commit alone), and git skips
 * pre-commit on merges: with pre-merge-commit too, a merge that brings a key is judged. Added only
 * when the config has no such key, marked, so uninstall takes out exactly this line.
 */
export const HOOK_TYPES_LINE =
  'default_install_hook_types: [pre-commit, pre-merge-commit]  # added by djkey-guard install: merges ' +
  'are judged too';

/** The config with our block at the end of `repos:` (before any later top-level key). Null if present. */
export function addPreCommitBlock(text: string, dependency: string): string | null {
  // An earlier install's bare `entry: djkey-guard` right under our marker gets the checking entry.
  const upgraded = text.replace(
    new RegExp(`(${MARKER}(?:\\r?\\n.*){1,5}?\\r?\\n\\s*entry: )djkey-guard(?=\\r?\\n)`),
    (_, head: string) => head + PRE_COMMIT_ENTRY
  );
  if (upgraded !== text) return addPreCommitBlock(upgraded, dependency) ?? upgraded;
  const hasHook = /^\s*-?\s*id:\s*['"]?djkey-guard['"]?\s*$/m.test(text);
  const hasTypes = /^default_install_hook_types\s*:/m.test(text);
  if (hasHook && hasTypes) return null;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text === '' ? [] : text.replace(/(\r?\n)$/, '').split(/\r?\n/);
  // Top-level, before `repos:` (after a leading comment block), where a reader looks for it.
  if (!hasTypes) {
    const repos = lines.findIndex((line) => /^repos\s*:/.test(line));
    lines.splice(repos < 0 ? lines.length : repos, 0, HOOK_TYPES_LINE);
  }
  if (hasHook) return lines.join(eol) + eol;
  let start = lines.findIndex((line) => /^repos\s*:/.test(line));
  if (start < 0) {
    lines.push('repos:');
    start = lines.length - 1;
  } else if (/^repos\s*:\s*\[\s*\]\s*(#.*)?$/.test(lines[start]!)) {
    lines[start] = 'repos:';
  }
  let end = start + 1;
  while (end < lines.length && !/^[^\s#-]/.test(lines[end]!)) end++;
  // Keep trailing blanks/comments with whatever follows the list.
  let at = end;
  while (at > start + 1 && /^\s*(#.*)?$/.test(lines[at - 1]!)) at--;
  const indent =
    /^(\s*)-/.exec(lines.slice(start + 1, end).find((line) => /^\s*-/.test(line)) ?? '')?.[1] ?? '';
  lines.splice(at, 0, ...preCommitBlock(indent, dependency));
  return lines.join(eol) + eol;
}

const indentOf = (line: string): number => /^\s*/.exec(line)![0].length;
const blank = (line: string | undefined): boolean => line === undefined || /^\s*(#.*)?$/.test(line);

/** End (exclusive) of the YAML list item whose `-` is at `start`: up to the next line indented no deeper. */
function itemEnd(lines: string[], start: number): number {
  const dash = indentOf(lines[start]!);
  let end = start + 1;
  while (end < lines.length && (blank(lines[end]) || indentOf(lines[end]!) > dash)) end++;
  // Trailing blanks and comments belong to whatever follows.
  while (end > start + 1 && blank(lines[end - 1])) end--;
  return end;
}

/**
 * The config without what install added, found by what it is — the `id: djkey-guard` hook entry
 * (and our marker comment and `repo: local` item once that hook was its only one) — never by a
 * line count, so a user's later edits around or inside the block survive.
 */
export function removePreCommitBlock(text: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const types = lines.indexOf(HOOK_TYPES_LINE);
  if (types >= 0) lines.splice(types, 1);
  const marker = lines.findIndex((line) => line.trim() === MARKER);
  if (marker < 0) return lines.join(eol);
  const repo = lines.findIndex((line, index) => index > marker && !blank(line));
  if (repo < 0 || !/^\s*-\s*repo:\s*['"]?local['"]?\s*(#.*)?$/.test(lines[repo]!)) return text;
  const end = itemEnd(lines, repo);
  const hook = lines.findIndex(
    (line, index) =>
      index > repo && index < end && /^\s*-?\s*id:\s*['"]?djkey-guard['"]?\s*(#.*)?$/.test(line)
  );
  if (hook < 0) return text;
  // The hook entry starts at its `- ` (the id line itself, or the dash line above it).
  let entry = hook;
  while (!/^\s*-/.test(lines[entry]!) && entry > repo) entry--;
  const entryEnd = itemEnd(lines, entry);
  const others = lines.slice(repo + 1, end).filter((line, index) => {
    const at = repo + 1 + index;
    return (at < entry || at >= entryEnd) && /^\s*-/.test(line);
  });
  if (others.length === 0) lines.splice(marker, end - marker);
  else lines.splice(entry, entryEnd - entry);
  return lines.join(eol);
}

export async function installPreCommit(session: Session): Promise<void> {
  const { facts } = session;
  // A symlinked config (a team's shared one) is edited where it points and stays a link.
  const path = editTarget(session, join(facts.root, '.pre-commit-config.yaml'));
  const current = readText(path) ?? '';
  const next = addPreCommitBlock(current, packageSpec(session.env).install);
  const added = next === null ? [] : next.split(/\r?\n/).filter((line) => !current.includes(line));
  const shown = show(session, path);
  if (added.includes(HOOK_TYPES_LINE))
    report(session, 'added', `${shown} default_install_hook_types: [pre-commit, pre-merge-commit]`);
  else report(session, 'already present', `${shown} default_install_hook_types`);
  if (next === null || added.length === (added.includes(HOOK_TYPES_LINE) ? 1 : 0))
    report(session, 'already present', `${shown} hook djkey-guard`);
  else report(session, 'added', `${shown} hook djkey-guard (repo: local, language: node)`);
  if (next !== null) writeTracked(session, path, next, 'pre-commit-config');

  const hookPath = join(facts.hooksDir, 'pre-commit');
  const mergePath = join(facts.hooksDir, 'pre-merge-commit');
  const ours = (path: string) => readText(path)?.includes(PRE_COMMIT_MARKER);
  const wantsMerge = /^default_install_hook_types\s*:.*pre-merge-commit/m.test(readText(path) ?? '');
  if (ours(hookPath) && (!wantsMerge || ours(mergePath))) {
    report(session, 'already present', `${show(session, hookPath)} (pre-commit's hook)`);
  } else if (facts.hooksPath) {
    session.incomplete = true;
    session.next.push(
      `pre-commit refuses to install while core.hooksPath is set (${facts.hooksPath}). Run \`git config ` +
        `--unset core.hooksPath && pre-commit install\`, or call \`pre-commit run\` from that hook.`
    );
  } else {
    remember(session.state, hookPath, 'pre-commit-hook');
    remember(session.state, join(facts.hooksDir, 'pre-commit.legacy'), 'pre-commit-hook');
    remember(session.state, mergePath, 'pre-commit-hook');
    remember(session.state, join(facts.hooksDir, 'pre-merge-commit.legacy'), 'pre-commit-hook');
    session.touched
      .add(hookPath)
      .add(join(facts.hooksDir, 'pre-commit.legacy'))
      .add(mergePath)
      .add(join(facts.hooksDir, 'pre-merge-commit.legacy'));
    const result = await runTool('pre-commit', ['install'], facts.root, session.env);
    if (result.code === 0)
      report(
        session,
        'ran',
        `pre-commit install${wantsMerge ? ' (pre-commit and pre-merge-commit hooks)' : ''}`
      );
    else session.incomplete = true;
    if (result.code !== 0) {
      const why = result.missing
        ? 'pre-commit is not on PATH: pip install pre-commit'
        : `it failed:\n${tail(result.output)}`;
      session.next.push(`run \`pre-commit install\` (${why})`);
    }
  }
  if (next !== null)
    session.next.push(
      `git add ${show(session, path)} (pre-commit will not run while its config has unstaged changes) ` +
        `and commit it; each clone runs \`pre-commit install\` once.`
    );
  // A tarball path (npx --package=/path/x.tgz) exists on this machine only.
  const dependency = packageSpec(session.env).install;
  if (next !== null && dependency.startsWith('/'))
    session.next.push(
      `the hook installs djkey-guard from ${dependency}, a path on this machine: for teammates, point ` +
        `additional_dependencies at a release (docs/install.md) before you commit the config.`
    );
}
