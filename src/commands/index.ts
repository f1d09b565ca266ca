/**
 * The subcommands: one file each (options → one library call → report → exit code), argv.ts and
 * options.ts (the one option table behind parsing and --help), command.ts (what every command is
 * handed). This table maps a subcommand to its module, loaded on use (a commit loads only the scanner).
 */
import type { CommandContext } from './command.js';

export type Command = (context: CommandContext, name: string) => Promise<number>;

export const COMMAND_MODULES: Record<string, () => Promise<Command>> = {
  scan: async () => (await import('./scan.js')).scanCommand,
  history: async () => (await import('./history.js')).historyCommand,
  install: async () => (await import('./install.js')).installCommand,
  uninstall: async () => (await import('./install.js')).installCommand,
  fix: async () => (await import('./fix.js')).fixCommand,
  'pre-receive': async () => (await import('./pre-receive.js')).preReceiveCommand,
  ci: async () => (await import('./ci.js')).ciCommand,
  keygen: async () => (await import('./keys.js')).keysCommand,
  rotate: async () => (await import('./keys.js')).keysCommand
};
