/**
 * The one `NAME sep value` reader: a guarded name, a separator, a value. One loop over the names
 * serves every text-shaped format; the mode says how the format quotes, separates and ends values:
 *   dotenv, shell, make, loose — shell-like text (`KEY=value`, `export`, inline env prefixes), see
 *                                shell-value.ts; `loose` is shell read inside files of no known format;
 *   line, prose                — one line of loose text (config comments, Markdown): clear
 *                                assignments only, `prose` wanting a key-like value;
 *   generic                    — any text: `NAME: value`, `"NAME" => 'value'`, `NAME || 'fallback'`.
 */
import type { Candidate } from '../../types.js';
import { inPieces } from './pieces.js';
import { nameKind, nameRegex, type NameKind } from './names.js';
import { bindShell, type ShellMode } from './shell-value.js';
import { lineRest, looksKeyLike, readBare, readQuoted, skipBlanks, type ValueToken } from './values.js';

export type { ShellMode } from './shell-value.js';
export type NameValueMode = ShellMode | 'line' | 'prose' | 'generic';

/** `==` only as a comparison (`==` + blank); `NAME==x` is a key starting with `=`. */
const SEPARATOR = /^(?:=>|:=|\?=|=(?!=\s|=$)|:(?!:))/;
/**
 * Where a bare value ends in loose text; in any text a backslash ends it too (an escape of the host
 * language).
 */
