/**
 * `install --pre-receive`: the server-side route, for a bare repository (what an ssh/http git
 * server, Gitea or GitLab server hooks push into). The running package is copied into
 * `<git dir>/djkey-guard/tool` (as the plain-hook route does: no npx, no network per push), and
 * `hooks/pre-receive` runs any hook that was there before — fed the same stdin — then
 * `djkey-guard pre-receive`. The previous hook is kept byte for byte beside it; uninstall
 * restores it exactly and removes the copy.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { bareProbe, gitPath, type GitOptions } from '../git.js';
import type { RunContext } from '../types.js';
import { digest, explainWriteError, readText, removeFile, restore, snapshot, writeAtomic } from './files.js';
import type { Item, Status } from './session.js';
import { loadState, remember, restoreIfUntouched, saveState, stateDir, type InstallState } from './state.js';
import { copyTool, fingerprint } from './tool-copy.js';
import { refuseSharedHooksPath } from './hooks-path.js';

export const MARKER = '# djkey-guard pre-receive hook';
export const PREVIOUS = 'pre-receive.djkey-guard-previous';
const ROUTE = 'pre-receive';

export interface PreReceiveOutcome {
  route: string;
  items: Item[];
  next: string[];
}

/** A POSIX sh single-quoted word. */
const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * The hook. git hands the ref lines on stdin once, so they are kept in a variable and given to
 * both hooks. node: DJKEY_GUARD_NODE, else PATH, else the node that ran install (servers often
 * run hooks with a bare PATH). Anything missing rejects the push (exit 2): a server check that
 * cannot run must not let everything through.
 */
export function hookText(nodePath: string): string {
  return `#!/bin/sh
${MARKER} (written by \`djkey-guard install --pre-receive\`; \`djkey-guard uninstall\` restores \
what was here).
input=$(cat)
# A hook that was here before runs first, on the same ref lines.
previous="$(dirname "$0")/${PREVIOUS}"
if [ -x "$previous" ]; then printf '%s\\n' "$input" | "$previous" "$@" || exit $?; fi
dir=$(git rev-parse --absolute-git-dir) || exit 2
cli="$dir/djkey-guard/tool/dist/cli.js"
if [ ! -f "$cli" ]; then
  echo "djkey-guard: its copy in $dir/djkey-guard is missing, so this push was not checked \
(rejected to be safe)." >&2
  echo "  Server admin: run djkey-guard install --pre-receive in $dir again." >&2
  exit 2
fi
node="\${DJKEY_GUARD_NODE:-}"
if [ -z "$node" ] && command -v node >/dev/null 2>&1; then node=node; fi
if [ -z "$node" ] && [ -x ${quote(nodePath)} ]; then node=${quote(nodePath)}; fi
if [ -z "$node" ]; then
  echo "djkey-guard: node was not found on the server, so this push was not checked \
(rejected to be safe)." >&2
  echo "  Server admin: put node on the hook's PATH, or set DJKEY_GUARD_NODE for the git service." >&2
  exit 2
fi
printf '%s\\n' "$input" | "$node" "$cli" pre-receive
`;
}

interface BareRepo {
  gitDir: string;
  hooksDir: string;
}

/** The repository at cwd if it is bare; null for a work tree; UsageError outside any repository. */
export async function bareRepository(context: RunContext): Promise<BareRepo | null> {
  const options: GitOptions = { cwd: context.cwd, env: context.env, debug: context.debug };
  const probe = await bareProbe(options).catch(() => undefined);
  if (!probe) throw new UsageError(`not a git repository: ${context.cwd}`);
  if (!probe.bare || !probe.gitDir) return null;
  return { gitDir: probe.gitDir, hooksDir: await gitPath('hooks', { ...options, cwd: probe.gitDir }) };
}

function item(items: Item[], status: Status, what: string): void {
  items.push({ status, what });
}

