/**
 * What fix/rotate may show of a file, line by line, masked by construction (DESIGN §6): in Python,
 * every string on a statement that mentions a secret-ish name (its whole span, so a key split
 * over lines is covered) and every comment that could hold code or a token; in dotenv/ini files
 * every value (`NAME=…`), whatever the name; anywhere, a line that still holds 8 characters of a
 * known secret is replaced whole. Uses the secret-key rule's own Python tokenizer.
 */
import { indexLines } from '../parse/lines.js';
import {
  ERROR,
  NEWLINE,
  STRING,
  STRING3,
  stringParts,
  tokenize,
  type Tokens
} from '../parse/python/tokens.js';

const SENSITIVE = /secret|key|passw|pwd|token|credential|salt|private|auth|dsn|database_url|api/i;
/** A comment that could hold code (a commented-out assignment) or a pasted token. */
const RISKY_COMMENT = /[='"`\\]|\S{16,}/;
const WINDOW = 8;
export const ELLIPSIS = '…';

/** The kind of masking a path gets. */
function kindOf(path: string): 'python' | 'env' | 'other' {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/\.pyw?$/.test(base)) return 'python';
  if (/^\.env(\..*)?$|\.env$|\.ini$|\.cfg$/i.test(base)) return 'env';
  return 'other';
}

/** Does `text` contain any 8-character window of any secret? */
export function holdsSecret(text: string, secrets: readonly string[]): boolean {
  for (const secret of secrets) {
    const chars = [...secret];
    if (chars.length < WINDOW) {
      if (chars.length >= 4 && text.includes(secret)) return true;
      continue;
    }
    for (let i = 0; i + WINDOW <= chars.length; i++)
      if (text.includes(chars.slice(i, i + WINDOW).join(''))) return true;
  }
  return false;
}