// An entity's `;` (`&amp;` for a key's `&` in an HTML page) is part of the value, not its end.
const LINE_STOP = /[\s,'"`<>\]}]|(?<!&(?:amp|lt|gt|quot|#39|#x27|#34));/;
const GENERIC_STOP = /[\s,'"`<>\]}\\]|(?<!&(?:amp|lt|gt|quot|#39|#x27|#34));/;
/** Markup around a name in docs: `SECRET_KEY`, **SECRET_KEY**, "SECRET_KEY". */
const WRAPPERS = /^(?:\*\*|__|[`'"*_])/;
// `NAME || 'x'`, `NAME) ?? "x"`, `NAME'] or 'x'`: the operator must follow the name (and its closing
// quote/bracket) directly, or any `||` later on the line would be taken for a fallback.
const OR_FALLBACK = /^['"`]?[)\]]*[ \t]*(?:\|\||\?\?|\bor\b)[ \t]*(?=['"])/;
/** A shell-like name preceded by one of these is a reference or a path, not a binding. */
const SHELL_BAD_BEFORE = new Set(['$', '{', '%', '.', '[', '/', '\\']);

/**
 * In text of no known language only a backtick string surely interpolates (a JS template literal, a
 * shell substitution); a single-quoted one may itself sit inside a template literal or a double-quoted
 * command (`\`SECRET_KEY = '${key}'\``), so the format's default stays.
 */
function genericInterpolates(token: ValueToken): boolean | undefined {
  return token.quote === '`' ? true : undefined;
}

/** The candidate a quoted value makes in text of no known language. */
function quotedCandidate(name: string, quoted: ValueToken, form: Candidate['form']): Candidate {
  return {
    name,
    value: quoted.value,
    offset: quoted.offset,
    form,
    interpolates: genericInterpolates(quoted)
  };
}

/** A backtick-quoted value on one line. */
export function readBacktick(text: string, pos: number): ValueToken | null {
  if (text[pos] !== '`') return null;
  const end = text.indexOf('`', pos + 1);
  const newline = text.indexOf('\n', pos);
  if (end < 0 || (newline >= 0 && newline < end)) return null;
  return { value: text.slice(pos + 1, end), offset: pos + 1, end: end + 1, quoted: true, quote: '`' };
}

/** A value quoted with HTML entities, as rendered docs show code: `&quot;…&quot;`, `&#39;…&#39;`. */
function readEntityQuoted(text: string, pos: number): ValueToken | null {
  const open = /^&(?:quot|#39|#x27|#34);/.exec(text.slice(pos, pos + 6));
  if (!open) return null;
  const start = pos + open[0].length;
  const close = text.indexOf(open[0], start);
  const lineEnd = text.indexOf('\n', start);
  if (close < 0 || (lineEnd >= 0 && close > lineEnd)) return null;
  return { value: text.slice(start, close), offset: start, end: close + open[0].length, quoted: true };
}

/** Is the name at `start` (preceded by `before`) a reference, a path or another object's attribute? */
function skipped(mode: NameValueMode, kind: NameKind, text: string, start: number, length: number): boolean {
  const before = text[start - 1] ?? '';
  if (mode === 'generic')
    return before === '$' || before === '{' || before === '%' || (kind === 'generic' && before === '.');
  if (mode === 'line' || mode === 'prose') return before !== '' && '${%.[/\\'.includes(before);
  // A `/` before the name is a path (`/run/secrets/SECRET_KEY`) unless a sed edit writes `NAME = '…'`.
  if (!SHELL_BAD_BEFORE.has(before)) return false;
  return !(before === '/' && /^[ \t]*=[ \t]*['"]/.test(text.slice(start + length, start + length + 8)));
}

/** Every `NAME sep value` binding in `text`, read the way `mode` says. */
export function readNameValues(text: string, names: readonly string[], mode: NameValueMode): Candidate[] {
  const found: Candidate[] = [];
  const regex = nameRegex(names);
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    const kind = nameKind(match[0], names);
    if (!kind) continue;
    // `${NAME:-<lit>}` binds its default wherever it stands (a command argument, another variable's
    // value) in every format that interpolates; loose lines are comments and prose.
    if (
      mode !== 'line' &&
      mode !== 'prose' &&
      text[match.index - 1] === '{' &&
      text[match.index - 2] === '$'
    ) {
      const resume = bindDefault(text, match.index + match[0].length, match[0], found);
      if (resume !== undefined) regex.lastIndex = Math.max(regex.lastIndex, resume);
      continue;
    }
    if (skipped(mode, kind, text, match.index, match[0].length)) continue;
    const resume =
      mode === 'line' || mode === 'prose'
        ? bindLine(text, match.index, match[0], mode === 'prose', found)
        : mode === 'generic'
          ? bindGeneric(text, match.index, match[0], found)
          : bindShell(text, match.index, match[0], mode, found);
    // A name inside a value is part of the value; resuming after it keeps long runs linear.
    if (resume !== undefined) regex.lastIndex = Math.max(regex.lastIndex, resume);
  }
  return found;
}

/**
 * Only the `${NAME:-<lit>}` defaults of `text`, wherever they stand: for structured formats whose
 * parser may not see one whole (compose's `"${KEY:-"…"}"`, quotes inside quotes, is not valid YAML,
 * yet compose-style tools read the default).
 */
export function readDefaults(text: string, names: readonly string[]): Candidate[] {
  const found: Candidate[] = [];
  if (!text.includes('${')) return found;
  const regex = nameRegex(names);
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    if (text[match.index - 1] !== '{' || text[match.index - 2] !== '$' || !nameKind(match[0], names))
      continue;
    const resume = bindDefault(text, match.index + match[0].length, match[0], found);
    if (resume !== undefined) regex.lastIndex = Math.max(regex.lastIndex, resume);
  }
  return found;
}

/**
 * The default of `${NAME:-default}` (also `-`, `:=`, `=`) whose name ends at `pos`: quotes dropped, braces
 * balanced.
 */
function bindDefault(text: string, pos: number, name: string, found: Candidate[]): number | undefined {
  const operator = /^:?[-=]/.exec(text.slice(pos, pos + 2));
  if (!operator) return;
  const start = pos + operator[0].length;
  let depth = 0;
  let end = start;
  for (; end < text.length && end - start <= 512; end++) {
    const ch = text[end];
    if (ch === '\n') return;
    if (ch === '{') depth++;
    else if (ch === '}' && depth-- === 0) break;
  }
  if (text[end] !== '}') return;
  let value = text.slice(start, end);
  let offset = start;
  const quoted = /^(["'])([\s\S]*)\1$/.exec(value);
  if (quoted) {
    value = quoted[2]!;
    offset++;
  }
  if (value.trim() !== '') found.push({ name, value, offset, form: 'fallback' });
  return end + 1;
}

/**
 * `NAME = value` / `NAME: value` on one line of loose text (`start`..`end` of `text`). Quoted values
 * count when they are one word; bare values after `=` when they end the line or look like a key;
 * bare values after `:` (the shape of prose and of YAML documentation) only when they look like a key.
 */
export function extractLooseLine(
  text: string,
  start: number,
  end: number,
  names: readonly string[],
  prose = false
): Candidate[] {
  const line = text.slice(start, end);
  const mode = prose ? 'prose' : 'line';
  // Each name reads ahead to its value's end: cut a huge line so that stays bounded.
  const found =
    line.length > 2048
      ? inPieces(line, (piece) => readNameValues(piece, names, mode))
      : readNameValues(line, names, mode);
  return found.map((candidate) => ({ ...candidate, offset: candidate.offset + start }));
}

/** The value after `NAME` in one line of loose text. Never skips ahead (returns undefined). */
function bindLine(line: string, start: number, name: string, prose: boolean, found: Candidate[]): undefined {
  let pos = start + name.length;
  const wrapper = WRAPPERS.exec(line.slice(pos, pos + 2));
  if (wrapper && line.slice(start - wrapper[0].length, start) === wrapper[0]) pos += wrapper[0].length;
  pos = skipBlanks(line, pos);
  const separator = SEPARATOR.exec(line.slice(pos, pos + 3));
  if (!separator) return;
  pos = skipBlanks(line, pos + separator[0].length);
  const quoted = readQuoted(line, pos) ?? readBacktick(line, pos);
  if (quoted) {
    if (!/\s/.test(quoted.value) && (!prose || looksKeyLike(quoted.value) || quoted.value === ''))
      found.push(quotedCandidate(name, quoted, 'assign'));
    return;
  }
  const bare = readBare(line, pos, LINE_STOP);
  if (bare.value === '') return;
  const endsLine = /^\s*$/.test(line.slice(bare.end));
  if (looksKeyLike(bare.value) || (!prose && separator[0] !== ':' && endsLine))
    found.push({ name, value: bare.value, offset: bare.offset, form: 'assign' });
}

/** `NAME: value`, `NAME = "value"`, `"NAME" => 'value'`, `process.env.NAME || 'value'`. */
function bindGeneric(text: string, start: number, name: string, found: Candidate[]): number | undefined {
  const before = text[start - 1] ?? '';
  let pos = start + name.length;
  const quotedName = `"'\``.includes(text[pos] ?? '') && text[pos] === before;
  const fallback = OR_FALLBACK.exec(lineRest(text, pos));
  // A quoted name is a lookup only when it closes a call or subscript (`env['SECRET_KEY'] ||`);
  // followed by a comma it is data (`rule: 'secret-key', ... ?? 'error'`), not a binding.
  if (fallback && (!quotedName || /[)\]]/.test(text[pos + 1] ?? ''))) {
    const quoted = readQuoted(text, pos + fallback[0].length);
    if (quoted) found.push(quotedCandidate(name, quoted, 'fallback'));
    return;
  }
  if (quotedName) pos++;
  // A subscript assignment: `node['django']['secret_key'] = '…'` (Ruby, PHP, JS).
  if (quotedName && text[pos] === ']' && text[start - 2] === '[') pos++;
  pos = skipBlanks(text, pos);
  const separator = SEPARATOR.exec(text.slice(pos, pos + 3));
  if (!separator) return;
  pos = skipBlanks(text, pos + separator[0].length);
  const quoted = readQuoted(text, pos) ?? readBacktick(text, pos) ?? readEntityQuoted(text, pos);
  if (quoted) {
    found.push(quotedCandidate(name, quoted, 'assign'));
    return quoted.end;
  }
  const bare = readBare(text, pos, GENERIC_STOP);
  if (looksKeyLike(bare.value)) {
    found.push({ name, value: bare.value, offset: bare.offset, form: 'assign' });
    return bare.end;
  }
  // `SECRET_KEY = process.env.SECRET_KEY ?? '<lit>'`: code, then a literal fallback.
  const orElse = OR_FALLBACK.exec(lineRest(text, bare.end));
  const literal = orElse ? readQuoted(text, bare.end + orElse[0].length) : null;
  if (literal)
    found.push({
      name,
      value: literal.value,
      offset: literal.offset,
      form: 'fallback',
      interpolates: genericInterpolates(literal)
    });
  return bare.end;
}
