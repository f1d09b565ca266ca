/**
 * `pre-receive`: a git server's hook. Report on stderr (the pusher sees it as `remote:` lines); 1 rejects the
 * push.
 */
import type { CommandContext } from './command.js';
import { UsageError } from '../errors.js';
import {
  incompleteHeading,
  pushCleanMessage,
  pushConfigChange,
  pushPragmaLine,
  pushSkipDisabled,
  pushSkipNoReason,
  pushSkipped
} from '../words/messages.js';
import { judgePush, type PushResult } from '../engine/pre-receive.js';
import { MissingObjectsError } from '../engine/missing.js';
import { formatPushText } from '../report/push.js';
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

export async function preReceiveCommand(context: CommandContext): Promise<number> {
  const input = await readInput(context);
  let result: PushResult;
  try {
    result = await judgePush({ cwd: context.cwd, env: context.env, debug: context.debug, input });
  } catch (error) {
    // An unreadable object rejects the push (exit 2): what was found before it is shown first, as
    // `history` shows it, then the error naming every missing object.
    if (!(error instanceof MissingObjectsError)) throw error;
    const partial = error.partial as PushResult;
    if (partial.findings.some((finding) => finding.severity === 'error'))
      context.stderr(`${incompleteHeading}\n${formatPushText(partial, false)}\n`);
    throw error;
  }
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const who = pusher(context.env);
  const time = new Date().toISOString();
  for (const note of result.notes) context.stderr(`djkey-guard: ${printable(note)}\n`);
  // Told every time, accepted or not: the server judged with the config it already trusts.
  for (const change of result.configChanges) {
    context.stderr(pushConfigChange(printable(change.ref), change.files, change.base) + '\n');
    logAudit(result.gitDir, { event: 'config-change', time, pusher: who, ...change });
  }
  for (const pragma of result.pragmas) {
    context.stderr(
      pushPragmaLine(
        printable(pragma.ref),
        pragma.commit,
        printable(`${pragma.path}:${pragma.line}`),
        pragma.masked ?? ''
      ) + '\n'
    );
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
