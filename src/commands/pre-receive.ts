/**
 * `pre-receive`: a git server's hook. Report on stderr (the pusher sees it as `remote:` lines); 1 rejects the
 * push.
 */
import { outputFormat, type CommandContext } from './command.js';
import { UsageError } from '../errors.js';
import type { RunError } from '../types.js';
import {
  incompleteHeading,
  pushCleanMessage,
  pushSkipDisabled,
  pushSkipNoReason,
  pushSkipped
} from '../words/messages.js';
import { judgePush, type PushResult } from '../engine/pre-receive.js';
import { MissingObjectsError } from '../engine/missing.js';
import { formatPushJson, formatPushText, pushTrustText } from '../report/push.js';
import { quoteForTerminal } from '../words/escape.js';
import {
  describePusher,
  logAudit,
  logSkip,
  pusher,
  requestedSkip,
  skipAllowed
} from '../engine/push-skip.js';

/** A ref, path or reason reaches the pusher's terminal: control characters are quoted the way git does. */
const printable = quoteForTerminal;

async function readInput(context: CommandContext): Promise<string> {
  if (!context.stdin) throw new UsageError('pre-receive: no stdin to read');
  return context.stdin();
}

/** The document for a wrapper or a log (git relays stdout to the pusher too); the text goes to stderr. */
async function printDocument(
  context: CommandContext,
  format: string,
  result: PushResult,
  error?: RunError
): Promise<void> {
  if (format === 'json') context.stdout(formatPushJson(result, error));
  else if (format === 'sarif')
    context.stdout(
      (await import('../report/sarif.js')).formatSarif(
        {
          ...result,
          configFrom: [...new Set(result.configFrom.flatMap(({ base }) => (base ? [base] : [])))],
          configChanges: result.configChanges
        },
        error
      )
    );
}

export async function preReceiveCommand(context: CommandContext): Promise<number> {
  const format = outputFormat(context.values);
  const input = await readInput(context);
  let result: PushResult;
  try {
    result = await judgePush({ cwd: context.cwd, env: context.env, debug: context.debug, input });
  } catch (error) {
    // An unreadable object rejects the push (exit 2): what was found before it is shown first, as
    // `history` shows it (the JSON/SARIF document carries it with the error), then the error naming
    // every missing object.
    if (!(error instanceof MissingObjectsError)) throw error;
    const partial = error.partial as PushResult;
    await printDocument(context, format, partial, error.report);
    if (partial.findings.some((finding) => finding.severity === 'error'))
      context.stderr(`${incompleteHeading}\n${formatPushText(partial, false)}\n`);
    throw error;
  }
  await printDocument(context, format, result);
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const who = pusher(context.env);
  const time = new Date().toISOString();
  // Told every time, accepted or not: the server judged with the config it already trusts.
  const trust = pushTrustText(result);
  if (trust) context.stderr(trust);
  for (const change of result.configChanges)
    logAudit(result.gitDir, { event: 'config-change', time, pusher: who, ...change });
  for (const pragma of result.pragmas) {
    logAudit(result.gitDir, {
      event: 'pragma',
      time,
      pusher: who,
      ref: pragma.ref,
      commit: pragma.commit,
      path: pragma.path,
      line: pragma.line,
      name: pragma.name,
      masked: pragma.masked,
      fingerprint: pragma.fingerprint
    });
  }
  const reason = requestedSkip(context.env);
  const git = { cwd: result.gitDir, env: context.env, debug: context.debug };
  const allowed = reason !== undefined || errors > 0 ? await skipAllowed(git) : false;
  if (reason !== undefined && allowed && reason !== '') {
    const log = logSkip(result.gitDir, {
      time,
      pusher: who,
      refs: result.updates.map((u) => u.ref),
      reason,
      findings: errors
    });
    context.stderr(pushSkipped(printable(reason), printable(describePusher(who)), log) + '\n');
    return 0;
  }
  if (reason !== undefined) context.stderr((allowed ? pushSkipNoReason : pushSkipDisabled) + '\n');
  if (errors === 0) {
    if (!context.values.quiet && result.commits > 0) context.stderr(pushCleanMessage(result.commits) + '\n');
    return 0;
  }
  context.stderr(formatPushText(result, allowed));
  return 1;
}
