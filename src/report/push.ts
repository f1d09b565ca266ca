/** The push rejection a git server's pre-receive hook prints (the pusher sees it as `remote:` lines). */
import type { HistoryFinding } from '../types.js';
import { quoteForTerminal } from '../words/escape.js';
import { pushAdvice, pushSkipHint, pushVerdict } from '../words/messages.js';
import { alignedRows } from './table.js';

/** A ref, path or reason reaches the pusher's terminal: control characters are quoted the way git does. */
const printable = quoteForTerminal;

/** Refused by the server's git config (djkey-guard.allowPragmas) or the accepted config ("allowPragmas"). */
const PRAGMA_REFUSED = ' (allow pragma refused here)';

/**
 * The rejection report: verdict, one row per finding (ref, commit, where, rule, masked value), what to do.
 */
export function formatPushText(
  result: { findings: ReadonlyArray<HistoryFinding & { ref: string }>; commits: number },
  skipHint: boolean
): string {
  const errors = result.findings.filter((f) => f.severity === 'error');
  const secrets = errors.filter((f) => f.rule === 'secret-key').length;
  const rows = errors.map((f) => [
    printable(f.ref),
    f.commit.slice(0, 10),
    printable(f.line ? `${f.path}:${f.line}` : f.path),
    f.rule,
    f.rule === 'secret-key'
      ? `${f.masked ?? ''} ${f.name ?? ''}${f.pragmaRefused ? PRAGMA_REFUSED : ''}`.trim()
      : 'dotenv file committed'
  ]);
  const lines = [pushVerdict(secrets, errors.length - secrets, result.commits), '', ...alignedRows(rows)];
  lines.push('', ...pushAdvice);
  if (skipHint) lines.push(pushSkipHint);
  return lines.join('\n') + '\n';
}
