/** `fix` command: show the planned diff, then write it (unless --dry-run), and say what happened. */
import type { CommandContext } from './command.js';
import { fix } from '../remedy/fix.js';
import { fixSummary } from '../report/fix-summary.js';

export async function fixCommand(context: CommandContext): Promise<number> {
  const dryRun = Boolean(context.values['dry-run']);
  const result = await fix({ cwd: context.cwd, env: context.env, debug: context.debug }, { dryRun });
  context.stderr(fixSummary(result, dryRun, 'fix'));
  return 0;
}
