/**
 * A small unified diff for showing planned changes. Lines are compared as they are but printed
 * as mask-lines.ts renders them, so no secret reaches the text (a changed key still shows as a
 * changed line).
 */
import { quoteForTerminal } from '../words/escape.js';
import { maskLines } from './mask-lines.js';

const CONTEXT = 2;

/** Line-level edit script by LCS (settings files are small; fix is not on the hot path). */
function script(
  a: string[],
  b: string[],
  shownA: string[],
  shownB: string[]
): Array<[' ' | '-' | '+', string]> {
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: Array<[' ' | '-' | '+', string]> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push([' ', shownA[i++]!]);
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) out.push(['-', shownA[i++]!]);
    else out.push(['+', shownB[j++]!]);
  }
  return out;
}

const linesOf = (text: string | null) =>
  text === null || text === '' ? [] : text.replace(/\n$/, '').split('\n');

/** `--- a/path` / `+++ b/path` unified diff of two LF texts (null = file absent), masked for `path`. */
export function unifiedDiff(
  path: string,
  before: string | null,
  after: string | null,
  secrets: readonly string[]
): string {
  const a = linesOf(before);
  const b = linesOf(after);
  const shownA = a.length ? maskLines(path, before!.replace(/\n$/, ''), secrets) : [];
  const shownB = b.length ? maskLines(path, after!.replace(/\n$/, ''), secrets) : [];
  const ops = script(a, b, shownA, shownB);
  // Quoted like git's own diff headers when the name holds control characters.
  const lines = [
    `--- ${before === null ? '/dev/null' : quoteForTerminal(`a/${path}`)}`,
    `+++ ${after === null ? '/dev/null' : quoteForTerminal(`b/${path}`)}`
  ];
  let index = 0;
  while (index < ops.length) {
    if (ops[index]![0] === ' ') {
      index++;
      continue;
    }
    let start = Math.max(0, index - CONTEXT);
    let end = index;
    // Extend the hunk while changes are closer than 2*CONTEXT lines apart.
    for (let k = index; k < ops.length; k++) {
      if (ops[k]![0] !== ' ') end = k;
      else if (k - end > 2 * CONTEXT) break;
    }
    end = Math.min(ops.length - 1, end + CONTEXT);
    let oldLine = 1 + ops.slice(0, start).filter(([op]) => op !== '+').length;
    let newLine = 1 + ops.slice(0, start).filter(([op]) => op !== '-').length;
    const hunk = ops.slice(start, end + 1);
    const oldCount = hunk.filter(([op]) => op !== '+').length;
    const newCount = hunk.filter(([op]) => op !== '-').length;
    if (oldCount === 0) oldLine--;
    if (newCount === 0) newLine--;
    lines.push(`@@ -${oldLine},${oldCount} +${newLine},${newCount} @@`);
    for (const [op, line] of hunk) lines.push(op + line);
    index = end + 1;
    start = index;
  }
  return lines.join('\n') + '\n';
}
