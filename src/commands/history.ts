/** `history` command (not implemented yet). */
import type { CommandContext } from '../command.js';
import { UsageError } from '../errors.js';

export async function historyCommand(_context: CommandContext, _command?: string): Promise<number> {
  throw new UsageError('this command is not available yet');
}
