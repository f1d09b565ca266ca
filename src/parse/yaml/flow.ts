/**
 * YAML scalars and flow collections, shared by the block reader: quoted scalars with escapes and
 * line folding, plain-scalar typing, and `[...]`/`{...}` collections over any number of lines.
 */
import { LocatedBuilder } from '../located.js';
import { readMembers, skipBalanced, valueAfterColon } from '../tree.js';
import type { Brackets, Entry, MapNode, ScalarNode, SeqNode, TreeNode } from '../tree.js';

export const MAX_DEPTH = 100;

// A flow collection ends only at its own closer or the end of text; the other closer is passed over.
const SEQUENCE: Brackets = { close: ']', wrongClose: '', separators: ',}' };
const MAPPING: Brackets = { close: '}', wrongClose: '', separators: ',]' };
export const OPAQUE: TreeNode = { kind: 'opaque' };
export const MARKER = /^(?:---|\.\.\.)(?:[ \t]|$)/;
/**
 * Tags and anchors as people write them (`!Ref`, `!!str`, `!vault`, `&default`); a key that happens to start
 * with `!` or `&` is not one.
 */
export const PROPERTY = /^(?:!!?[A-Za-z][\w.:/-]*|!|&[\w.-]+)(?=[ \t,\]}]|$)/;
const DOUBLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029'
};

/** A YAML quoted scalar (`'it''s'`, `"a\tb"`), shared by the block and flow readers. */
export function readYamlQuoted(
  text: string,
  pos: number,
  limit: number,
  singleLine: boolean,
  parent = -1
): { node: ScalarNode; end: number } | null {
  const quote = text[pos];
  const builder = new LocatedBuilder();
  let i = pos + 1;
  while (i < limit) {
    const ch = text[i]!;
    if (ch === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        builder.add("'", i);
        i += 2;
        continue;
      }
      return { node: { kind: 'scalar', ...builder.done(pos + 1), style: 'string' }, end: i + 1 };
    }
    if (ch === '\\' && quote === '"' && i + 1 < limit) {
      const next = text[i + 1]!;
      const hex = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
      if (hex > 0 && /^[0-9a-fA-F]+$/.test(text.slice(i + 2, i + 2 + hex)) && i + 2 + hex <= limit) {
        const code = parseInt(text.slice(i + 2, i + 2 + hex), 16);
        builder.add(code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd', i);
        i += 2 + hex;
        continue;
      }
      if (next === '\n' || next === '\r') {
        i = skipLineBreak(text, i + 1);
        while (i < limit && (text[i] === ' ' || text[i] === '\t')) i++;
        continue;
      }
      builder.add(DOUBLE_ESCAPES[next] ?? '\\' + next, i);
      i += 2;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      if (singleLine) return null;
      // Fold: trailing blanks dropped, one break becomes a space, each further empty line a newline.
      let value = builder.value;
      const trimmed = value.replace(/[ \t]+$/, '');
      if (trimmed.length !== value.length) builder.value = value = trimmed;
      let breaks = 0;
      let j = i;
      for (;;) {
        j = skipLineBreak(text, j);
        const lineStart = j;
        while (j < limit && (text[j] === ' ' || text[j] === '\t')) j++;
        if (j < limit && (text[j] === '\n' || text[j] === '\r')) {
          breaks++;
          continue;
        }
        if (j >= limit || (j - lineStart <= parent && text[j] !== quote)) return null;
        break;
      }
      builder.add(breaks > 0 ? '\n'.repeat(breaks) : ' ', i);
      i = j;
      continue;
    }
    builder.add(ch, i);
    i++;
  }
  return null;
}

/** Plain `true`, `no`, `null`, `~` are not strings. */
export function plainStyle(value: string): 'string' | 'keyword' {
  return /^(?:true|false|yes|no|on|off|null|~)$/i.test(value) ? 'keyword' : 'string';
}

