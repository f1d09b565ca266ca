/**
 * The subcommands: one file each (options → one library call → report → exit code), argv.ts and
 * options.ts (the one option table behind parsing and --help), command.ts (what every command is
 * handed). This table maps a subcommand to its module. The scanner — what every commit runs — is
 * imported statically and the other commands are one module (others.ts) loaded on use: the bundle
 * splits at dynamic imports into chunks by the set of entries that reach a file, and each ES module
 * a commit loads costs ≈ 1 M instructions, so a commit loading only the scanner's own files plus one
 * shared chunk is cheaper than one import per command (bench/README.md).
 */
import type { CommandContext } from './command.js';
import { scanCommand } from './scan.js';

export type Command = (context: CommandContext, name: string) => Promise<number>;

const others = () => import('./others.js');

export const COMMAND_MODULES: Record<string, () => Promise<Command>> = {
  scan: async () => scanCommand,
  history: async () => (await others()).historyCommand,
  install: async () => (await others()).installCommand,
  uninstall: async () => (await others()).installCommand,
  fix: async () => (await others()).fixCommand,
  'pre-receive': async () => (await others()).preReceiveCommand,
  ci: async () => (await others()).ciCommand,
  keygen: async () => (await others()).keysCommand,
  rotate: async () => (await others()).keysCommand
};
