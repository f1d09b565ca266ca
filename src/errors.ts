/** Errors that end a command with exit code 2 (usage, config, environment). Findings are never errors. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A bad config file: names the file and the problem. */
export class ConfigError extends UsageError {
  constructor(
    readonly file: string,
    problem: string
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** git exited non-zero (or could not be started). Carries enough to debug without re-running. */
export class GitError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly argv: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
    message?: string
  ) {
    // The whole of git's message: its first line is often only "error:" or a hint's preamble.
    super(
      message ??
        `git ${argv.join(' ')} failed (exit ${code})${
          stderr.trim()
            ? ':\n' +
              stderr
                .trim()
                .split('\n')
                .map((line) => `  ${line}`)
                .join('\n')
            : ''
        }`
    );
    this.name = 'GitError';
  }
}
