/**
 * `history [<range>...]`: scan every commit of every ref (or of the ranges), one row per distinct
 * secret or .env path; 1 if any.
 */
import { outputFormat, printReport, type CommandContext } from './command.js';
import { UsageError } from '../errors.js';
import { pragmaPolicy } from '../config/allowlist.js';
import { scanHistory, type HistoryResult } from '../engine/history.js';
import { MissingObjectsError } from '../engine/missing.js';
import { historyIncompleteMessage, incompleteHeading } from '../words/messages.js';
import { formatHistoryJson, formatHistoryText } from '../report/history.js';

/** --refuse-pragmas, or DJKEY_GUARD_ALLOW_PRAGMAS=false (a CI variable the repository owner sets). */
export const pragmasOf = (context: CommandContext): 'honour' | 'refuse' =>
  context.values['refuse-pragmas'] ? 'refuse' : pragmaPolicy(context.env.DJKEY_GUARD_ALLOW_PRAGMAS);

export async function historyCommand(context: CommandContext): Promise<number> {
  const format = outputFormat(context.values);
  let result: HistoryResult;
  try {
    result = await scanHistory({
      cwd: context.cwd,
      env: context.env,
      debug: context.debug,
      ranges: context.positionals,
      pragmas: pragmasOf(context)
    });
  } catch (error) {
    // A missing object: what was found is still shown (as incomplete), then the error, exit 2.
    if (!(error instanceof MissingObjectsError)) throw error;
    const partial = error.partial as HistoryResult;
    if (format === 'json') context.stdout(formatHistoryJson(partial, error.report));
    else if (format === 'sarif')
      context.stdout((await import('../report/sarif.js')).formatSarif(partial, error.report));
    else if (partial.findings.length)
      printReport(
        context,
        (color) => `${incompleteHeading}\n${formatHistoryText(partial, color, true)}\n`,
        true
      );
    throw error;
  }
  const blocking = result.findings.some((finding) => finding.severity === 'error');
  // Never a clean result from a truncated history: with nothing found, that is an error (exit 2).
  if (result.incomplete && !blocking) throw new UsageError(historyIncompleteMessage(result.incomplete));
  if (format === 'json') context.stdout(formatHistoryJson(result));
  else if (format === 'sarif') context.stdout((await import('../report/sarif.js')).formatSarif(result));
  else {
    // Name the command the user has (the `git djkey-guard` alias install adds), as the scan does.
    const alias = blocking ? await import('../install/alias.js') : undefined;
    const command =
      alias && (await alias.aliasInstalled(context.cwd, context.env)) ? alias.SHORT_COMMAND : undefined;
    printReport(
      context,
      (color) => formatHistoryText(result, color, Boolean(context.values.quiet), command),
      blocking
    );
  }
  if (result.incomplete && format !== 'text')
    context.stderr(historyIncompleteMessage(result.incomplete) + '\n');
  return blocking ? 1 : 0;
}
