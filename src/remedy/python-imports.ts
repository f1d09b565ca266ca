/** Adding imports where imports belong: after the docstring, `__future__` and the leading import block. */
import { statements, tokenList as tokenize, type Token } from '../parse/python/token-list.js';

interface TopStatement {
  tokens: Token[];
  /** Offset just past the statement's line (after its newline). */
  lineEnd: number;
}

function topLevel(text: string): TopStatement[] {
  const tokens = tokenize(text);
  return statements(tokens)
    .filter(([first]) => {
      const lineStart = text.lastIndexOf('\n', tokens[first]!.start - 1) + 1;
      return text.slice(lineStart, tokens[first]!.start).trim() === '';
    })
    .map(([first, last]) => {
      const end = tokens[last]!.end;
      const newline = text.indexOf('\n', end);
      return { tokens: tokens.slice(first, last + 1), lineEnd: newline < 0 ? text.length : newline + 1 };
    });
}

const isImport = (s: TopStatement) =>
  s.tokens[0]?.kind === 'name' && (s.tokens[0].text === 'import' || s.tokens[0].text === 'from');
const isCommentOnly = (s: TopStatement) => s.tokens.every((t) => t.kind === 'comment');

/** Insert `line` after the leading imports (or the docstring), keeping a blank line before code. */
export function insertImport(text: string, line: string): string {
  const top = topLevel(text);
  let at = 0;
  let sawImport = false;
  let first = true;
  let leading = true;
  let sawDocstring = false;
  for (const statement of top) {
    if (isCommentOnly(statement)) {
      // A shebang, `# -*- coding: … -*-` or licence header stays on top (the coding line must be line 1 or
      // 2).
      if (leading) at = statement.lineEnd;
      continue;
    }
    leading = false;
    const docstring = first && statement.tokens.length === 1 && statement.tokens[0]!.kind === 'string';
    first = false;
    if (docstring) {
      at = statement.lineEnd;
      sawDocstring = true;
      continue;
    }
    if (!isImport(statement)) break;
    at = statement.lineEnd;
    sawImport = true;
  }
  if (at > 0 && !text.slice(0, at).endsWith('\n')) return `${text.slice(0, at)}\n${line}\n${text.slice(at)}`;
  if (sawImport) return text.slice(0, at) + line + '\n' + text.slice(at);
  // No imports yet: a block of its own, separated by blank lines from the docstring and the code.
  const head = text.slice(0, at);
  const rest = text.slice(at).replace(/^\n+/, '');
  return `${head}${sawDocstring ? '\n' : ''}${line}\n${rest ? '\n' + rest : ''}`;
}

/** Names a top-level `from <module> import a, b` already brings in (aliases count by alias). */
export function importedNames(text: string, module: string): Set<string> {
  const names = new Set<string>();
  for (const statement of topLevelImports(text, module)) {
    for (const name of namesOf(statement)) names.add(name);
  }
  return names;
}

function topLevelImports(text: string, module: string): TopStatement[] {
  return topLevel(text).filter(
    (s) => s.tokens[0]?.text === 'from' && s.tokens[1]?.text === module && s.tokens[2]?.text === 'import'
  );
}

function namesOf(statement: TopStatement): string[] {
  const names: string[] = [];
  const parts = statement.tokens
    .slice(3)
    .filter((t) => t.kind === 'name' || t.text === ',' || t.text === '*');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.text === ',') continue;
    if (parts[i + 1]?.text === 'as' && parts[i + 2]) {
      names.push(parts[i + 2]!.text);
      i += 2;
    } else {
      names.push(part.text);
    }
  }
  return names;
}

/** Offset of the first top-level-import of `name` from `module`, or -1. */
function importOffset(text: string, module: string, name: string): number {
  const statement = topLevelImports(text, module).find(
    (s) => namesOf(s).includes(name) || namesOf(s).includes('*')
  );
  return statement ? statement.tokens[0]!.start : -1;
}

/** Offset of the first call of `name(` outside import statements, or -1. */
function firstUse(text: string, name: string): number {
  const tokens = tokenize(text);
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (
      tokens[i]!.kind === 'name' &&
      tokens[i]!.text === name &&
      tokens[i + 1]!.text === '(' &&
      tokens[i - 1]?.text !== '.' &&
      tokens[i - 1]?.text !== 'def'
    )
      return tokens[i]!.start;
  }
  return -1;
}

/**
 * Make `from decouple import <wanted>` true above the first use of each name, merging into an
 * existing one-line import when there is one. An import that sits below the first use (added by
 * hand at the end of the file) does not count: Python would raise NameError before reaching it.
 */
export function ensureFromImport(text: string, module: string, wanted: readonly string[]): string {
  const have = importedNames(text, module);
  const late = (name: string) => {
    const at = importOffset(text, module, name);
    const use = firstUse(text, name);
    return at >= 0 && use >= 0 && use < at;
  };
  const missing = wanted.filter((name) => (!have.has(name) && !have.has('*')) || late(name));
  if (missing.length === 0) return text;
  const existing = topLevelImports(text, module).find(
    (s) =>
      !missing.some(late) &&
      s.tokens.every((t) => t.kind !== 'op' || t.text === ',' || t.text === '.') &&
      !s.tokens.some((t) => t.text === 'as')
  );
  if (existing) {
    const start = existing.tokens[0]!.start;
    const end = existing.tokens[existing.tokens.length - 1]!.end;
    const all = [...namesOf(existing), ...missing].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return text.slice(0, start) + `from ${module} import ${all.join(', ')}` + text.slice(end);
  }
  return insertImport(text, `from ${module} import ${[...missing].sort().join(', ')}`);
}

/** Does the module import `name` at top level (`import environ`)? */
export function hasImport(text: string, name: string): boolean {
  return topLevel(text).some(
    (s) => s.tokens[0]?.text === 'import' && s.tokens.some((t, i) => i > 0 && t.text === name)
  );
}
