/** The default command: scan what is staged (or `--all`), print, and return 0/1. */
import { outputFormat, printReport, type CommandContext } from './command.js';
import { blocks, scan } from '../engine/scan.js';
import { formatJson } from '../report/json.js';
import { formatText } from '../report/text.js';
import { checkPathArgs } from './path-args.js';
import { localCommand } from '../own-package.js';
import { MissingObjectsError } from '../engine/missing.js';
import { incompleteHeading } from '../words/messages.js';
import type { ScanResult } from '../types.js';

export async function scanCommand(context: CommandContext): Promise<number> {
  const format = outputFormat(context.values);
  if (context.env.DJKEY_GUARD === '0' && !context.values.all) {
    context.stderr('djkey-guard: skipped (DJKEY_GUARD=0).\n');
    return 0;
  }
  const mode = context.values.all ? 'all' : 'staged';
  // Only when paths are given: a bare commit check pays nothing for it.
  await checkPathArgs(
    context.positionals,
    mode,
    { cwd: context.cwd, env: context.env, debug: context.debug },
    context.afterDashDash
  );
  let result: ScanResult & { root: string };
  let stopped: MissingObjectsError | undefined;
  try {
    result = await scan({
      cwd: context.cwd,
      env: context.env,
      debug: context.debug,
      mode,
      paths: context.positionals
    });
  } catch (error) {
    // A missing object: what was found is still shown (as incomplete), then the error, exit 2.
    if (!(error instanceof MissingObjectsError)) throw error;
    stopped = error;
    result = error.partial as ScanResult & { root: string };
  }
  const error = stopped?.report;
  if (format === 'json') context.stdout(formatJson(result, error));
  else if (format === 'sarif')
    context.stdout((await import('../report/sarif.js')).formatSarif(result, error));
  else if (!stopped || result.findings.length) {
    // Name the command the user has: the `git djkey-guard` alias install adds, else this copy's path.
    // Loaded only when there is something to fix: the install code (and node:crypto under it) is
    // not a clean commit's to compile.
    const alias = result.findings.length > 0 ? await import('../install/alias.js') : undefined;
    const command =
      alias && (await alias.aliasInstalled(result.root, context.env))
        ? alias.SHORT_COMMAND
        : localCommand(result.root);
    const render = (color: boolean) => {
      const text = formatText(result, color, !stopped && Boolean(context.values.quiet), mode, command);
      return stopped ? `${incompleteHeading}\n${text}\n` : text;
    };
    // The commit check keeps stderr (what hooks print); `--all`, run by hand, is a report for stdout.
    if (mode === 'all') printReport(context, render, blocks(result));
    else context.stderr(render(context.color));
  }
  if (stopped) throw stopped;
  return blocks(result) ? 1 : 0;
}
