/**
 * history's reports (also the CI job's): the JSON document, and the text (verdict, one aligned row
 * per distinct secret or .env path, advice).
 */
import { palette } from './colors.js';
import { escapeInline, quoteForTerminal } from '../words/escape.js';
import type { HistoryFinding, HistoryResult, RunError } from '../types.js';
import { alignedRows } from './table.js';
import {
  skippedMessage,
  historyAdvice,
  historyIncompleteMessage,
  historyNothingMessage,
  historyVerdict,
  pragmaRefusedNote
} from '../words/messages.js';

/**
 * `--format json` for history, on stdout. Schema (version 1):
 *   { version: 1, tool: "djkey-guard", command: "history", found: boolean, commits: number,
 *     ranges: string[], incomplete?: string,
 *     config?: { from: string[], changes: string[] }, pragmasRefused?: "setting"|"config",
 *     findings: [{ rule, severity, path, line, column, message, name?, masked?, fingerprint?,
 *                  commit, date, atHead, pragmaRefused? }],
 *     pragmas: [ the same shape: keys an allow pragma let through ],
 *     scanned: number, skipped: { binary, large, allowed } }
 * `commit` is the first commit that added the secret or file; values are always masked. `found`
 * counts errors only: a `warning` is a key that was already in history before the range.
 * `incomplete` names the shallow-boundary commit the walk stopped at. `error` ({ message, missing:
 * [{ oid, path?, commit? }], count }) says a missing object stopped the walk (exit 2): `findings`
 * are those made before it stopped.
 */
export function formatHistoryJson(result: HistoryResult, error?: RunError): string {
  const strip = ({ snippet: _snippet, inTestCode: _test, ...finding }: HistoryFinding) => finding;
  const findings = result.findings.map(strip);
  const found = findings.some((finding) => finding.severity === 'error');
  const document = {
    version: 1,
    tool: 'djkey-guard',
    command: 'history',
    found,
    commits: result.commits,
    ranges: result.ranges,
    ...(result.incomplete ? { incomplete: result.incomplete } : {}),
    ...trustFields(result),
    findings,
    pragmas: (result.pragmas ?? []).map(strip),
    scanned: result.scanned,
    skipped: result.skipped,
    ...(error ? { error } : {})
  };
  return JSON.stringify(document, null, 2) + '\n';
}

/**
 * Where a range's config came from (DESIGN §11): `config: { from, changes }` — `from` the commits it
 * was read from (`[]`: the built-in defaults), `changes` the config files the range edits (not
 * applied to it) — and `pragmasRefused` when allow pragmas were findings ("setting": the run's own
 * switch; "config": `"allowPragmas": false` in that config). No `config` for every ref (the work tree's).
 */
export function trustFields(result: HistoryResult): {
  config?: { from: string[]; changes: string[] };
  pragmasRefused?: 'setting' | 'config';
} {
  return {
    ...(result.configFrom
      ? { config: { from: result.configFrom, changes: result.configChanges ?? [] } }
      : {}),
    ...(result.pragmasRefused ? { pragmasRefused: result.pragmasRefused } : {})
  };
}

function what(finding: HistoryFinding): string {
  if (finding.rule !== 'secret-key') return 'dotenv file committed';
  const prior = finding.severity === 'warning' ? '  already in history before this range: rotate it' : '';
  const refused = finding.pragmaRefused ? pragmaRefusedNote : '';
  return escapeInline(`${finding.masked ?? ''}  ${finding.fingerprint ?? ''}${prior}${refused}`);
}

/** Human text for stderr: verdict, one aligned row per finding, then the advice. */
export function formatHistoryText(
  result: HistoryResult,
  color: boolean,
  quiet = false,
  command = 'djkey-guard'
): string {
  const c = palette(color);
  const errors = result.findings.filter((f) => f.severity === 'error');
  const shown = quiet ? errors : result.findings;
  const lines: string[] = [];
  if (errors.length === 0) {
    if (!quiet) lines.push(c.green(historyNothingMessage(result.commits, result.ranges)));
  } else {
    const secrets = errors.filter((f) => f.rule === 'secret-key').length;
    lines.push(
      c.red(c.bold(historyVerdict(secrets, errors.length - secrets, result.commits, result.ranges)))
    );
  }
  if (shown.length) {
    const rows = shown.map((f) => [
      f.commit.slice(0, 7),
      f.date.slice(0, 10),
      f.line ? `${quoteForTerminal(f.path)}:${f.line}` : quoteForTerminal(f.path),
      f.severity === 'error' ? f.rule : `${f.rule} (warning)`,
      what(f),
      `still at HEAD: ${f.atHead ? 'yes' : 'no'}`
    ]);
    const paint = (cell: string, index: number, column: number): string => {
      const finding = shown[index]!;
      if (column === 0) return c.yellow(cell);
      if (column === 3) return finding.severity === 'error' ? c.red(cell) : c.yellow(cell);
      if (column === 5) return finding.atHead ? c.red(cell) : c.dim(cell);
      return cell;
    };
    lines.push('', ...alignedRows(rows, paint));
    if (!quiet) lines.push('', ...historyAdvice(command));
  }
  if (result.incomplete) lines.push('', c.yellow(historyIncompleteMessage(result.incomplete)));
  // As the JSON does: what was not read is said, not hidden.
  if (!quiet && (result.skipped.binary || result.skipped.large))
    lines.push(c.dim(skippedMessage(result.skipped)));
  return lines.length ? lines.join('\n') + '\n' : '';
}
