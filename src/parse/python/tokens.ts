/**
 * A small Python tokenizer for the secret-key extractor: names, numbers, strings (every prefix,
 * single/triple quotes, escapes), operators, brackets with their partners, logical NEWLINEs and
 * comments. Linear time, never throws: invalid input (Python 2, stray brackets, unterminated
 * strings) becomes error tokens and the scan goes on.
 */

export const NAME = 1;
export const NUMBER = 2;
export const STRING = 3;
/** A triple-quoted string. */
export const STRING3 = 4;
export const OP = 5;
/** End of a logical line (a newline outside brackets). */
export const NEWLINE = 6;
export const ERROR = 7;

export interface Tokens {
  text: string;
  count: number;
  type: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /**
   * Open bracket → its closing partner (`count` when unclosed); close bracket → its opener (-1 when
   * stray); any other token → the innermost open bracket around it (-1 at the top level).
   */
  link: Int32Array;
  /** Comment ranges as [start, end) pairs, the `#` included. */
  comments: number[];
}

const OPS3 = new Set(['**=', '//=', '>>=', '<<=', '...']);
const OPS2 = new Set([
  '==',
  '!=',
  '<=',
  '>=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
  '->',
  ':=',
  '**',
  '//',
  '<<',
  '>>',
  '<>'
]);
const STRING_PREFIXES = new Set(['r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt', 'ur']);
// A line at column 0 that starts like this cannot be inside brackets: an unclosed bracket above was
// a mistake (invalid code), so bracket tracking restarts rather than swallowing the rest of the file.
const TOP_LEVEL = /^(?:def|class|import|from|async def)[ \t]/;

function isIdentStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code >= 128;
}

const OPERATOR_CHARS = new Uint8Array(128);
for (const ch of '+-*/%@&|^~<>=!.,:;') OPERATOR_CHARS[ch.charCodeAt(0)] = 1;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isIdentPart(code: number): boolean {
  return isIdentStart(code) || (code >= 48 && code <= 57);
}

class Builder {
  count = 0;
  type = new Uint8Array(0);
  start = new Int32Array(0);
  end = new Int32Array(0);
  link = new Int32Array(0);

  constructor(capacity: number) {
    this.grow(capacity);
  }

  private grow(capacity: number): void {
    const copy = <T extends Uint8Array | Int32Array>(old: T, next: T): T => {
      next.set(old.subarray(0, this.count));
      return next;
    };
    this.type = copy(this.type, new Uint8Array(capacity));
    this.start = copy(this.start, new Int32Array(capacity));
    this.end = copy(this.end, new Int32Array(capacity));
    this.link = copy(this.link, new Int32Array(capacity));
  }

  push(type: number, start: number, end: number, link: number): number {
    if (this.count === this.type.length) this.grow(this.type.length * 2 + 16);
    const index = this.count++;
    this.type[index] = type;
    this.start[index] = start;
    this.end[index] = end;
    this.link[index] = link;
    return index;
  }
}

/**
 * Where a string opened at `quoteAt` closes (the offset just past its closing quote), or -1.
 * `failedUntil` memoises failures per quote kind: once a search from p finds no closing quote up
 * to offset E, no later opening before E can find one either, which keeps lines full of stray
 * quotes linear.
 */
function closeString(
  text: string,
  quoteAt: number,
  triple: boolean,
  failedUntil: Map<string, number>
): number {
  const quote = text[quoteAt]!;
  const kind = triple ? quote + quote + quote : quote;
  if (quoteAt < (failedUntil.get(kind) ?? -1)) return -1;
  let i = quoteAt + kind.length;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === quote) {
      if (!triple) return i + 1;
      if (text[i + 1] === quote && text[i + 2] === quote) return i + 3;
    } else if (ch === '\n' && !triple) {
      break;
    }
  }
  failedUntil.set(kind, i);
  return -1;
}

