/** The push rejection a git server's pre-receive hook prints (the pusher sees it as `remote:` lines). */
import type { HistoryFinding, RunError, ScanResult } from '../types.js';
import { quoteForTerminal } from '../words/escape.js';
import {
  pushAdvice,
  pushConfigChange,
  pushPragmaLine,
  pushSkipHint,
  pushVerdict
} from '../words/messages.js';
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

type PushFinding = HistoryFinding & { ref: string };

/** What the push reports take (the engine's PushResult, as values). */
export interface PushReport extends ScanResult {
  updates: ReadonlyArray<{ ref: string; old: string; new: string }>;
  commits: number;
  findings: PushFinding[];
  pragmas: PushFinding[];
  configFrom: ReadonlyArray<{ ref: string; base?: string }>;
  configChanges: ReadonlyArray<{ ref: string; files: string[]; base?: string }>;
  notes: string[];
  pragmasRefused?: 'setting';
}

/**
 * `pre-receive --format json`, on stdout (git relays it to the pusher too; a wrapper can capture it).
 * Schema (version 1):
 *   { version: 1, tool: "djkey-guard", command: "pre-receive", rejected: boolean, commits: number,
 *     refs: [{ ref, old, new }], config: [{ ref, from: string|null }] (null: built-in defaults),
 *     configChanges: [{ ref, files, base? }], pragmasRefused?: "setting", notes: string[],
 *     findings: [{ ...history's finding, ref }], pragmas: [ the same: keys a pragma let through ],
 *     scanned, skipped, error?: { message, missing: [{ oid, path?, commit? }], count } }
 * `rejected` is the verdict before any logged skip (the exit code says whether the push went in).
 */
export function formatPushJson(result: PushReport, error?: RunError): string {
  const strip = ({ snippet: _snippet, inTestCode: _test, ...finding }: PushFinding) => finding;
  const document = {
    version: 1,
    tool: 'djkey-guard',
    command: 'pre-receive',
    rejected: error !== undefined || result.findings.some((finding) => finding.severity === 'error'),
    commits: result.commits,
    refs: result.updates.map(({ ref, old, new: tip }) => ({ ref, old, new: tip })),
    config: result.configFrom.map(({ ref, base }) => ({ ref, from: base ?? null })),
    configChanges: result.configChanges,
    ...(result.pragmasRefused ? { pragmasRefused: result.pragmasRefused } : {}),
    notes: result.notes,
    findings: result.findings.map(strip),
    pragmas: result.pragmas.map(strip),
    scanned: result.scanned,
    skipped: result.skipped,
    // An unreadable object stopped the run: the findings above are the ones made before it.
    ...(error ? { error } : {})
  };
  return JSON.stringify(document, null, 2) + '\n';
}

/**
 * What the server says before its verdict, accepted or not: its notes, each ref whose push changes
 * the config (judged with the accepted one), each key an allow pragma let through (masked).
 */
export function pushTrustText(result: Pick<PushReport, 'notes' | 'configChanges' | 'pragmas'>): string {
  const lines = [
    ...result.notes.map((note) => `djkey-guard: ${printable(note)}`),
    ...result.configChanges.map((change) =>
      pushConfigChange(printable(change.ref), change.files, change.base)
    ),
    ...result.pragmas.map((pragma) =>
      pushPragmaLine(
        printable(pragma.ref),
        pragma.commit,
        printable(`${pragma.path}:${pragma.line}`),
        pragma.masked ?? ''
      )
    )
  ];
  return lines.map((line) => line + '\n').join('');
}
