/** `history [<range>...]`: scan every commit of every ref (or of the ranges), one row per distinct secret or .env path; 1 if any. */
import { palette } from '../report/colors.js';
import { escapeInline, quoteForTerminal } from '../report/escape.js';
import { outputFormat, type CommandContext } from './command.js';
import { UsageError } from '../errors.js';
import { MissingObjectsError } from '../engine/missing.js';
import type { RunError } from '../types.js';
import { scanHistory, type HistoryFinding, type HistoryResult } from '../engine/history.js';
import {
  skippedMessage,
  historyAdvice,
  historyIncompleteMessage,
  historyNothingMessage,
  historyVerdict,
  incompleteHeading
} from '../report/messages.js';

/**
 * `--format json` for history, on stdout. Schema (version 1):
 *   { version: 1, tool: "djkey-guard", command: "history", found: boolean, commits: number,
 *     ranges: string[], incomplete?: string,
 *     findings: [{ rule, severity, path, line, column, message, name?, masked?, fingerprint?,
 *                  commit, date, atHead }],
 *     scanned: number, skipped: { binary, large, allowed } }
 * `commit` is the first commit that added the secret or file; values are always masked. `found`
 * counts errors only: a `warning` is a key that was already in history before the range.
 * `incomplete` names the shallow-boundary commit the walk stopped at. `error` ({ message, missing:
 * [{ oid, path?, commit? }], count }) says a missing object stopped the walk (exit 2): `findings`
 * are those made before it stopped.
 */
export function formatHistoryJson(result: HistoryResult, error?: RunError): string {
  const findings = result.findings.map(({ snippet: _snippet, ...finding }) => finding);
  const found = findings.some((finding) => finding.severity === 'error');
  const document = {
    version: 1,
    tool: 'djkey-guard',
    command: 'history',
    found,
    commits: result.commits,
    ranges: result.ranges,
    ...(result.incomplete ? { incomplete: result.incomplete } : {}),
    findings,
    scanned: result.scanned,
    skipped: result.skipped,
    ...(error ? { error } : {})
  };
  return JSON.stringify(document, null, 2) + '\n';
}

function what(finding: HistoryFinding): string {
  if (finding.rule !== 'secret-key') return 'dotenv file committed';
  const prior = finding.severity === 'warning' ? '  already in history before this range: rotate it' : '';
  return escapeInline(`${finding.masked ?? ''}  ${finding.fingerprint ?? ''}${prior}`);
}

/** Human text for stderr: verdict, one aligned row per finding, then the advice. */
export function formatHistoryText(result: HistoryResult, color: boolean, quiet = false): string {
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
    const widths = rows[0]!.map((_, column) =>
      Math.min(60, Math.max(...rows.map((row) => row[column]!.length)))
    );
    lines.push('');
    for (const row of rows) {
      const cells = row.map((cell, column) =>
        column === row.length - 1 ? cell : cell.padEnd(widths[column]!)
      );
      const atHead = row[5]!.endsWith('yes') ? c.red(cells[5]!) : c.dim(cells[5]!);
      const rule = row[3]!.endsWith('(warning)') ? c.yellow(cells[3]!) : c.red(cells[3]!);
      lines.push(`  ${c.yellow(cells[0]!)}  ${cells[1]}  ${cells[2]}  ${rule}  ${cells[4]}  ${atHead}`);
    }
    if (!quiet) lines.push('', ...historyAdvice);
  }
  if (result.incomplete) lines.push('', c.yellow(historyIncompleteMessage(result.incomplete)));
  // As the JSON does: what was not read is said, not hidden.
  if (!quiet && (result.skipped.binary || result.skipped.large))
    lines.push(c.dim(skippedMessage(result.skipped)));
  return lines.length ? lines.join('\n') + '\n' : '';
}

export async function historyCommand(context: CommandContext): Promise<number> {
  const format = outputFormat(context.values);
  let result: HistoryResult;
  let stopped: MissingObjectsError | undefined;
  try {
    result = await scanHistory({
      cwd: context.cwd,
      env: context.env,
      debug: context.debug,
      ranges: context.positionals
    });
  } catch (error) {
    // A missing object: what was found is still shown (as incomplete), then the error, exit 2.
    if (!(error instanceof MissingObjectsError)) throw error;
    stopped = error;
    result = error.partial as HistoryResult;
  }
  if (stopped) {
    const error = stopped.report;
    if (format === 'json') context.stdout(formatHistoryJson(result, error));
    else if (format === 'sarif')
      context.stdout((await import('../report/sarif.js')).formatSarif(result, error));
    else if (result.findings.length)
      context.stderr(`${incompleteHeading}\n${formatHistoryText(result, context.color, true)}\n`);
    throw stopped;
  }
  const blocking = result.findings.some((finding) => finding.severity === 'error');
  // Never a clean result from a truncated history: with nothing found, that is an error (exit 2).
  if (result.incomplete && !blocking) throw new UsageError(historyIncompleteMessage(result.incomplete));
  if (format === 'json') context.stdout(formatHistoryJson(result));
  else if (format === 'sarif') context.stdout((await import('../report/sarif.js')).formatSarif(result));
  else context.stderr(formatHistoryText(result, context.color, Boolean(context.values.quiet)));
  if (result.incomplete && format !== 'text')
    context.stderr(historyIncompleteMessage(result.incomplete) + '\n');
  return blocking ? 1 : 0;
}
