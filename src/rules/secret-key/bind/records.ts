/**
 * Name and value as fields of a record written in code (TypeScript/JavaScript object literals, HCL
 * or YAML flow maps in files of no known format): `{ name: "DJANGO_SECRET_KEY", value: "…" }`.
 * The record around a quoted guarded name is read with the tolerant JSON reader and walked like
 * any document tree, so every field pairing tree.ts knows (`name`/`value`, `key`/`value`, …) applies.
 */
import type { Candidate } from '../../types.js';
import { readJsonValueAt } from '../../../parse/json.js';
import { nameRegex } from './names.js';
import { walkTree } from './tree.js';

/** How far back from a name its record's `{` may open. */
const RECORD_WINDOW = 400;

/** The innermost `{` still open at `pos`, looking back at most RECORD_WINDOW characters. */
function openingBrace(text: string, pos: number): number {
  let depth = 0;
  for (let i = pos - 1; i >= 0 && pos - i <= RECORD_WINDOW; i--) {
    const ch = text[i];
    if (ch === '}') depth++;
    else if (ch === '{' && depth-- === 0) return i;
  }
  return -1;
}

/** Values bound to guarded names by the records that hold them as a field's quoted value. */
export function recordPairs(text: string, names: readonly string[]): Candidate[] {
  if (!text.includes('{')) return [];
  const found: Candidate[] = [];
  const regex = nameRegex(names);
  let readUpTo = -1;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    const quote = text[match.index - 1];
    // A field's value: `name: "NAME"`, `key = 'NAME'`.
    if ((quote !== '"' && quote !== "'" && quote !== '`') || text[match.index + match[0].length] !== quote)
      continue;
    if (!/[\w"'\]]\s*[:=]\s*$/.test(text.slice(Math.max(0, match.index - 40), match.index - 1))) continue;
    const open = openingBrace(text, match.index);
    if (open < 0 || open < readUpTo) continue;
    const record = readJsonValueAt(text, open);
    readUpTo = record.end;
    const candidates = walkTree(record.node, { names, text, extract: () => [] });
    // Only quoted values: a bare token in code (`value: secretKey`, `value: process.env.X`) is a name.
    for (const candidate of candidates) {
      const before = text[candidate.offset - 1];
      if (before === '"' || before === "'" || before === '`') found.push(candidate);
    }
  }
  return found;
}
