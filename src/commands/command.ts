/** What cli.ts hands every command: parsed flags, streams as functions, and the environment. */
import { UsageError } from '../errors.js';
import { inCommit } from '../words/messages.js';
import type { RunContext } from '../types.js';

export interface CommandContext extends RunContext {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** How many of the positionals came after `--` (paths for certain, never a typo'd command). */
  afterDashDash?: number;
  color: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * The report of a command run by hand (`--all`, `history`): stdout, escaped like stderr, so it
   * can be saved or paged (`history > leaks.txt`, `--all | less`); `reportColor` follows stdout.
   */
  report: (text: string) => void;
  reportColor: boolean;
  /** Whether stdout is a terminal (when it is not, a one-line verdict also goes to stderr). */
  stdoutIsTTY?: boolean;
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

/**
 * A report the user asked for by hand goes to stdout; inside a commit (a hook) it stays on stderr,
 * where git shows it. When stdout is not a terminal and something was found, the verdict line is
 * also said on stderr, so a log that keeps only stderr still says why the exit code is 1.
 */
export function printReport(
  context: CommandContext,
  render: (color: boolean) => string,
  found: boolean
): void {
  if (inCommit(context.env)) {
    context.stderr(render(context.color));
    return;
  }
  context.report(render(context.reportColor));
  if (found && !context.stdoutIsTTY) {
    const verdict = render(false)
      .split('\n', 1)[0]!
      .replace(/^djkey-guard:?\s*/, '');
    context.stderr(`djkey-guard: ${verdict} (report on stdout)\n`);
  }
}
