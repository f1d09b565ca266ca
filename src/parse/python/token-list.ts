/**
 * The Python tokenizer (tokens.ts) as a flat list of token objects with comments in place and
 * bracket depth, for code that edits source rather than judges it (fix, rotate). A view of the one
 * tokenizer, not a second one: strings carry the value tokens.ts decodes (octal, \x, \u, \N stay
 * as Python reads them), so scanner and fixer can never disagree on a key.
 */
import { ERROR, NAME, NEWLINE, NUMBER, STRING, STRING3, stringValue, tokenize } from './tokens.js';

export type TokenKind = 'string' | 'comment' | 'name' | 'number' | 'op' | 'newline';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  text: string;
  /** Bracket depth before this token (a bracket has the depth outside it). */
  depth: number;
  /** A string's decoded value (null for an f-string with fields). */
  value?: string | null;
}

const KIND: Record<number, TokenKind> = {
  [NAME]: 'name',
  [NUMBER]: 'number',
  [STRING]: 'string',
  [STRING3]: 'string',
  [NEWLINE]: 'newline',
  [ERROR]: 'op'
};

/**
 * Tokens in source order. A comment at the top level ends its line like a statement does (a
 * `newline` follows it), so a run of comment lines is its own "statement"; the text ends with a
 * `newline` token.
 */
export function tokenList(text: string): Token[] {
  const tokens = tokenize(text);
  const out: Token[] = [];
  let depth = 0;
  let c = 0;
  const push = (token: Token) => out.push(token);
  let i = 0;
  const flushComments = (before: number) => {
    while (c < tokens.comments.length && tokens.comments[c]! < before) {
      const start = tokens.comments[c]!;
      const end = tokens.comments[c + 1]!;
      push({ kind: 'comment', start, end, text: text.slice(start, end), depth });
      c += 2;
      // A top-level comment closes its line, unless tokens.ts ends that line itself (code before it).
      const closedByTokenizer = i < tokens.count && tokens.type[i] === NEWLINE && tokens.start[i] === end;
      if (depth === 0 && !closedByTokenizer)
        push({ kind: 'newline', start: end, end: Math.min(end + 1, text.length), text: '\n', depth: 0 });
    }
  };
  for (; i < tokens.count; i++) {
    const start = tokens.start[i]!;
    const end = tokens.end[i]!;
    flushComments(start);
    const type = tokens.type[i]!;
    const tokenText = text.slice(start, end);
    if (type === NEWLINE) {
      if (out.length && out[out.length - 1]!.kind !== 'newline')
        push({ kind: 'newline', start, end, text: tokenText, depth: 0 });
      depth = 0;
      continue;
    }
    const kind = KIND[type] ?? 'op';
    if (kind === 'op' && (tokenText === ')' || tokenText === ']' || tokenText === '}'))
      depth = Math.max(0, depth - 1);
    const token: Token = { kind, start, end, text: tokenText, depth };
    if (kind === 'string') token.value = stringValue(tokens, i);
    push(token);
    if (kind === 'op' && (tokenText === '(' || tokenText === '[' || tokenText === '{')) depth++;
  }
  flushComments(text.length + 1);
  if (!out.length || out[out.length - 1]!.kind !== 'newline')
    push({ kind: 'newline', start: text.length, end: text.length, text: '', depth: 0 });
  return out;
}

/**
 * Token index ranges [first, last] of each simple statement (logical lines; `;` already ends one
 * in tokens.ts). The separator tokens themselves are excluded.
 */
export function statements(tokens: readonly Token[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let first = 0;
  tokens.forEach((token, index) => {
    if (token.kind !== 'newline') return;
    if (index > first) ranges.push([first, index - 1]);
    first = index + 1;
  });
  return ranges;
}
