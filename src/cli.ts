#!/usr/bin/env node
/** argv → command → exit code. The only module that touches process.argv, exit codes and the streams. */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { BYPASS } from './messages.js';
import { ownVersion } from './own-package.js';
import { OPTIONS, renderHelp, SUBCOMMANDS } from './options.js';
import { colorEnabled } from './report/text.js';
import type { CommandContext } from './command.js';


type Values = Record<string, string | boolean | undefined>;

function parse(argv: string[]): { command: string; values: Values; positionals: string[] } {
  const dashDash = argv.indexOf('--');
  const first = argv.find((arg) => !arg.startsWith('-'));
  const isCommand = first !== undefined && (SUBCOMMANDS as readonly string[]).includes(first) && (dashDash < 0 || argv.indexOf(first) < dashDash);
  const command = isCommand ? first! : 'scan';
  const rest = isCommand ? argv.filter((arg, index) => index !== argv.indexOf(first!)) : argv;
  const options = Object.fromEntries(
    Object.entries(OPTIONS).map(([name, spec]) => [name, spec.short ? { type: spec.type, short: spec.short } : { type: spec.type }]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see djkey-guard --help)`);
  }
  const { values, positionals } = parsed;
  for (const name of Object.keys(values)) {
    const allowed = OPTIONS[name]?.commands;
    if (allowed && !allowed.includes(command)) throw new UsageError(`--${name} does not apply to ${command === 'scan' ? 'a scan' : command}`);
  }
  return { command, values: values as Values, positionals };
}

async function run(command: string, context: CommandContext): Promise<number> {
  switch (command) {
    case 'scan':
      return (await import('./commands/scan.js')).scanCommand(context);
    case 'history':
      return (await import('./commands/history.js')).historyCommand(context);
    case 'install':
    case 'uninstall':
      return (await import('./commands/install.js')).installCommand(context, command);
    case 'fix':
      return (await import('./commands/fix.js')).fixCommand(context);
    case 'pre-receive':
      return (await import('./commands/pre-receive.js')).preReceiveCommand(context);
    case 'keygen':
    case 'rotate':
      return (await import('./commands/keys.js')).keysCommand(context, command);
    default:
      throw new Error(`unknown command ${command}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const env = process.env;
  const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text);
  let debug = argv.includes('--debug');
  try {
    const { command, values, positionals } = parse(argv);
    debug = Boolean(values.debug);
    if (values.help) {
      process.stdout.write(renderHelp(ownVersion()));
      return 0;
    }
    if (values.version) {
      process.stdout.write(ownVersion() + '\n');
      return 0;
    }
    const color = colorEnabled(env, process.stderr.isTTY, values['no-color'] ? false : undefined);
    return await run(command, {
      cwd: process.cwd(),
      env,
      values,
      positionals,
      color,
      stdout: write(process.stdout),
      stderr: write(process.stderr),
      stdin: async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      },
      debug: debug ? (line) => process.stderr.write(`[debug] ${line}\n`) : undefined,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`djkey-guard: error: ${message}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
    else if (!(error instanceof Error && 'exitCode' in error)) process.stderr.write('(run with --debug for details)\n');
    process.stderr.write(`${BYPASS}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
