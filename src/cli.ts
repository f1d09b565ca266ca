#!/usr/bin/env node
/** argv → command → exit code. The only module that touches process.argv, exit codes and the streams. */
import { appendFileSync, writeSync } from 'node:fs';
import { ArgvError, parseArgv } from './commands/argv.js';
import { GitError } from './errors.js';
import { BYPASS, inCommit } from './words/messages.js';
import { ownVersion } from './own-package.js';
import { renderHelp } from './commands/options.js';
import { sanitizeStream } from './words/escape.js';
import { colorEnabled } from './report/text.js';
import type { CommandContext } from './commands/command.js';
import { COMMAND_MODULES } from './commands/index.js';

/**
 * Only the commit check (the default scan of what is staged) names the bypass, and only where it
 * helps: inside a commit always (a broken hook must say how to get past it), by hand when the
 * repository was found but could not be checked. Never after install/fix/history or a typo.
 */
function showBypass(
  command: string,
  values: CommandContext['values'],
  env: NodeJS.ProcessEnv,
  error: unknown
): boolean {
  if (command !== 'scan' || values.all) return false;
  if (inCommit(env)) return true;
  if (error instanceof ArgvError) return false;
  return !(error instanceof Error && /^not inside a git work tree/.test(error.message));
}

async function main(argv: string[]): Promise<number> {
  const env = process.env;
  const color = () =>
    colorEnabled(env, process.stderr.isTTY, argv.includes('--no-color') ? false : undefined);
  const stderr = (text: string) => void process.stderr.write(sanitizeStream(text, color()));
  let debug = argv.includes('--debug');
  let command = 'scan';
  let values: CommandContext['values'] = {};
  try {
    // From the plain hook: its private copy must be whole before it may judge a commit.
    if (env.DJKEY_GUARD_MANIFEST)
      (await import('./install/integrity.js')).verifyManifest(env.DJKEY_GUARD_MANIFEST);
    const parsed = parseArgv(argv);
    ({ command, values } = parsed);
    debug = Boolean(values.debug);
    if (values.help) {
      process.stdout.write(renderHelp(ownVersion()));
      return 0;
    }
    if (values.version) {
      process.stdout.write(ownVersion() + '\n');
      return 0;
    }
    const run = await COMMAND_MODULES[command]!();
    const reportColor = colorEnabled(env, process.stdout.isTTY, values['no-color'] ? false : undefined);
    return await run(
      {
        cwd: process.cwd(),
        env,
        values,
        positionals: parsed.positionals,
        afterDashDash: parsed.afterDashDash,
        color: colorEnabled(env, process.stderr.isTTY, values['no-color'] ? false : undefined),
        stdout: (text) => void process.stdout.write(text),
        stderr,
        report: (text) => void process.stdout.write(sanitizeStream(text, reportColor)),
        reportColor,
        stdoutIsTTY: Boolean(process.stdout.isTTY),
        stdin: async () => {
          const chunks: Buffer[] = [];
          for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
          return Buffer.concat(chunks).toString('utf8');
        },
        debug: debug ? (line) => stderr(`[debug] ${line}\n`) : undefined
      },
      command
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    stderr(`djkey-guard: error: ${message}\n`);
    if (debug && error instanceof Error && error.stack) stderr(error.stack + '\n');
    else if (!(error instanceof Error && 'exitCode' in error) || error instanceof GitError)
      stderr('(run with --debug for details)\n');
    if (showBypass(command, values, env, error)) stderr(`${BYPASS}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // hooks/pre-commit asks for a sign that we ran to the end (a cut copy that exits 0 gives none).
  const proof = Number(process.env.DJKEY_GUARD_PROOF);
  if (Number.isInteger(proof) && proof > 2) {
    try {
      writeSync(proof, 'djkey-guard: judged\n');
    } catch {
      // fd not open: not run from the hook
    }
  }
  // The lint-staged route's hook lines ask the same through a file: lint-staged runs us without a
  // shell and may split the files over several runs, so each run appends one line.
  const proofFile = process.env.DJKEY_GUARD_PROOF_FILE;
  if (proofFile) {
    try {
      appendFileSync(proofFile, 'djkey-guard: judged\n');
    } catch {
      // unwritable: the hook line then blocks, which is the safe side
    }
  }
});