function skipLineBreak(text: string, i: number): number {
  if (text[i] === '\r') i++;
  if (text[i] === '\n') i++;
  return i;
}

/** `[a, b]`, `{name: SECRET_KEY, value: x}`: flow collections, possibly over several lines. */
export class FlowReader {
  constructor(
    readonly text: string,
    public pos: number,
    private readonly baseDepth: number
  ) {}

  node(depth = this.baseDepth): TreeNode | null {
    this.skip();
    const ch = this.text[this.pos];
    if (ch === undefined) return null;
    if (depth > MAX_DEPTH * 2) {
      this.pos++;
      return OPAQUE;
    }
    if ((ch === '[' || ch === '{') && depth > MAX_DEPTH) return skipBalanced(this);
    if (ch === '[') return this.sequence(depth);
    if (ch === '{') return this.mapping(depth);
    if (ch === '"' || ch === "'") {
      const quoted = readYamlQuoted(this.text, this.pos, this.text.length, false);
      if (quoted) {
        this.pos = quoted.end;
        return quoted.node;
      }
      this.pos++;
      return null;
    }
    let tag: string | undefined;
    let skipped = false;
    for (let property = this.property(); property; property = this.property()) {
      if (property.startsWith('!')) tag = property;
      this.pos += property.length;
      skipped = true;
    }
    if (!skipped) return this.plain();
    const ahead = this.text[this.pos];
    if (ahead === '!' || ahead === '&') return this.plain();
    const inner = this.node(depth + 1);
    if (tag === undefined) return inner;
    if (inner?.kind === 'scalar') inner.tag = tag;
    return inner?.kind === 'scalar' ? inner : OPAQUE;
  }

  private property(): string | undefined {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
    return PROPERTY.exec(this.text.slice(this.pos, this.pos + 200))?.[0];
  }

  skip(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const ch = text[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') this.pos++;
      else if (ch === '#' && /\s/.test(text[this.pos - 1] ?? ' ')) {
        while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
      } else break;
    }
  }

  private plain(): ScalarNode | null {
    const text = this.text;
    const start = this.pos;
    let end = start;
    while (end < text.length) {
      const ch = text[end]!;
      if (ch === ',' || ch === '[' || ch === ']' || ch === '{' || ch === '}' || ch === '\n') break;
      if (ch === ':' && /[\s,[\]{}]/.test(text[end + 1] ?? ' ')) break;
      if (ch === '#' && end > start && /\s/.test(text[end - 1]!)) break;
      end++;
    }
    this.pos = end;
    let trimmed = end;
    while (trimmed > start && /\s/.test(text[trimmed - 1]!)) trimmed--;
    if (trimmed === start) return null;
    if (text[start] === '*') return null;
    const value = text.slice(start, trimmed);
    return { kind: 'scalar', value, offset: start, style: plainStyle(value) };
  }

  private sequence(depth: number): SeqNode {
    const items = readMembers(this, SEQUENCE, (): TreeNode | null => {
      const item = this.node(depth + 1);
      this.skip();
      // `[a: 1]`: a single-pair map as the item.
      if (this.text[this.pos] !== ':' || item?.kind !== 'scalar') return item;
      this.pos++;
      return { kind: 'map', entries: [{ key: item, value: this.entryValue(depth + 1) }] };
    });
    return { kind: 'seq', items };
  }

  private mapping(depth: number): MapNode {
    const entries = readMembers(this, MAPPING, (): Entry | null => {
      const key = this.node(depth + 1);
      const value = valueAfterColon(this, () => this.entryValue(depth + 1));
      return key?.kind === 'scalar' ? { key, value } : null;
    });
    return { kind: 'map', entries };
  }

  private entryValue(depth: number): TreeNode | null {
    this.skip();
    const ch = this.text[this.pos];
    if (ch === undefined || ch === ',' || ch === '}' || ch === ']') return null;
    return this.node(depth);
  }
}
