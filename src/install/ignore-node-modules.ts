/**
 * A route that runs the package manager creates node_modules/; in a repository whose .gitignore
 * does not ignore it (`django-admin startproject` writes none) the next `git add -A` would stage
 * it. Install adds two marked lines to the root .gitignore, says so, and uninstall takes exactly
 * those lines out again.
 */
import { join } from 'node:path';
import { isIgnored } from '../git.js';
import { fromRoot } from './detect.js';
import { readText } from './files.js';
import { editTarget, report, show, writeTracked, type Session } from './session.js';

const COMMENT = '# added by djkey-guard install: the package install creates node_modules/';
const PATTERN = 'node_modules/';

/** `text` with our two lines at the end (line endings and a missing final newline handled). */
export function addIgnoreLines(text: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const head = text === '' || text.endsWith('\n') ? text : text + eol;
  return `${head}${COMMENT}${eol}${PATTERN}${eol}`;
}

/** `text` without our two lines (found by what they are; the user's own lines stay). */
export function removeIgnoreLines(text: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const at = lines.indexOf(COMMENT);
  if (at < 0) return text;
  lines.splice(at, lines[at + 1] === PATTERN ? 2 : 1);
  return lines.join(eol);
}

/** Make sure git ignores `<packageDir>/node_modules/` before the package manager creates it. */
export async function ignoreNodeModules(session: Session, packageDir: string): Promise<void> {
  const { facts } = session;
  const modules = fromRoot(facts, join(packageDir, 'node_modules'));
  if (await isIgnored(`${modules}/`, session.git)) return;
  const path = editTarget(session, join(facts.root, '.gitignore'));
  writeTracked(session, path, addIgnoreLines(readText(path) ?? ''), 'gitignore');
  report(
    session,
    'added',
    `${show(session, path)}: ${PATTERN} (the package install creates it; uninstall takes the line out again)`
  );
}
