/**
 * parse/: readers of text formats that know nothing of SECRET_KEY: JSON (here), TOML, YAML, Python
 * tokens and expressions, Markdown/RST code regions, into one document tree (tree.ts) of located strings.
 *
 * The one JSON reader. JSON as tools write it and people edit it: comments, trailing commas,
 * single quotes, JSON5 bare keys, NDJSON, a BOM — read into the document tree (tree.ts) with every
 * string remembering where its characters sit in the file, so findings report the file's own line
 * even inside escapes. Linear, never throws. Plus `parseJsonText` (strict, for package.json and
 * config) and per-character maps for readers that re-read a decoded string (notebook cells).
 */
import { LocatedBuilder, type Located } from './located.js';
import { readMembers, skipBalanced, valueAfterColon } from './tree.js';
import type { Brackets, Entry, ScalarNode, TreeNode } from './tree.js';

// A stray `:` in an array and a doubled `,` anywhere are passed over; the other kind's closer ends both.
const OBJECT: Brackets = { close: '}', wrongClose: ']', separators: ',:' };
const ARRAY: Brackets = { close: ']', wrongClose: '}', separators: ',:' };

/**
 * `JSON.parse` after dropping one leading byte-order mark: npm and node read such a package.json, so do we.
 */
export function parseJsonText(text: string): unknown {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/** Is `text` strict JSON (a BOM allowed)? */
export function isStrictJson(text: string): boolean {
  try {
    parseJsonText(text);
    return true;
  } catch {
    return false;
  }
}

/** Every top-level value of `text`, read tolerantly (NDJSON and stray characters included). */
export function readJson(text: string): TreeNode[] {
  return new JsonReader(text).all();
}

/** The one value starting at `pos` (a record inside code), and where it ends. */
export function readJsonValueAt(text: string, pos: number): { node: TreeNode | null; end: number } {
  const reader = new JsonReader(text, pos);
  const node = reader.value(0);
  return { node, end: Math.max(reader.pos, pos + 1) };
}

/** The quoted string starting at `pos` (its opening quote), decoded and located. */
export function readJsonString(text: string, pos: number): ScalarNode {
  return new JsonReader(text, pos).string();
}

const MAX_DEPTH = 200;
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };
const TOKEN_STOP = /[\s,:[\]{}"'/]/;

class JsonReader {
  constructor(
    readonly text: string,
    public pos = 0
  ) {}

  /** Every top-level value (tolerates NDJSON and stray characters). */
  all(): TreeNode[] {
    const nodes: TreeNode[] = [];
    while (this.pos < this.text.length) {
      this.skip();
      if (this.pos >= this.text.length) break;
      const before = this.pos;
      const node = this.value(0);
      if (node) nodes.push(node);
      if (this.pos === before) this.pos++;
    }
    return nodes;
  }

  skip(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const ch = text[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\ufeff') this.pos++;
      else if (ch === '/' && text[this.pos + 1] === '/') {
        const end = text.indexOf('\n', this.pos);
        this.pos = end < 0 ? text.length : end;
      } else if (ch === '/' && text[this.pos + 1] === '*') {
        const end = text.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? text.length : end + 2;
      } else break;
    }
  }

  value(depth: number): TreeNode | null {
    this.skip();
    const ch = this.text[this.pos];
    if (ch === '{' || ch === '[') {
      if (depth > MAX_DEPTH) return skipBalanced(this, () => this.string());
      return ch === '{' ? this.object(depth) : this.array(depth);
    }
    if (ch === '"' || ch === "'") return this.string();
    return this.token();
  }

  private object(depth: number): TreeNode {
    const entries = readMembers(this, OBJECT, (): Entry | null => {
      const ch = this.text[this.pos];
      const key = ch === '"' || ch === "'" ? this.string() : this.token();
      const value = valueAfterColon(this, () => this.value(depth + 1));
      return key ? { key, value } : null;
    });
    return { kind: 'map', entries };
  }

  private array(depth: number): TreeNode {
    return { kind: 'seq', items: readMembers(this, ARRAY, () => this.value(depth + 1)) };
  }

  /** A double- or single-quoted string; an unterminated one ends at the line end. */
  string(): ScalarNode {
    const text = this.text;
    const quote = text[this.pos];
    const start = this.pos + 1;
    const builder = new LocatedBuilder();
    let i = start;
    let runStart = i;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (ch === quote || ch === '\n') break;
      if (ch !== '\\') continue;
      builder.add(text.slice(runStart, i), runStart);
      const next = text[i + 1] ?? '';
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        builder.add(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), i);
        i += 5;
      } else if (next === '\n') {
        i += 1;
      } else {
        builder.add(ESCAPES[next] ?? next, i);
        i += 1;
      }
      runStart = i + 1;
    }
    builder.add(text.slice(runStart, i), runStart);
    this.pos = text[i] === quote ? i + 1 : i;
    return { kind: 'scalar', ...builder.done(start), style: 'string' };
  }

  /** Numbers, true/false/null, JSON5 bare keys: whatever runs up to the next delimiter. */
  private token(): ScalarNode | null {
    const start = this.pos;
    let end = start;
    while (end < this.text.length && !TOKEN_STOP.test(this.text[end]!)) end++;
    this.pos = end;
    if (end === start) return null;
    const value = this.text.slice(start, end);
    return {
      kind: 'scalar',
      value,
      offset: start,
      style: /^[A-Za-z_$][\w$]*$/.test(value) ? 'keyword' : 'string'
    };
  }
}

/** Decoded text with, for each character, its offset in the original file (plus one for the end). */
export interface Mapped {
  text: string;
  map: number[];
}

/** A located string as a per-character map (readers that slice and re-join decoded text need one). */
export function mapped(located: Located): Mapped {
  const { value, segments, offset } = located;
  const map = new Array<number>(value.length + 1);
  if (!segments || segments.length === 0) {
    for (let i = 0; i <= value.length; i++) map[i] = offset + i;
    return { text: value, map };
  }
  let segment = 0;
  for (let i = 0; i <= value.length; i++) {
    while (segment + 2 < segments.length && segments[segment + 2]! <= i) segment += 2;
    map[i] = segments[segment + 1]! + (i - segments[segment]!);
  }
  return { text: value, map };
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
