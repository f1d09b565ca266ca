/**
 * `pre-receive`: a git server's hook. Report on stderr (the pusher sees it as `remote:` lines); 1 rejects the
 * push.
 */
import { outputFormat, type CommandContext } from './command.js';
import { UsageError } from '../errors.js';
import { pushCleanMessage, pushSkipDisabled, pushSkipNoReason, pushSkipped } from '../words/messages.js';
import { judgePush } from '../engine/pre-receive.js';
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

export async function preReceiveCommand(context: CommandContext): Promise<number> {
  const format = outputFormat(context.values);
  const input = await readInput(context);
  const result = await judgePush({ cwd: context.cwd, env: context.env, debug: context.debug, input });
  // The document for a wrapper or a log (git relays stdout to the pusher too); the text still goes to stderr.
  if (format === 'json') context.stdout(formatPushJson(result));
  else if (format === 'sarif')
    context.stdout(
      (await import('../report/sarif.js')).formatSarif({
        ...result,
        configFrom: [...new Set(result.configFrom.flatMap(({ base }) => (base ? [base] : [])))],
        configChanges: result.configChanges
      })
    );
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
