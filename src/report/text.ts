/** Findings → human text for stderr: verdict, aligned rows, one how-to-fix block per rule. */
import { palette } from './colors.js';
import { escapeInline, quoteForTerminal } from '../words/escape.js';
import { BYPASS, howToFix, notReadLines, skippedMessage, verdict } from '../words/messages.js';
import { alignedRows } from './table.js';
import type { Finding, ScanResult } from '../types.js';

/** Colour only on a TTY, unless NO_COLOR / FORCE_COLOR say otherwise. */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean | undefined, flag?: boolean): boolean {
  if (flag === false) return false;
  if ('NO_COLOR' in env && env.NO_COLOR !== '') return false;
  if ('FORCE_COLOR' in env) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(isTTY);
}

/** `path:line:col`, the path quoted like git quotes it when it holds control characters. */
export function location(finding: Finding): string {
  const path = quoteForTerminal(finding.path);
  return finding.line ? `${path}:${finding.line}:${finding.column}` : path;
}

/** `command`: how the user runs this copy (see localCommand), for the how-to-fix lines. */
export function formatText(
  result: ScanResult,
  color: boolean,
  quiet = false,
  mode: 'staged' | 'all' = 'staged',
  command?: string
): string {
  const c = palette(color);
  const errors = result.findings.filter((f) => f.severity === 'error');
  const warnings = result.findings.filter((f) => f.severity === 'warning');
  const files = new Set(errors.map((f) => f.path)).size;
  if (quiet && errors.length === 0) return '';
  const lines: string[] = [];
  const head = verdict(errors.length, warnings.length, files, mode);
  lines.push(errors.length ? c.red(c.bold(head)) : warnings.length ? c.yellow(head) : c.green(head));
  const shown = quiet ? errors : result.findings;
  if (shown.length) {
    lines.push('');
    const label = (f: Finding) => (f.severity === 'error' ? f.rule : `${f.rule} (warning)`);
    const rows = shown.map((finding) => [location(finding), label(finding), escapeInline(finding.message)]);
    const paint = (cell: string, index: number, column: number): string =>
      column !== 1 ? cell : shown[index]!.severity === 'error' ? c.red(cell) : c.yellow(cell);
    lines.push(...alignedRows(rows, paint));
  }
  if (errors.length) {
    for (const rule of ['env-file', 'secret-key']) {
      const ofRule = errors.filter((f) => f.rule === rule);
      if (ofRule.length) lines.push('', ...howToFix(rule, ofRule, command));
    }
    lines.push(
      '',
      c.dim('Deliberate exception? Add "# djkey-guard: allow" to the line or the path to .djkeyguardignore.'),
      c.dim(BYPASS)
    );
  }
  const skipped = result.skipped.binary + result.skipped.large;
  if (!quiet && skipped) {
    lines.push(c.dim(skippedMessage(result.skipped)));
  }
  // Each file the commit check did not read is named (DESIGN §11); --all only counts them.
  if (result.notRead?.length)
    lines.push(
      ...notReadLines(result.notRead.map((entry) => ({ ...entry, path: quoteForTerminal(entry.path) }))).map(
        c.dim
      )
    );
  return lines.join('\n') + '\n';
}