/** Tokenize Python source. */
export function tokenize(text: string): Tokens {
  const length = text.length;
  // Code holds about one token per 4–8 characters; blanked documents far fewer. push() doubles.
  const tokens = new Builder(Math.min((length >> 3) + 16, 1 << 16));
  const comments: number[] = [];
  const open: number[] = [];
  const failedUntil = new Map<string, number>();
  const top = () => (open.length ? open[open.length - 1]! : -1);
  const newline = (at: number) => {
    if (tokens.count > 0 && tokens.type[tokens.count - 1] !== NEWLINE) tokens.push(NEWLINE, at, at + 1, -1);
  };
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 13 || code === 12) {
      i++;
    } else if (code === 10) {
      if (open.length && TOP_LEVEL.test(text.slice(i + 1, i + 11))) open.length = 0;
      if (!open.length) newline(i);
      i++;
    } else if (code === 35 /* # */) {
      const eol = text.indexOf('\n', i);
      const end = eol < 0 ? length : eol;
      comments.push(i, end);
      i = end;
    } else if (code === 92 /* \ */) {
      // Line continuation (or a stray backslash: an error token).
      const next = text.charCodeAt(i + 1) === 13 ? i + 2 : i + 1;
      if (text.charCodeAt(next) === 10) i = next + 1;
      else tokens.push(ERROR, i, ++i, top());
    } else if (isIdentStart(code)) {
      let end = i + 1;
      while (end < length && isIdentPart(text.charCodeAt(end))) end++;
      const quote = text.charCodeAt(end);
      if (
        (quote === 34 || quote === 39) &&
        end - i <= 2 &&
        STRING_PREFIXES.has(text.slice(i, end).toLowerCase())
      ) {
        i = readString(i, end);
      } else {
        tokens.push(NAME, i, end, top());
        i = end;
      }
    } else if (code === 34 || code === 39) {
      i = readString(i, i);
    } else if (isDigit(code) || (code === 46 && isDigit(text.charCodeAt(i + 1)))) {
      const hex = code === 48 && (text.charCodeAt(i + 1) | 32) === 120;
      let end = i + 1;
      for (; end < length; end++) {
        const c = text.charCodeAt(end);
        const sign = (c === 43 || c === 45) && !hex && (text.charCodeAt(end - 1) | 32) === 101;
        if (!(isIdentPart(c) || c === 46 || sign)) break;
      }
      tokens.push(NUMBER, i, end, top());
      i = end;
    } else if (code === 40 || code === 91 || code === 123) {
      open.push(tokens.push(OP, i, i + 1, top()));
      i++;
    } else if (code === 41 || code === 93 || code === 125) {
      const opener = open.length ? open.pop()! : -1;
      const index = tokens.push(OP, i, i + 1, opener);
      if (opener >= 0) tokens.link[opener] = index;
      i++;
    } else if (code < 128 && OPERATOR_CHARS[code]) {
      const width = OPS3.has(text.slice(i, i + 3)) ? 3 : OPS2.has(text.slice(i, i + 2)) ? 2 : 1;
      if (code === 59 /* ; */ && !open.length) newline(i);
      else tokens.push(code === 33 /* ! */ && width === 1 ? ERROR : OP, i, i + width, top());
      i += width;
    } else {
      tokens.push(ERROR, i, i + 1, top());
      i++;
    }
  }
  // Unclosed brackets extend to the end.
  for (const opener of open) tokens.link[opener] = tokens.count;
  return {
    text,
    count: tokens.count,
    type: tokens.type,
    start: tokens.start,
    end: tokens.end,
    link: tokens.link,
    comments
  };

  /** A string whose prefix starts at `start` and whose opening quote is at `quoteAt`. */
  function readString(start: number, quoteAt: number): number {
    const quote = text[quoteAt]!;
    const triple = text[quoteAt + 1] === quote && text[quoteAt + 2] === quote;
    const end = closeString(text, quoteAt, triple, failedUntil);
    if (end >= 0) {
      tokens.push(triple ? STRING3 : STRING, start, end, top());
      return end;
    }
    // Unterminated: an error token for the opening quote, then carry on after it.
    tokens.push(ERROR, start, quoteAt + 1, top());
    return quoteAt + 1;
  }
}

/** The text of token `i`. */
export function tokenText(tokens: Tokens, i: number): string {
  return i >= 0 && i < tokens.count ? tokens.text.slice(tokens.start[i], tokens.end[i]) : '';
}

