/**
 * A tolerant TOML reader (also enough of HCL for `.tfvars` and `name = "value"` blocks): tables,
 * dotted and quoted keys, the four string forms, arrays and inline tables over several lines.
 * Each `[table]` becomes a map under the root keyed by its last name segment, which is all the
 * tree walk needs (the key, the parent key of a list, and siblings). Never throws.
 */
import { LocatedBuilder } from './located.js';
import { readMembers, skipBalanced } from './tree.js';
import type { Brackets, Entry, MapNode, ScalarNode, TreeNode } from './tree.js';

const ARRAY: Brackets = { close: ']', wrongClose: '}', separators: ',' };
const TABLE: Brackets = { close: '}', wrongClose: ']', separators: ',' };

const MAX_DEPTH = 100;
const ESCAPES: Record<string, string> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  e: '\x1b',
  '"': '"',
  '\\': '\\'
};
const BARE_KEY = /[A-Za-z0-9_-]/;

/** Parse TOML text into one root map; `onComment` sees each comment (start, end). */
export function parseToml(text: string, onComment: (start: number, end: number) => void): MapNode {
  return new TomlReader(text, onComment).parse();
}

class TomlReader {
  pos = 0;
  constructor(
    readonly text: string,
    private readonly onComment: (start: number, end: number) => void
  ) {}

  parse(): MapNode {
    const root: MapNode = { kind: 'map', entries: [] };
    let current = root;
    const text = this.text;
    while (this.pos < text.length) {
      this.blanks();
      const ch = text[this.pos];
      if (ch === undefined) break;
      const lineStart = this.pos;
      if (ch === '\n' || ch === '\r') {
        this.pos++;
      } else if (ch === '#') {
        this.toLineEnd();
      } else if (ch === '[') {
        const keys = this.header();
        current = { kind: 'map', entries: [] };
        if (keys.length > 0) root.entries.push({ key: keys[keys.length - 1]!, value: current });
        this.toLineEnd();
      } else {
        const entry = this.keyValue(0);
        if (entry) current.entries.push(entry);
        if (this.pos === lineStart) this.pos++;
        this.toLineEnd();
      }
    }
    return root;
  }

  private blanks(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  /** Whitespace, newlines and comments inside arrays and tables. */
  skip(): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') this.pos++;
      else if (ch === '#') this.comment();
      else return;
    }
  }

  private comment(): void {
    const start = this.pos;
    const end = this.text.indexOf('\n', start);
    this.pos = end < 0 ? this.text.length : end;
    this.onComment(start, this.pos);
  }

  /** Skip the rest of the line, reporting a trailing comment. */
  private toLineEnd(): void {
    const text = this.text;
    while (this.pos < text.length && text[this.pos] !== '\n') {
      if (text[this.pos] === '#') {
        this.comment();
        return;
      }
      if (text[this.pos] === '"' || text[this.pos] === "'") this.string();
      else this.pos++;
    }
  }

  private header(): ScalarNode[] {
    this.pos += this.text[this.pos + 1] === '[' ? 2 : 1;
    return this.keys();
  }

  /** `a.b."c d"`: the segments of a dotted key. */
  private keys(): ScalarNode[] {
    const keys: ScalarNode[] = [];
    for (;;) {
      this.blanks();
      const ch = this.text[this.pos];
      if (ch === '"' || ch === "'") keys.push(this.string());
      else {
        const start = this.pos;
        while (this.pos < this.text.length && BARE_KEY.test(this.text[this.pos]!)) this.pos++;
        if (this.pos === start) return keys;
        keys.push({
          kind: 'scalar',
          value: this.text.slice(start, this.pos),
          offset: start,
          style: 'string'
        });
      }
      this.blanks();
      if (this.text[this.pos] !== '.') return keys;
      this.pos++;
    }
  }

  /** `key = value`, or an HCL block `name "label" { ... }`. */
  private keyValue(depth: number): Entry | null {
    const keys = this.keys();
    if (keys.length === 0) return null;
    const key = keys[keys.length - 1]!;
    this.blanks();
    while (this.text[this.pos] === '"') {
      this.string();
      this.blanks();
    }
    const ch = this.text[this.pos];
    if (ch === '=' || ch === ':') {
      this.pos++;
      this.blanks();
      return { key, value: this.value(depth + 1) };
    }
    if (ch === '{') return { key, value: this.value(depth + 1) };
    return null;
  }

  private value(depth: number): TreeNode | null {
    const text = this.text;
    const ch = text[this.pos];
    if (ch === '"' || ch === "'") return this.string();
    if (ch === '[' || ch === '{') {
      if (depth > MAX_DEPTH) return skipBalanced(this, () => this.string());
      return ch === '[' ? this.array(depth) : this.table(depth);
    }
    const start = this.pos;
    while (this.pos < text.length && !/[\s,\]}#]/.test(text[this.pos]!)) this.pos++;
    if (this.pos === start) return null;
    return { kind: 'scalar', value: text.slice(start, this.pos), offset: start, style: 'keyword' };
  }

  private array(depth: number): TreeNode {
    return { kind: 'seq', items: readMembers(this, ARRAY, () => this.value(depth + 1)) };
  }

  private table(depth: number): TreeNode {
    return { kind: 'map', entries: readMembers(this, TABLE, () => this.keyValue(depth + 1)) };
  }

  /** Basic `"..."`, literal `'...'`, and their multi-line `"""`/`'''` forms. */
  private string(): ScalarNode {
    const text = this.text;
    const quote = text[this.pos]!;
    const multi = text.startsWith(quote.repeat(3), this.pos);
    let i = this.pos + (multi ? 3 : 1);
    if (multi && text[i] === '\r') i++;
    if (multi && text[i] === '\n') i++;
    const start = i;
    const builder = new LocatedBuilder();
    let runStart = i;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (ch === quote && (!multi || text.startsWith(quote.repeat(3), i))) {
        // `""""` ends with one quote of content: the closing delimiter is the last three.
        let extra = 0;
        while (multi && extra < 2 && text[i + 3 + extra] === quote) extra++;
        i += extra;
        break;
      }
      if (ch === '\n' && !multi) break;
      if (ch !== '\\' || quote === "'") continue;
      builder.add(text.slice(runStart, i), runStart);
      const next = text[i + 1] ?? '';
      const hex = next === 'u' ? 4 : next === 'U' ? 8 : next === 'x' ? 2 : 0;
      if (
        hex > 0 &&
        /^[0-9a-fA-F]+$/.test(text.slice(i + 2, i + 2 + hex)) &&
        text.slice(i + 2, i + 2 + hex).length === hex
      ) {
        const code = parseInt(text.slice(i + 2, i + 2 + hex), 16);
        builder.add(code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd', i);
        i += 1 + hex;
      } else if (multi && /[ \t\r\n]/.test(next)) {
        // Line-ending backslash: drop the break and the next line's indentation.
        let j = i + 1;
        while (j < text.length && /[ \t\r\n]/.test(text[j]!)) j++;
        i = j - 1;
      } else {
        builder.add(ESCAPES[next] ?? '\\' + next, i);
        i += 1;
      }
      runStart = i + 1;
    }
    builder.add(text.slice(runStart, Math.min(i, text.length)), runStart);
    this.pos = i >= text.length || text[i] === '\n' ? i : i + (multi ? 3 : 1);
    return { kind: 'scalar', ...builder.done(start), style: 'string' };
  }
}
