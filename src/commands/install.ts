/** `install` / `uninstall`: set up or remove the hook, and say what changed and what is left to do. */
import type { CommandContext } from './command.js';
import { UsageError } from '../errors.js';
import { installSummary } from '../report/install-summary.js';
import { install, ROUTES, uninstall, type Outcome, type Route } from '../install/index.js';

const LIFECYCLE = new Set(['prepare', 'postinstall', 'install', 'preinstall']);

function print(context: CommandContext, command: string, outcome: Outcome): void {
  context.stderr(installSummary(command, outcome));
}

export async function installCommand(context: CommandContext, command = 'install'): Promise<number> {
  const lifecycle = context.env.npm_lifecycle_event;
  // From an npm script (prepare/postinstall) install must never break `npm install`.
  if (lifecycle && LIFECYCLE.has(lifecycle)) {
    if (context.env.CI) {
      context.stderr(`djkey-guard: hook not installed: CI is set (${lifecycle} script).\n`);
      return 0;
    }
    try {
      await run(context, command);
      return 0;
    } catch (error) {
      context.stderr(`djkey-guard: hook not installed (${lifecycle} script): ${(error as Error).message}\n`);
      return 0;
    }
  }
  return run(context, command);
}

/** A bare repository is a server's: only the pre-receive route fits it (src/install/pre-receive.ts). */
async function serverSide(context: CommandContext, command: string): Promise<Outcome | null> {
  const server = await import('../install/pre-receive.js');
  const bare = await server.bareRepository(context).catch(() => null);
  if (!context.values['pre-receive'] && !bare) return null;
  if (command === 'uninstall') return server.uninstallPreReceive(context);
  if (!context.values['pre-receive'])
    throw new UsageError(
      `${context.cwd} is a bare repository (a server's): use djkey-guard install --pre-receive`
    );
  return server.installPreReceive(context, { sharedHooks: Boolean(context.values['shared-hooks']) });
}

async function run(context: CommandContext, command: string): Promise<number> {
  const server = await serverSide(context, command);
  if (server) {
    print(context, command, server);
    return 0;
  }
  if (command === 'uninstall') {
    print(
      context,
      command,
      await uninstall(context, {
        noInstall: Boolean(context.values['no-install']),
        say: (line) => context.stderr(`djkey-guard: ${line}\n`)
      })
    );
    return 0;
  }
  const forced = (Object.keys(ROUTES) as Route[]).filter((route) => context.values[route]);
  const outcome = await install(context, forced, {
    noInstall: Boolean(context.values['no-install']),
    sharedHooks: Boolean(context.values['shared-hooks']),
    say: (line) => context.stderr(`djkey-guard: ${line}\n`)
  });
  print(context, command, outcome);
  return outcome.incomplete ? 2 : 0;
}
