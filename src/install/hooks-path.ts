/**
 * A `core.hooksPath` set in the global or system git config is every repository's hooks folder on
 * that machine (on a server, every repository that uses it): install never writes there unasked —
 * a hook it added would run, and fail closed, in repositories nobody installed into.
 */
import { UsageError } from '../errors.js';
import { configWithScope, type GitOptions } from '../git.js';

/** Exit 2 with the choices when the hooks folder comes from a config wider than this repository. */
export async function refuseSharedHooksPath(
  options: GitOptions,
  sharedHooks: boolean,
  again: string
): Promise<void> {
  const set = await configWithScope('core.hooksPath', options);
  if (!set || sharedHooks || !['global', 'system', 'command'].includes(set.scope)) return;
  throw new UsageError(
    `core.hooksPath is ${set.value}, set in the ${set.scope} git config (${set.origin}): the hooks of ` +
      `every repository on this machine that does not set its own. ` +
      'djkey-guard does not write there unasked: a hook added there runs (and fails closed) in ' +
      'repositories nobody installed it into. Choose one:\n' +
      '  - give this repository its own hooks folder: git config --local core.hooksPath hooks   (a bare ' +
      'repository: its hooks/; a work tree: .git/hooks), then run install again\n' +
      `  - ${again} --shared-hooks   write into ${set.value} deliberately: it affects every repository ` +
      `that uses it`
  );
}
