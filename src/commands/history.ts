/** `history`: scan every commit of every ref, print one row per distinct secret or .env path; 1 if any. */
import { palette } from '../report/colors.js';
import { escapeInline, quoteForTerminal } from '../report/escape.js';
import { outputFormat, type CommandContext } from '../command.js';
import { scanHistory, type HistoryFinding, type HistoryResult } from '../history.js';
import { historyAdvice, historyNothingMessage, historyVerdict } from '../messages.js';

/**
 * `--format json` for history, on stdout. Schema (version 1):
 *   { version: 1, tool: "djkey-guard", command: "history", found: boolean, commits: number,
 *     findings: [{ rule, severity, path, line, column, message, name?, masked?, fingerprint?,
 *                  commit, date, atHead }],
 *     scanned: number, skipped: { binary, large, allowed } }
 * `commit` is the first commit that added the secret or file; values are always masked.
 */
export function formatHistoryJson(result: HistoryResult): string {
  const findings = result.findings.map(({ snippet: _snippet, ...finding }) => finding);
  const document = { version: 1, tool: 'djkey-guard', command: 'history', found: findings.length > 0, commits: result.commits, findings, scanned: result.scanned, skipped: result.skipped };
  return JSON.stringify(document, null, 2) + '\n';
}

function what(finding: HistoryFinding): string {
  return finding.rule === 'secret-key' ? escapeInline(`${finding.masked ?? ''}  ${finding.fingerprint ?? ''}`.trim()) : 'dotenv file committed';
}

/** Human text for stderr: verdict, one aligned row per finding, then the advice. */
export function formatHistoryText(result: HistoryResult, color: boolean, quiet = false): string {
  const c = palette(color);
  if (result.findings.length === 0) return quiet ? '' : c.green(historyNothingMessage(result.commits)) + '\n';
  const secrets = result.findings.filter((f) => f.rule === 'secret-key').length;
  const rows = result.findings.map((f) => [
    f.commit.slice(0, 7),
    f.date.slice(0, 10),
    f.line ? `${quoteForTerminal(f.path)}:${f.line}` : quoteForTerminal(f.path),
    f.rule,
    what(f),
    `still at HEAD: ${f.atHead ? 'yes' : 'no'}`,
  ]);
  const widths = rows[0]!.map((_, column) => Math.min(60, Math.max(...rows.map((row) => row[column]!.length))));
  const lines = [c.red(c.bold(historyVerdict(secrets, result.findings.length - secrets, result.commits))), ''];
  for (const row of rows) {
    const cells = row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)));
    const atHead = row[5]!.endsWith('yes') ? c.red(cells[5]!) : c.dim(cells[5]!);
    lines.push(`  ${c.yellow(cells[0]!)}  ${cells[1]}  ${cells[2]}  ${c.red(cells[3]!)}  ${cells[4]}  ${atHead}`);
  }
  if (!quiet) lines.push('', ...historyAdvice);
  return lines.join('\n') + '\n';
}

export async function historyCommand(context: CommandContext): Promise<number> {
  const format = outputFormat(context.values);
  const result = await scanHistory({ cwd: context.cwd, env: context.env, debug: context.debug });
  if (format === 'json') context.stdout(formatHistoryJson(result));
  else if (format === 'sarif') context.stdout((await import('../report/sarif.js')).formatSarif(result));
  else context.stderr(formatHistoryText(result, context.color, Boolean(context.values.quiet)));
  return result.findings.length > 0 ? 1 : 0;
}
