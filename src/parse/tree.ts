/** The document tree YAML, JSON and TOML are parsed into, and the tolerant collection reader they share. */
import type { Located } from './located.js';

export interface ScalarNode extends Located {
  kind: 'scalar';
  /** Text, or a token that is not a string (boolean, null, a TOML number or an HCL reference). */
  style: 'string' | 'keyword';
  tag?: string;
}
export interface MapNode {
  kind: 'map';
  entries: Entry[];
}
export interface SeqNode {
  kind: 'seq';
  items: TreeNode[];
}
/** Aliases, tagged references (`!Ref`, `!vault`), anything that is not a literal. */
export interface OpaqueNode {
  kind: 'opaque';
}
export type TreeNode = ScalarNode | MapNode | SeqNode | OpaqueNode;
export interface Entry {
  key: ScalarNode;
  value: TreeNode | null;
}

/** Where a tolerant parser is reading (its text and position), and how it passes blanks and comments. */
export interface Cursor {
  readonly text: string;
  pos: number;
  skip(): void;
}

/** After a map key: skip blanks; on a `:` read the value past it, else there is none (`{a, b: 1}`). */
export function valueAfterColon(cursor: Cursor, value: () => TreeNode | null): TreeNode | null {
  cursor.skip();
  if (cursor.text[cursor.pos] !== ':') return null;
  cursor.pos++;
  return value();
}

/** How a collection is delimited: its closer, the closer that stops it unclosed (or ''), its separators. */
export interface Brackets {
  close: string;
  wrongClose: string;
  separators: string;
}

/**
 * The members of a `{...}` or `[...]` collection, read tolerantly (JSON, TOML and YAML flow share
 * it): the opener is consumed, separators are passed over, `close` ends it, `wrongClose` (if given)
 * or the end of text stops it, and every step advances, so broken input can never loop. Each member
 * `member` reads (null when there is none) is returned in order.
 */
export function readMembers<T>(
  cursor: Cursor,
  { close, wrongClose, separators }: Brackets,
  member: () => T | null | undefined
): T[] {
  const members: T[] = [];
  cursor.pos++;
  for (;;) {
    cursor.skip();
    const ch = cursor.text[cursor.pos];
    if (ch === undefined || (wrongClose !== '' && ch === wrongClose)) return members;
    if (ch === close) {
      cursor.pos++;
      return members;
    }
    if (separators.includes(ch)) {
      cursor.pos++;
      continue;
    }
    const before = cursor.pos;
    const found = member();
    if (found) members.push(found);
    if (cursor.pos === before) cursor.pos++;
  }
}

/**
 * Past a collection nested deeper than a reader follows: brackets are counted; with `string` (which
 * reads one string at the cursor) a bracket inside a quoted string does not count.
 */
export function skipBalanced(cursor: Cursor, string?: () => void): OpaqueNode {
  let level = 0;
  while (cursor.pos < cursor.text.length) {
    const ch = cursor.text[cursor.pos];
    if (string && (ch === '"' || ch === "'")) {
      string();
      continue;
    }
    cursor.pos++;
    if (ch === '[' || ch === '{') level++;
    else if ((ch === ']' || ch === '}') && --level === 0) break;
  }
  return { kind: 'opaque' };
}
