/**
 * The short, stable command every route leaves behind: `git djkey-guard …`, a git alias in this
 * repository's own config (never --global) that runs the copy the hook runs — the private copy in
 * the git dir (plain hook, pre-commit framework) or the package's node_modules (husky,
 * lint-staged). Never npx: in a repository without package.json npx would go to the registry.
 * git runs a `!` alias at the top of the work tree; it cds back to where the user typed it
 * (GIT_PREFIX), so path arguments keep their meaning.
 */
import { configGet, configSet } from '../git.js';
import { fromRoot } from './detect.js';
import { shQuote } from './husky.js';
import { report, type Session } from './session.js';

export const ALIAS_KEY = 'alias.djkey-guard';
/** What the user types. */
export const SHORT_COMMAND = 'git djkey-guard';

/**
 * A `!` alias running the CLI at `cli` (a shell word). A function, because git appends the user's
 * arguments to the alias text. An emptied or cut copy would run as "nothing found" (exit 0), so, as
 * in the hooks, the CLI must say on fd 3 that it ran to its end; its stdout stays the user's (fd 4),
 * so `git djkey-guard --all | less` still pages the report.
 */
function provenAlias(cli: string): string {
  return (
    `!f() { cd "\${GIT_PREFIX:-.}" || return 2; cli=${cli}; ` +
    '{ p=$(DJKEY_GUARD_PROOF=3 node "$cli" "$@" 3>&1 1>&4 4>&-); c=$?; } 4>&1; ' +
    'case $p in *judged) return $c;; esac; ' +
    'echo "djkey-guard: $cli did not run to its end (the copy is damaged or missing), nothing was ' +
    'checked. Install djkey-guard again." >&2; return 2; }; f'
  );
}

/** The alias that runs the private copy in `<common dir>/djkey-guard/tool`. */
export function copyAlias(): string {
  return provenAlias(
    '"$(git rev-parse --path-format=absolute --git-common-dir)/djkey-guard/tool/dist/cli.js"'
  );
}

/** The alias that runs the package installed in `<packagePrefix>/node_modules` (repo-relative prefix). */
export function packageAlias(packagePrefix: string): string {
  const cli = `${packagePrefix ? `${packagePrefix}/` : ''}node_modules/djkey-guard/dist/cli.js`;
  return provenAlias(`"$(git rev-parse --show-toplevel)"/${shQuote(cli)}`);
}

/** Point `git djkey-guard` at the copy this route runs; recorded so uninstall removes it. */
export async function installAlias(session: Session, where: 'copy' | 'package'): Promise<void> {
  const { facts } = session;
  const value =
    where === 'copy' || !facts.packageDir
      ? copyAlias()
      : packageAlias(facts.packageDir === facts.root ? '' : fromRoot(facts, facts.packageDir));
  const current = await configGet(ALIAS_KEY, session.git);
  let entry = session.state.config.find((record) => record.key === ALIAS_KEY);
  if (!entry) {
    entry = { key: ALIAS_KEY, before: current ?? null };
    session.state.config.push(entry);
  }
  entry.after = value;
  if (current === value) report(session, 'already present', `${SHORT_COMMAND} (git alias in .git/config)`);
  else {
    await configSet(ALIAS_KEY, value, session.git);
    report(session, current ? 'updated' : 'added', `${SHORT_COMMAND} (git alias in .git/config)`);
  }
}

/** The closing lines of install: the commands this clone uses from now on. */
export function commandsAfterInstall(): string[] {
  return [
    `${SHORT_COMMAND} fix          move a literal key to .env, read it with python-decouple`,
    `${SHORT_COMMAND} --all        scan every tracked file (a commit is checked by the hook)`,
    `${SHORT_COMMAND} uninstall    undo this install`
  ];
}

/** Whether `git djkey-guard` is set up here (for messages that name a command). */
export async function aliasInstalled(cwd: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return (await configGet(ALIAS_KEY, { cwd, env }).catch(() => undefined)) !== undefined;
}
