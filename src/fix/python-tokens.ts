/**
 * A small Python tokenizer: just enough to find the span of a statement and of the literal inside
 * it (strings with prefixes and triple quotes, comments, brackets, backslash continuations).
 * The scanner's extractor says *where* a key is; this says *how far* the code around it reaches.
 */

export type TokenKind = 'string' | 'comment' | 'name' | 'number' | 'op' | 'newline';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  text: string;
  /** Bracket depth before this token. */
  depth: number;
}

const NAME_START = /[A-Za-z_\u00c0-\uffff]/;
const NAME_PART = /[A-Za-z0-9_\u00c0-\uffff]/;
const STRING_PREFIX = /^(?:[rRbBuUfF]{1,2})$/;

/** Where a string literal starting at `pos` (at its quote) ends; unterminated → end of line/text. */
function stringEnd(text: string, pos: number): number {
  const quote = text[pos]!;
  const triple = text.startsWith(quote.repeat(3), pos);
  const closing = triple ? quote.repeat(3) : quote;
  let i = pos + closing.length;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (!triple && ch === '\n') return i;
    if (text.startsWith(closing, i)) return i + closing.length;
    i++;
  }
  return text.length;
}

/** Tokenize Python source (LF line endings). Logical line ends are `newline` tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number) => {
    tokens.push({ kind, start, end, text: text.slice(start, end), depth });
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\f' || ch === '\r') {
      i++;
    } else if (ch === '\\' && text[i + 1] === '\n') {
      i += 2; // explicit line joining
    } else if (ch === '\n') {
      const last = tokens[tokens.length - 1];
      if (depth === 0 && last && last.kind !== 'newline') push('newline', i, i + 1);
      i++;
    } else if (ch === '#') {
      const end = text.indexOf('\n', i);
      push('comment', i, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    } else if (ch === '"' || ch === "'") {
      const end = stringEnd(text, i);
      push('string', i, end);
      i = end;
    } else if (NAME_START.test(ch)) {
      let end = i + 1;
      while (end < text.length && NAME_PART.test(text[end]!)) end++;
      if ((text[end] === '"' || text[end] === "'") && STRING_PREFIX.test(text.slice(i, end))) {
        const stop = stringEnd(text, end);
        push('string', i, stop);
        i = stop;
      } else {
        push('name', i, end);
        i = end;
      }
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      let end = i + 1;
      while (end < text.length && /[0-9A-Za-z_.]/.test(text[end]!)) end++;
      push('number', i, end);
      i = end;
    } else {
      const two = text.slice(i, i + 2);
      const width = ['==', '!=', '<=', '>=', '->', '**', '//', ':=', '+=', '-=', '*=', '/=', '|=', '&='].includes(two) ? 2 : 1;
      if (ch === '(' || ch === '[' || ch === '{') {
        push('op', i, i + 1);
        depth++;
      } else if (ch === ')' || ch === ']' || ch === '}') {
        depth = Math.max(0, depth - 1);
        push('op', i, i + 1);
      } else {
        push('op', i, i + width);
      }
      i += width;
    }
  }
  if (tokens.length && tokens[tokens.length - 1]!.kind !== 'newline') push('newline', text.length, text.length);
  return tokens;
}

/**
 * Token index ranges [first, last] of each simple statement: logical lines, split again at `;`.
 * The separator tokens themselves are excluded.
 */
export function statements(tokens: readonly Token[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let first = 0;
  tokens.forEach((token, index) => {
    const separator = token.kind === 'newline' || (token.kind === 'op' && token.text === ';' && token.depth === 0);
    if (!separator) return;
    if (index > first) ranges.push([first, index - 1]);
    first = index + 1;
  });
  return ranges;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** The value of one string token (prefix, quotes and escapes handled; f-string fields kept as text). */
export function stringValue(token: string): string {
  const quoteAt = token.search(/['"]/);
  const prefix = token.slice(0, quoteAt).toLowerCase();
  const quote = token[quoteAt]!;
  const triple = token.startsWith(quote.repeat(3), quoteAt);
  const width = triple ? 3 : 1;
  const body = token.endsWith(quote.repeat(width)) && token.length >= quoteAt + 2 * width
    ? token.slice(quoteAt + width, token.length - width)
    : token.slice(quoteAt + width);
  if (prefix.includes('r')) return body;
  return body.replace(/\\(\n|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[0-7]{1,3}|.)/g, (whole, escape: string) => {
    if (escape === '\n') return '';
    if (/^[0-7]+$/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    if (/^[xu]/.test(escape) && escape.length > 1) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return SIMPLE_ESCAPES[escape] ?? whole;
  });
}
