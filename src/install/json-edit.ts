/**
 * Text-level edits of package.json: add or replace one member and leave every other byte alone
 * (indentation, inline arrays, key order, final newline), which JSON.stringify cannot promise.
 */
import { UsageError } from '../errors.js';

interface Span {
  start: number;
  end: number;
}

interface Member {
  key: string;
  keyStart: number;
  value: Span;
}

/** Skip whitespace from `i`. */
function ws(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  throw new UsageError('package.json: unterminated string');
}

/** End offset of the JSON value starting at `i`. */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') j = stringEnd(text, j) - 1;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    throw new UsageError('package.json: unbalanced brackets');
  }
  const match = /^[^,}\]\s]+/.exec(text.slice(i));
  return i + (match ? match[0].length : 0);
}

/** Members of the object whose `{` is at `open`. */
function members(text: string, open: number): { members: Member[]; close: number } {
  const out: Member[] = [];
  let i = ws(text, open + 1);
  while (text[i] !== '}') {
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const valueStart = ws(text, ws(text, keyEnd) + 1);
    const end = valueEnd(text, valueStart);
    out.push({ key, keyStart: i, value: { start: valueStart, end } });
    i = ws(text, end);
    if (text[i] === ',') i = ws(text, i + 1);
  }
  return { members: out, close: i };
}

/** The JSON value at `path` (object keys), or undefined. */
function find(text: string, path: readonly string[]): Span | undefined {
  let span: Span = { start: ws(text, 0), end: text.length };
  for (const key of path) {
    if (text[span.start] !== '{') return undefined;
    const member = members(text, span.start).members.find((m) => m.key === key);
    if (!member) return undefined;
    span = member.value;
  }
  return span;
}

/** The file's indent unit (first indented line), defaulting to two spaces. */
export function indentOf(text: string): string {
  return /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
}

/** The value at `path` parsed, or undefined. */
export function getJson(text: string, path: readonly string[]): unknown {
  const span = find(text, path);
  return span ? JSON.parse(text.slice(span.start, span.end)) : undefined;
}

/**
 * Set `path` to `value`: replace an existing value in place, or append a member to the parent
 * object (creating missing parents), formatted like its neighbours.
 */
export function setJson(text: string, path: readonly string[], value: unknown): string {
  const existing = find(text, path);
  const unit = indentOf(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (existing) return text.slice(0, existing.start) + JSON.stringify(value) + text.slice(existing.end);
  const parentPath = path.slice(0, -1);
  const parent = find(text, parentPath);
  if (!parent || text[parent.start] !== '{') {
    return setJson(text, parentPath, { [path[path.length - 1]!]: value });
  }
  const { members: list, close } = members(text, parent.start);
  const depth = parentPath.length + 1;
  const pretty = JSON.stringify(value, null, unit)
    .split('\n')
    .join(eol + unit.repeat(depth));
  const entry = `${JSON.stringify(path[path.length - 1])}: ${pretty}`;
  const last = list[list.length - 1];
  if (!last) {
    const closeIndent = unit.repeat(depth - 1);
    return (
      text.slice(0, parent.start + 1) +
      eol +
      unit.repeat(depth) +
      entry +
      eol +
      closeIndent +
      text.slice(close)
    );
  }
  const inline = !text.slice(parent.start, last.value.start).includes('\n');
  const sep = inline ? ', ' : ',' + eol + unit.repeat(depth);
  return text.slice(0, last.value.end) + sep + entry + text.slice(last.value.end);
}

/** Remove the member at `path` (and its separator); unchanged text if it is absent. */
export function deleteJson(text: string, path: readonly string[]): string {
  const parent = find(text, path.slice(0, -1));
  if (!parent || text[parent.start] !== '{') return text;
  const { members: list } = members(text, parent.start);
  const index = list.findIndex((m) => m.key === path[path.length - 1]);
  if (index < 0) return text;
  const member = list[index]!;
  if (index > 0) return text.slice(0, list[index - 1]!.value.end) + text.slice(member.value.end);
  const next = list[index + 1];
  if (next) return text.slice(0, member.keyStart) + text.slice(next.keyStart);
  return text.slice(0, parent.start + 1) + text.slice(ws(text, member.value.end));
}
