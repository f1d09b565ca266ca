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

/** Where a tolerant parser is reading: its text and position. */
export interface Cursor {
  readonly text: string;
  pos: number;
}

/**
 * The members of a `{...}` or `[...]` collection, read tolerantly (JSON, TOML and YAML flow share
 * it): the opener is consumed, `separators` are passed over, `close` ends it, `wrongClose` (if
 * given) or the end of text stops it, and every step advances, so broken input can never loop.
 */
export function readMembers(
  cursor: Cursor,
  skip: () => void,
  close: string,
  wrongClose: string,
  separators: string,
  member: () => void
): void {
  cursor.pos++;
  for (;;) {
    skip();
    const ch = cursor.text[cursor.pos];
    if (ch === undefined || (wrongClose !== '' && ch === wrongClose)) return;
    if (ch === close) {
      cursor.pos++;
      return;
    }
    if (separators.includes(ch)) {
      cursor.pos++;
      continue;
    }
    const before = cursor.pos;
    member();
    if (cursor.pos === before) cursor.pos++;
  }
}
