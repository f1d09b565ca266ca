/**
 * Just enough JSON for notebooks: a parser that keeps where every string sits in the file, and a
 * decoder that maps each decoded character back to its offset, so a finding inside a cell is
 * reported on the file's own line. Linear, never throws (invalid JSON gives null).
 */

export type JsonNode =
  | { kind: 'object'; entries: Map<string, JsonNode> }
  | { kind: 'array'; items: JsonNode[] }
  /** `start` is the opening quote, `end` just past the closing one. */
  | { kind: 'string'; start: number; end: number }
  | { kind: 'other' };

/** Decoded text with, for each character, its offset in the original file (plus one for the end). */
export interface Mapped {
  text: string;
  map: number[];
}

const MAX_DEPTH = 200;
const OTHER: JsonNode = { kind: 'other' };

class Invalid extends Error {}

/** Parse JSON keeping string positions; null when the text is not JSON. */
export function parseJson(text: string): JsonNode | null {
  let pos = 0;
  const fail = (): never => {
    throw new Invalid();
  };
  const skip = () => {
    while (
      pos < text.length &&
      (text[pos] === ' ' || text[pos] === '\n' || text[pos] === '\r' || text[pos] === '\t')
    )
      pos++;
  };
  const string = (): JsonNode => {
    const start = pos;
    for (pos++; pos < text.length; pos++) {
      const ch = text[pos];
      if (ch === '\\') pos++;
      else if (ch === '"') return { kind: 'string', start, end: ++pos };
      else if (ch === '\n') break;
    }
    return fail();
  };
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail();
    skip();
    const ch = text[pos];
    if (ch === '"') return string();
    if (ch === '{') {
      pos++;
      const entries = new Map<string, JsonNode>();
      skip();
      if (text[pos] === '}') {
        pos++;
        return { kind: 'object', entries };
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') fail();
        const key = string() as { start: number; end: number };
        skip();
        if (text[pos++] !== ':') fail();
        entries.set(decode(text, key.start, key.end).text, value(depth + 1));
        skip();
        const next = text[pos++];
        if (next === '}') return { kind: 'object', entries };
        if (next !== ',') fail();
      }
    }
    if (ch === '[') {
      pos++;
      const items: JsonNode[] = [];
      skip();
      if (text[pos] === ']') {
        pos++;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(value(depth + 1));
        skip();
        const next = text[pos++];
        if (next === ']') return { kind: 'array', items };
        if (next !== ',') fail();
      }
    }
    const start = pos;
    while (pos < text.length && /[-+0-9.eEtrufalsn]/.test(text[pos]!)) pos++;
    return pos > start ? OTHER : fail();
  };
  try {
    const root = value(0);
    skip();
    return pos >= text.length ? root : null;
  } catch (error) {
    if (error instanceof Invalid) return null;
    throw error;
  }
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t'
};

/** Decode the JSON string literal at [start, end) (quotes included), mapping every character. */
export function decode(text: string, start: number, end: number): Mapped {
  let out = '';
  const map: number[] = [];
  for (let i = start + 1; i < end - 1; i++) {
    const ch = text[i]!;
    if (ch !== '\\') {
      out += ch;
      map.push(i);
      continue;
    }
    const next = text[i + 1] ?? '';
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
      map.push(i);
      i += 5;
    } else {
      out += ESCAPES[next] ?? next;
      map.push(i);
      i++;
    }
  }
  map.push(end - 1);
  return { text: out, map };
}

/** Join mapped pieces (a notebook `source` array) into one mapped text. */
export function join(pieces: readonly Mapped[], separator = ''): Mapped {
  let text = '';
  const map: number[] = [];
  pieces.forEach((piece, index) => {
    if (index > 0 && separator) {
      text += separator;
      for (let k = 0; k < separator.length; k++)
        map.push(pieces[index - 1]!.map[pieces[index - 1]!.map.length - 1]!);
    }
    text += piece.text;
    for (let k = 0; k < piece.text.length; k++) map.push(piece.map[k]!);
  });
  const last = pieces[pieces.length - 1];
  map.push(last ? last.map[last.map.length - 1]! : 0);
  return { text, map };
}

/** Drop ANSI colour sequences (tracebacks) while keeping the map aligned. */
export function stripAnsi(mapped: Mapped): Mapped {
  if (!mapped.text.includes('\x1b')) return mapped;
  let text = '';
  const map: number[] = [];
  const { text: source } = mapped;
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\x1b' && source[i + 1] === '[') {
      let j = i + 2;
      while (j < source.length && /[0-9;?]/.test(source[j]!)) j++;
      i = j; // the final letter of the sequence
      continue;
    }
    text += source[i];
    map.push(mapped.map[i]!);
  }
  map.push(mapped.map[source.length]!);
  return { text, map };
}

/** A sub-range of a mapped text. */
export function slice(mapped: Mapped, from: number, to = mapped.text.length): Mapped {
  return { text: mapped.text.slice(from, to), map: mapped.map.slice(from, to + 1) };
}