/** `NAME=…` for a dotenv/ini line: names, comments' presence and section headers only. */
function maskEnvLine(line: string): string {
  if (line.trim() === '') return line;
  if (/^\s*[#;]/.test(line))
    return line.replace(/^(\s*[#;]+).*$/, (_, lead: string) =>
      line.trim().length > lead.trim().length ? `${lead}${ELLIPSIS}` : lead
    );
  if (/^\s*\[[^\]]*\]\s*$/.test(line)) return line;
  const match = /^(\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*[=:])(.*)$/.exec(line);
  if (match) return match[2]!.trim() === '' ? line : `${match[1]}${ELLIPSIS}`;
  return ELLIPSIS;
}

/**
 * Lines covered by a statement that mentions a secret-ish name (as a name, a string or in a comment on it).
 */
function sensitiveLines(tokens: Tokens, lineOf: (offset: number) => number, lines: number): Uint8Array {
  const sensitive = new Uint8Array(lines);
  let first = 0;
  for (let i = 0; i <= tokens.count; i++) {
    if (i < tokens.count && tokens.type[i] !== NEWLINE) continue;
    if (i > first) {
      let hit = false;
      for (let j = first; j < i && !hit; j++)
        hit = SENSITIVE.test(tokens.text.slice(tokens.start[j]!, tokens.end[j]!));
      if (hit)
        for (
          let line = lineOf(tokens.start[first]!);
          line <= lineOf(Math.max(tokens.start[first]!, tokens.end[i - 1]! - 1));
          line++
        )
          sensitive[line] = 1;
    }
    first = i + 1;
  }
  return sensitive;
}

/** A string that is only a variable's name as the first argument of a call (`config('SECRET_KEY')`). */
function isNameArgument(tokens: Tokens, i: number, content: string): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(content)) return false;
  const before = i > 0 ? tokens.text.slice(tokens.start[i - 1]!, tokens.end[i - 1]!) : '';
  return (
    before === '(' && i > 1 && /^[A-Za-z_]/.test(tokens.text.slice(tokens.start[i - 2]!, tokens.end[i - 2]!))
  );
}

function maskPython(text: string, secrets: readonly string[]): string[] {
  const lines = text.split('\n');
  const { starts, lineOf } = indexLines(text);
  const tokens = tokenize(text);
  const sensitive = sensitiveLines(tokens, lineOf, lines.length);
  // Ranges [start, end) of the text to replace with one ellipsis per line they touch.
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < tokens.count; i++) {
    const type = tokens.type[i];
    if (type === STRING || type === STRING3) {
      const parts = stringParts(tokens, i);
      if (parts.contentEnd <= parts.contentStart) continue;
      const content = text.slice(parts.contentStart, parts.contentEnd);
      let onSensitive = false;
      for (
        let line = lineOf(parts.contentStart);
        line <= lineOf(parts.contentEnd - 1) && !onSensitive;
        line++
      )
        onSensitive = sensitive[line] === 1;
      const risky =
        onSensitive || type === STRING3 || /\S{24,}/.test(content) || holdsSecret(content, secrets);
      if (risky && !isNameArgument(tokens, i, content)) ranges.push([parts.contentStart, parts.contentEnd]);
    } else if (
      type === ERROR &&
      /['"]$/.test(text.slice(tokens.start[i]!, tokens.end[i]!)) &&
      sensitive[lineOf(tokens.start[i]!)]
    ) {
      // An unterminated string: everything after its quote on that line.
      const line = lineOf(tokens.start[i]!);
      ranges.push([tokens.end[i]!, starts[line]! + lines[line]!.length]);
    }
  }
  for (let c = 0; c < tokens.comments.length; c += 2) {
    const start = tokens.comments[c]!;
    const end = tokens.comments[c + 1]!;
    let body = start;
    while (text[body] === '#') body++;
    if (text[body] === ' ') body++;
    const comment = text.slice(body, end);
    if (
      body < end &&
      (RISKY_COMMENT.test(comment) ||
        (SENSITIVE.test(comment) && /\S{8,}/.test(comment.replace(/[A-Za-z]+/g, ''))) ||
        sensitive[lineOf(start)] ||
        holdsSecret(comment, secrets))
    ) {
      ranges.push([body, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  // Each range visits only the lines it touches (strings and comments do not overlap, so this is
  // linear): one pass over every range per line was quadratic in a file of many short strings.
  const out = [...lines];
  const built = new Map<number, { text: string; at: number }>();
  for (const [start, end] of ranges) {
    for (let line = lineOf(start); line <= lineOf(Math.max(start, end - 1)); line++) {
      const lineStart = starts[line]!;
      const lineEnd = lineStart + lines[line]!.length;
      if (end <= lineStart || start >= lineEnd) continue;
      const from = Math.max(start, lineStart);
      const to = Math.min(end, lineEnd);
      let piece = built.get(line);
      if (!piece) built.set(line, (piece = { text: '', at: lineStart }));
      if (from < piece.at) continue;
      piece.text += text.slice(piece.at, from) + ELLIPSIS;
      piece.at = to;
    }
  }
  for (const [line, piece] of built) {
    out[line] = piece.text + text.slice(piece.at, starts[line]! + lines[line]!.length);
  }
  return out;
}

/**
 * The lines of `text` (LF, no trailing newline split) as they may be shown for `path`. `secrets`
 * are the values this run knows (literals, .env values, new keys): belt and braces on top of the
 * structural masking.
 */
export function maskLines(path: string, text: string, secrets: readonly string[]): string[] {
  const kind = kindOf(path);
  const lines =
    kind === 'python'
      ? maskPython(text, secrets)
      : text.split('\n').map((line) => (kind === 'env' ? maskEnvLine(line) : line));
  return lines.map((line) => (holdsSecret(line, secrets) ? ELLIPSIS : line));
}

/** A sentence for the user with any known secret masked out (a last line of defence). */
export function maskText(text: string, secrets: readonly string[]): string {
  return text
    .split('\n')
    .map((line) => (holdsSecret(line, secrets) ? ELLIPSIS : line))
    .join('\n');
}