/** Is token `i` the operator `op`? */
export function isOp(tokens: Tokens, i: number, op: string): boolean {
  if (i < 0 || i >= tokens.count || tokens.type[i] !== OP) return false;
  const start = tokens.start[i]!;
  return tokens.end[i]! - start === op.length && tokens.text.startsWith(op, start);
}

/** Is token `i` the name (or keyword) `word`? */
export function isWord(tokens: Tokens, i: number, word: string): boolean {
  if (i < 0 || i >= tokens.count || tokens.type[i] !== NAME) return false;
  const start = tokens.start[i]!;
  return tokens.end[i]! - start === word.length && tokens.text.startsWith(word, start);
}

/** Does token `i` start a logical line? */
export function atStatementStart(tokens: Tokens, i: number): boolean {
  return i === 0 || tokens.type[i - 1] === NEWLINE;
}

export interface StringParts {
  /** Offset of the first character inside the quotes. */
  contentStart: number;
  contentEnd: number;
  raw: boolean;
  bytes: boolean;
  formatted: boolean;
}

/** Prefix, quotes and content range of string token `i`. */
export function stringParts(tokens: Tokens, i: number): StringParts {
  const { text } = tokens;
  const start = tokens.start[i]!;
  let quoteAt = start;
  while (text[quoteAt] !== '"' && text[quoteAt] !== "'") quoteAt++;
  const prefix = text.slice(start, quoteAt).toLowerCase();
  const width = tokens.type[i] === STRING3 ? 3 : 1;
  return {
    contentStart: quoteAt + width,
    contentEnd: tokens.end[i]! - width,
    raw: prefix.includes('r'),
    bytes: prefix.includes('b'),
    formatted: prefix.includes('f') || prefix.includes('t')
  };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v'
};

/**
 * The value of string token `i`, escapes applied (`\n`, `\x41`, `\u00e9`, octal, line
 * continuations). Null for an f-string with replacement fields: its value is computed.
 */
export function stringValue(tokens: Tokens, i: number): string | null {
  const parts = stringParts(tokens, i);
  const body = tokens.text.slice(parts.contentStart, parts.contentEnd);
  if (parts.formatted && /\{(?!\{)/.test(body.replace(/\{\{/g, ''))) return null;
  let value = parts.raw ? body : unescape(body, parts.bytes);
  if (parts.formatted) value = value.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  return value;
}

/**
 * The static text of string token `i`: an f-string's replacement fields become `hole` (nested
 * braces included), everything else as stringValue reads it. For readers that look at the lines an
 * f-string writes, whose other lines have fields.
 */
export function stringTemplate(tokens: Tokens, i: number, hole: string): string {
  const parts = stringParts(tokens, i);
  const body = tokens.text.slice(parts.contentStart, parts.contentEnd);
  if (!parts.formatted) return stringValue(tokens, i) ?? '';
  let out = '';
  let depth = 0;
  for (let k = 0; k < body.length; k++) {
    const ch = body[k]!;
    if (depth > 0) {
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
    } else if ((ch === '{' || ch === '}') && body[k + 1] === ch) {
      out += ch;
      k++;
    } else if (ch === '{') {
      depth = 1;
      out += hole;
    } else out += ch;
  }
  return parts.raw ? out : unescape(out, parts.bytes);
}

function unescape(body: string, bytes: boolean): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[++i]!;
    if (next === '\n') continue;
    if (next === '\r' && body[i + 1] === '\n') {
      i++;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
    } else if (next >= '0' && next <= '7') {
      let digits = next;
      while (digits.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) digits += body[++i];
      out += String.fromCharCode(parseInt(digits, 8));
    } else if (next === 'x' || (!bytes && (next === 'u' || next === 'U'))) {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + width);
      const point = /^[0-9a-fA-F]+$/.test(hex) && hex.length === width ? parseInt(hex, 16) : -1;
      if (point >= 0 && point <= 0x10ffff) {
        out += String.fromCodePoint(point);
        i += width;
      } else {
        out += '\\' + next;
      }
    } else {
      out += '\\' + next; // unknown escapes (and \N{...}) stay as written
    }
  }
  return out;
}
