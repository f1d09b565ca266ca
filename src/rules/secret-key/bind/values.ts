/** Reading one value token (quoted or bare) at a position: shared by the non-Python extractors. */
import { interpolationDefault } from '../../placeholder.js';

export interface ValueToken {
  value: string;
  /** Offset of the first character of the value (inside the quotes). */
  offset: number;
  /** Offset just past the token (past the closing quote). */
  end: number;
  quoted: boolean;
  /** The quote the value was written in, when quoted. */
  quote?: '"' | "'" | '`';
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  "'": "'",
  '\\': '\\',
  $: '$',
  '`': '`'
};

/**
 * A quoted string starting at `pos` (`'...'`, `"..."`): single quotes are raw, double quotes take
 * backslash escapes. Stops at the end of the line when unterminated, so a stray quote can't
 * swallow the file. Returns null when `pos` is not a quote.
 */
export function readQuoted(text: string, pos: number, allowNewlines = false): ValueToken | null {
  const quote = text[pos];
  if (quote !== '"' && quote !== "'") return null;
  let value = '';
  let i = pos + 1;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === quote) return { value, offset: pos + 1, end: i + 1, quoted: true, quote: quote as '"' | "'" };
    if (ch === '\n' && !allowNewlines) break;
    if (ch === '\\' && quote === '"' && i + 1 < text.length) {
      const next = text[i + 1]!;
      value += ESCAPES[next] ?? '\\' + next;
      i++;
      continue;
    }
    value += ch;
  }
  return null;
}

/**
 * Does `${…}` stay a reference in a value written with `token`'s quotes? Shells, dotenv readers
 * (python-dotenv, compose) and Docker interpolate bare and double-quoted words, never single-quoted
 * ones; unquoted, the format decides (undefined).
 */
export function quoteInterpolates(token: ValueToken): boolean | undefined {
  if (token.quote === "'") return false;
  return token.quote === '"' ? true : undefined;
}

/**
 * `stop` (a one-character class) or a newline, as a global regex: one native search instead of a test per
 * character.
 */
const STOP_FINDERS = new WeakMap<RegExp, RegExp>();

/** A bare token from `pos` up to the first character in `stop` (or end of line). */
export function readBare(text: string, pos: number, stop: RegExp): ValueToken {
  let finder = STOP_FINDERS.get(stop);
  if (!finder) {
    finder = new RegExp(`${stop.source}|\\n`, stop.flags.replace(/[gy]/g, '') + 'g');
    STOP_FINDERS.set(stop, finder);
  }
  finder.lastIndex = pos;
  const end = finder.exec(text)?.index ?? text.length;
  // Braces are read balanced, so `${SECRET_KEY:-default}`, `{env:SECRET_KEY:default}` and
  // `{{ var }}` stay one token for the classifier. Django's alphabet has no braces, so a real key
  // is never lengthened by this.
  if (!text.slice(pos, end + 1).includes('{'))
    return { value: text.slice(pos, end), offset: pos, end, quoted: false };
  return readBareBalanced(text, pos, stop);
}

function readBareBalanced(text: string, pos: number, stop: RegExp): ValueToken {
  let end = pos;
  let depth = 0;
  while (end < text.length && text[end] !== '\n') {
    const ch = text[end]!;
    if (ch === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    else if (depth === 0 && stop.test(ch)) break;
    end++;
  }
  return { value: text.slice(pos, end), offset: pos, end, quoted: false };
}

/**
 * How far extractors look around a name on the same line (line prefixes, `|| 'fallback'` tails).
 * Real code keeps these short; bounding them keeps a one-line multi-megabyte file linear, where an
 * unbounded look at "the rest of the line" per name would be quadratic.
 */
export const LINE_WINDOW = 256;

/**
 * Text from the start of `pos`'s line up to `pos`, or null when the line start is further back than `max`.
 */
export function linePrefix(text: string, pos: number, max = LINE_WINDOW): string | null {
  const from = Math.max(0, pos - max);
  const window = text.slice(from, pos);
  const newline = window.lastIndexOf('\n');
  if (newline >= 0) return window.slice(newline + 1);
  return from === 0 ? window : null;
}

/** Text from `pos` to the end of its line, at most `max` characters. */
export function lineRest(text: string, pos: number, max = LINE_WINDOW): string {
  const window = text.slice(pos, pos + max);
  const newline = window.indexOf('\n');
  return newline < 0 ? window : window.slice(0, newline);
}

/** Skip spaces and tabs (not newlines). */
export function skipBlanks(text: string, pos: number): number {
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t' || text[pos] === '\r')) pos++;
  return pos;
}

/**
 * Does a bare (unquoted) token in loose text look like a key rather than a word, a variable or a
 * path? Used where a bare word is more likely prose or code than a secret (generic files,
 * Markdown prose). Format extractors with real bare values (dotenv, YAML, INI) do not use it.
 */
export function looksKeyLike(token: string): boolean {
  const fallback = interpolationDefault(token);
  if (fallback !== undefined) return looksKeyLike(fallback);
  if (/[{}]/.test(token)) return false; // objects and templates: Django keys have no braces
  if (token.length < 16) return false;
  // An identifier, maybe closing a call (`KEY_FROM_VAULT)`, `settings.SECRET,`): a name, not a
  // literal. Letters and underscores only (digits at the end): a base62 key mixes digits in.
  if (/^[A-Za-z_$][A-Za-z_$]*\d{0,3}(?:\.[A-Za-z_$]+\d{0,3})*[)\]},;]*$/.test(token)) return false;
  if (/^[a-z]+(?:[-_][a-z]+)*$/i.test(token)) return false; // words
  if (/^(?:[A-Za-z_$][\w$]*\.)+[A-Za-z_$][\w$]*(?:\(.*)?$/.test(token)) return false; // a.b.c, a.b(...)
  // call(...): code arguments are words, quotes, dots and commas; a key's `(` is followed by symbols.
  if (/^[A-Za-z_][\w.]*\([\w.,'"=:\s()[\]]*$/.test(token)) return false;
  if (/^(?:\.{0,2}\/|~\/|[a-z]+:\/\/)/i.test(token)) return false; // paths and URLs
  return new Set(token).size >= 5;
}
