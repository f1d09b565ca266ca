/** Adding python-decouple to the dependency file the project uses. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const DECOUPLE = 'python-decouple';

const normalise = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/**
 * Candidate dependency files in `dir`, most likely first: requirements.txt, requirements/base.txt
 * and friends, other requirements*.txt, pyproject.toml, Pipfile. Returns dir-relative names.
 */
export function dependencyFiles(dir: string): string[] {
  const found: string[] = [];
  const add = (name: string) => existsSync(join(dir, name)) && !found.includes(name) && found.push(name);
  add('requirements.txt');
  for (const name of ['base', 'common', 'prod', 'production']) add(`requirements/${name}.txt`);
  const list = (sub: string) => {
    try {
      return readdirSync(join(dir, sub))
        .filter(
          (name) =>
            /^requirements.*\.(txt|in)$|^[\w.-]+\.txt$/.test(name) &&
            (sub !== '' || name.startsWith('requirements'))
        )
        .sort();
    } catch {
      return [];
    }
  };
  for (const name of list('')) add(name);
  for (const name of list('requirements')) add(`requirements/${name}`);
  add('pyproject.toml');
  add('Pipfile');
  return found;
}

/** Does this dependency file list `name` (PEP 503-normalised)? */
export function listsPackage(file: string, text: string, name: string): boolean {
  const wanted = normalise(name);
  if (/\.(txt|in)$/.test(file)) {
    return text
      .split('\n')
      .some((line) => normalise(/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line)?.[1] ?? '') === wanted);
  }
  const names = [...text.matchAll(/(?:^|["'\s])([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:[=<>!~;[ "']|$)/gm)].map(
    (m) => normalise(m[1]!)
  );
  return names.includes(wanted);
}

/**
 * Append the package to a requirements.txt / pyproject.toml / Pipfile text (LF-normalised); unchanged if
 * unsure.
 */
export function addPackage(file: string, text: string, name: string): string {
  if (listsPackage(file, text, name)) return text;
  if (/\.(txt|in)$/.test(file))
    return (text === '' || text.endsWith('\n') ? text : text + '\n') + name + '\n';
  if (file.endsWith('Pipfile')) return addToTable(text, /^\[packages\]\s*$/m, `${name} = "*"`);
  if (/^\[tool\.poetry\.dependencies\]\s*$/m.test(text))
    return addToTable(text, /^\[tool\.poetry\.dependencies\]\s*$/m, `${name} = "*"`);
  return addToProjectList(text, name);
}

/** Add `line` at the end of a TOML table (before trailing blank lines and the next header). */
function addToTable(text: string, header: RegExp, line: string): string {
  const match = header.exec(text);
  if (!match) return text;
  const bodyStart = match.index + match[0].length;
  const next = text.slice(bodyStart).search(/^\[/m);
  const end = next < 0 ? text.length : bodyStart + next;
  const body = text.slice(bodyStart, end).replace(/\s*$/, '');
  const trailing = text.slice(bodyStart + body.length, end);
  return (
    text.slice(0, bodyStart) +
    body +
    '\n' +
    line +
    (trailing.includes('\n') ? trailing : '\n') +
    text.slice(end)
  );
}

/** `[project] dependencies = [ ... ]` gets one more item, in the list's own layout. */
function addToProjectList(text: string, name: string): string {
  const project = /^\[project\]\s*$/m.exec(text);
  if (!project) return text;
  const list = /^dependencies\s*=\s*\[/m.exec(text.slice(project.index));
  if (!list) return text;
  const open = project.index + list.index + list[0].length;
  const close = text.indexOf(']', open);
  if (close < 0) return text;
  const inner = text.slice(open, close);
  const quote = /'/.test(inner) && !/"/.test(inner) ? "'" : '"';
  const item = `${quote}${name}${quote}`;
  if (!inner.includes('\n')) {
    const items = inner.trim().replace(/,$/, '');
    return text.slice(0, open) + (items ? `${items}, ${item}` : item) + text.slice(close);
  }
  const lines = inner.replace(/\s*$/, '');
  const indent = /\n([ \t]+)\S/.exec(inner)?.[1] ?? '    ';
  const withComma = lines.trim() === '' || lines.endsWith(',') ? lines : lines + ',';
  return text.slice(0, open) + `${withComma}\n${indent}${item},\n` + text.slice(close);
}
