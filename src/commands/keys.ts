/** `keygen` (print a new key on stdout) and `rotate` (new key in .env, old one as a fallback). */
import type { CommandContext } from './command.js';
import { fixSummary } from '../report/fix-summary.js';
import { keygen, rotate } from '../remedy/index.js';

export async function keysCommand(
  context: CommandContext,
  command: 'keygen' | 'rotate' | string = 'keygen'
): Promise<number> {
  if (command === 'keygen') {
    // stdout, so `djkey-guard keygen` can be captured: SECRET_KEY=$(djkey-guard keygen)
    context.stdout(keygen({ django: Boolean(context.values.django) }) + '\n');
    return 0;
  }
  const dryRun = Boolean(context.values['dry-run']);
  const result = await rotate(
    { cwd: context.cwd, env: context.env, debug: context.debug },
    { dryRun, finish: Boolean(context.values.finish), force: Boolean(context.values.force) }
  );
  context.stderr(fixSummary(result, dryRun, context.values.finish ? 'rotate --finish' : 'rotate'));
  return 0;
}
