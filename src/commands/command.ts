/** What cli.ts hands every command: parsed flags, streams as functions, and the environment. */
import { UsageError } from '../errors.js';
import type { RunContext } from '../types.js';

export interface CommandContext extends RunContext {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** How many of the positionals came after `--` (paths for certain, never a typo'd command). */
  afterDashDash?: number;
  color: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** All of stdin (pre-receive reads git's ref lines from it). */
  stdin?: () => Promise<string>;
}

/** `--format` as one of the supported names. */
export function outputFormat(
  values: CommandContext['values'],
  allowed: readonly string[] = ['text', 'json', 'sarif']
): string {
  const format = (values.format as string | undefined) ?? 'text';
  if (!allowed.includes(format))
    throw new UsageError(`--format ${format} is not one of ${allowed.join(', ')}`);
  return format;
}