/** Set up hooks/pre-receive in the bare repository at cwd. */
export async function installPreReceive(
  context: RunContext,
  options: { sharedHooks?: boolean } = {}
): Promise<PreReceiveOutcome> {
  const repo = await bareRepository(context);
  if (!repo) {
    throw new UsageError(
      `install --pre-receive goes in a bare repository on the git server (e.g. /srv/git/project.git), ` +
        `and ${context.cwd} is a work tree. ` +
        'For this clone, run `djkey-guard install` (a pre-commit hook); to create a server-side ' +
        'repository: git init --bare <dir>.'
    );
  }
  const { gitDir, hooksDir } = repo;
  await refuseSharedHooksPath(
    { cwd: gitDir, env: context.env, debug: context.debug },
    Boolean(options.sharedHooks),
    'djkey-guard install --pre-receive'
  );
  const items: Item[] = [];
  const own = stateDir(gitDir);
  const state: InstallState = loadState(gitDir) ?? { version: 1, route: '', files: [], config: [], dirs: [] };
  const hookPath = join(hooksDir, 'pre-receive');
  const previousPath = join(hooksDir, PREVIOUS);
  try {
    mkdirSync(hooksDir, { recursive: true });
    mkdirSync(own, { recursive: true });
  } catch (error) {
    explainWriteError(error, hookPath);
  }

  const toolDir = join(own, 'tool');
  const wanted = fingerprint();
  const had = existsSync(toolDir) ? fingerprint(toolDir) : null;
  if (had === wanted) item(items, 'already present', `${toolDir} (djkey-guard copy the hook runs)`);
  else {
    copyTool(toolDir);
    item(items, had ? 'updated' : 'added', `${toolDir} (djkey-guard copy the hook runs; no npx, no network)`);
  }

  const text = hookText(process.execPath);
  // A symlink (a team's shared hook) is a hook too: kept and chained, never replaced unseen.
  const existing = snapshot(hookPath);
  const current = readText(hookPath);
  if (current === text) item(items, 'already present', hookPath);
  else {
    if (existing !== null && !current?.includes(MARKER)) {
      // Keep the previous hook exactly (bytes, mode, or symlink) under a name git never runs.
      remember(state, hookPath, 'git-hook');
      remember(state, previousPath, 'chained-hook');
      restore(previousPath, snapshot(hookPath));
      item(items, 'kept', `the existing hook, as ${previousPath} (runs first, on the same stdin)`);
    } else remember(state, hookPath, 'git-hook');
    writeAtomic(hookPath, text, 0o755);
    item(items, current?.includes(MARKER) ? 'updated' : 'added', hookPath);
  }
  for (const record of state.files) record.after = digest(snapshot(record.path));
  if (!state.route.split(',').includes(ROUTE))
    state.route = [...state.route.split(',').filter(Boolean), ROUTE].join(',');
  saveState(gitDir, state);
  const next = [
    'optional, a logged bypass for pushers: git config djkey-guard.allowSkip true && git config ' +
      'receive.advertisePushOptions true ' +
      '(then git push -o djkey-guard.skip="<reason>" passes; each skip is recorded in ' +
      'djkey-guard-skips.log in the git dir)'
  ];
  return { route: ROUTE, items, next };
}

/** Remove the pre-receive hook: the previous one back byte for byte, the copy and the record gone. */
export async function uninstallPreReceive(context: RunContext): Promise<PreReceiveOutcome> {
  const repo = await bareRepository(context);
  if (!repo) throw new UsageError(`uninstall --pre-receive: ${context.cwd} is not a bare repository.`);
  const { gitDir, hooksDir } = repo;
  const items: Item[] = [];
  const hookPath = join(hooksDir, 'pre-receive');
  const previousPath = join(hooksDir, PREVIOUS);
  const state = loadState(gitDir);
  const records =
    state?.files.filter((record) => record.path === hookPath || record.path === previousPath) ?? [];
  const hookRecord = records.find((record) => record.path === hookPath);
  if (hookRecord && readText(hookPath)?.includes(MARKER)) {
    // Our hook is there (even if edited since): the file before install comes back exactly.
    if (!restoreIfUntouched(hookRecord))
      restore(
        hookPath,
        hookRecord.before
          ? {
              data: Buffer.from(hookRecord.before.data, 'base64'),
              mode: hookRecord.before.mode,
              link: hookRecord.before.link
            }
          : null
      );
    item(items, hookRecord.before ? 'restored' : 'removed', hookPath);
    if (existsSync(previousPath)) removeFile(previousPath);
  } else if (readText(hookPath)?.includes(MARKER)) {
    // No record (state lost): put the kept hook back, or remove ours.
    if (existsSync(previousPath)) {
      renameSync(previousPath, hookPath);
      item(items, 'restored', hookPath);
    } else {
      removeFile(hookPath);
      item(items, 'removed', hookPath);
    }
  } else if (existsSync(hookPath))
    item(items, 'kept', `${hookPath} (not djkey-guard's: changed since install)`);
  const own = stateDir(gitDir);
  if (existsSync(own)) {
    rmSync(own, { recursive: true, force: true });
    item(items, 'removed', own);
  }
  if (items.length === 0) item(items, 'not present', 'djkey-guard pre-receive hook');
  return { route: ROUTE, items, next: [] };
}
