/** A small unified diff for showing planned changes, with secrets masked before anything is printed. */
import { quoteForTerminal } from '../report/escape.js';
import { mask } from '../rules/mask.js';

const CONTEXT = 2;

/** Line-level edit script by LCS (settings files are small; fix is not on the hot path). */
function script(a: string[], b: string[]): Array<[' ' | '-' | '+', string]> {
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: Array<[' ' | '-' | '+', string]> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push([' ', a[i++]!]);
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) out.push(['-', a[i++]!]);
    else out.push(['+', b[j++]!]);
  }
  return out;
}

/** `djan…[66 chars]`: the mask without its quotes, so it reads well inside quoted code. */
function inlineMask(secret: string): string {
  const masked = mask(secret);
  const close = masked.indexOf("'", 1);
  return `${masked.slice(1, close)}[${[...secret].length} chars]`;
}

/** Replace every secret with its mask (longest first, so a key inside a list is masked whole). */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...new Set(secrets)].filter((s) => s.length >= 4).sort((x, y) => y.length - x.length)) out = out.split(secret).join(inlineMask(secret));
  return out;
}

/** `--- a/path` / `+++ b/path` unified diff of two LF texts (null = file absent). */
export function unifiedDiff(path: string, before: string | null, after: string | null): string {
  const a = before === null || before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const b = after === null || after === '' ? [] : after.replace(/\n$/, '').split('\n');
  const ops = script(a, b);
  // Quoted like git's own diff headers when the name holds control characters.
  const lines = [`--- ${before === null ? '/dev/null' : quoteForTerminal(`a/${path}`)}`, `+++ ${after === null ? '/dev/null' : quoteForTerminal(`b/${path}`)}`];
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
