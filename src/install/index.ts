/**
 * install / uninstall: choose the route, apply it, and keep the record uninstall needs. One file per
 * route (husky, git-hook, pre-commit, lint-staged, pre-receive) plus alias.ts, the `git djkey-guard`
 * alias each leaves; detect.ts reads the repository, state.ts keeps the record, undo.ts takes it back.
 * A new hook route: its file here, its entry in ROUTES below, its flag in commands/options.ts.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configSet, configUnset, configGet } from '../git.js';
import type { RunContext } from '../types.js';
import { detect, type Facts } from './detect.js';
import { UsageError } from '../errors.js';
import { digest, snapshot } from './files.js';
import { ensureToolCopy, installGitHook } from './git-hook.js';
import { ALIAS_KEY, commandsAfterInstall, installAlias } from './alias.js';
import { installHusky } from './husky.js';
import { installLintStaged } from './lint-staged.js';
import { installPreCommit } from './pre-commit.js';
import { loadState, saveState, stateDir, type InstallState } from './state.js';
import { undoFile, undoWithoutRecord } from './undo.js';
import { report, show, type InstallOptions, type Item, type Session } from './session.js';
import { installArgs, type Manager } from './package.js';
import { runTool } from './tools.js';

export interface Outcome {
  route: string;
  /** True when the hook is not active yet (see `next`). */
  incomplete?: boolean;
  items: Item[];
  next: string[];
  notes?: string[];
  /** The commands this clone uses from now on (install only). */
  commands?: string[];
}

/** The hook routes, in the order of their flags; chooseRoute says which one is picked unasked. */
export const ROUTES = {
  husky: installHusky,
  'git-hook': installGitHook,
  'pre-commit': installPreCommit,
  'lint-staged': installLintStaged
} satisfies Record<string, (session: Session) => Promise<void>>;

export type Route = keyof typeof ROUTES;

/** Forced route (one flag at most), else: active husky > pre-commit config > package.json > plain hook. */
export function chooseRoute(facts: Facts, forced: Route[]): Route {
  if (forced.length > 1) throw new UsageError(`choose one of ${forced.map((r) => `--${r}`).join(', ')}`);
  if (forced[0]) return forced[0];
  if (facts.huskyDir) return 'husky';
  if (facts.preCommitConfig) return 'pre-commit';
  if (facts.packageDir) return 'husky';
  return 'git-hook';
}

async function open(context: RunContext, options: InstallOptions = {}): Promise<Session> {
  const git = { cwd: context.cwd, env: context.env, debug: context.debug };
  const facts = await detect(git);
  const state: InstallState = loadState(facts.commonDir, [facts.root, facts.hooksDir]) ?? {
    version: 1,
    route: '',
    files: [],
    config: [],
    dirs: []
  };
  return {
    facts,
    options,
    env: context.env,
    git: { ...git, cwd: facts.root },
    state,
    items: [],
    next: [],
    notes: [],
    touched: new Set(),
    incomplete: false
  };
}

/** Set up the hook (route forced by `forced`, else chosen from what the repo has). */
export async function install(
  context: RunContext,
  forced: Route[] = [],
  options: InstallOptions = {}
): Promise<Outcome> {
  const session = await open(context, options);
  const route = chooseRoute(session.facts, forced);
  const recorded = (state: InstallState) => JSON.stringify({ ...state, route: '' });
  const before = recorded(session.state);
  let done = false;
  try {
    await ROUTES[route](session);
    // The command the user types from now on runs the copy this route's hook runs.
    if (route === 'pre-commit') ensureToolCopy(session, '`git djkey-guard` runs');
    await installAlias(session, route === 'husky' || route === 'lint-staged' ? 'package' : 'copy');
    done = true;
  } finally {
    for (const record of session.state.files)
      if (session.touched.has(record.path)) record.after = digest(snapshot(record.path));
    const routes = session.state.route.split(',').filter(Boolean);
    const newRoute = done && !routes.includes(route);
    if (newRoute) session.state.route = [...routes, route].join(',');
    // Record only real changes: a failed first attempt leaves no trace in the git dir.
    if (newRoute || recorded(session.state) !== before) saveState(session.facts.commonDir, session.state);
  }
  return {
    route,
    items: session.items,
    next: session.next,
    notes: session.notes,
    incomplete: session.incomplete,
    commands: commandsAfterInstall()
  };
}

/** Undo what install recorded (byte for byte where nothing changed since), or our known edits. */
export async function uninstall(context: RunContext, options: InstallOptions = {}): Promise<Outcome> {
  const session = await open(context, options);
  const { state, facts } = session;
  const recorded = state.files.length > 0 || state.config.length > 0 || state.dirs.length > 0;
  if (recorded) for (const record of [...state.files].reverse()) undoFile(session, record);
  else undoWithoutRecord(session);

  for (const entry of state.config) {
    const now = await configGet(entry.key, session.git);
    if (now === (entry.before ?? undefined)) continue;
    if (entry.after !== undefined && now !== entry.after) {
      report(session, 'kept', `git config ${entry.key} (changed since install)`);
      continue;
    }
    if (entry.key === ALIAS_KEY && entry.before === null) {
      await configUnset(entry.key, session.git);
      report(session, 'removed', 'the git djkey-guard alias (.git/config)');
      continue;
    }
    if (entry.before === null) await configUnset(entry.key, session.git);
    else await configSet(entry.key, entry.before, session.git);
    report(
      session,
      'restored',
      `git config ${entry.key}${entry.before === null ? ' (unset)' : ` = ${entry.before}`}`
    );
  }
  const modules = state.nodeModules;
  if (modules && !modules.existed) {
    rmSync(modules.dir, { recursive: true, force: true });
    report(session, 'removed', show(session, modules.dir));
  } else if (modules && options.noInstall) {
    session.next.push(
      `run \`${modules.manager} install\` in ${show(session, dirname(modules.dir))} to bring ` +
        `node_modules back in line with package.json (not run: --no-install)`
    );
  } else if (modules) {
    options.say?.(
      `running \`${modules.manager} install\` in ${show(session, dirname(modules.dir))} to bring ` +
        `node_modules back in line with package.json — it also runs your project's install scripts…`
    );
    const result = await runTool(
      modules.manager,
      installArgs(modules.manager as Manager),
      dirname(modules.dir),
      session.env
    );
    if (result.code === 0)
      report(
        session,
        'ran',
        existsSync(join(modules.dir, 'djkey-guard'))
          ? `${modules.manager} install (djkey-guard stays in node_modules: package.json still depends on it)`
          : `${modules.manager} install (djkey-guard is gone from node_modules)`
      );
    else
      session.next.push(
        `run \`${modules.manager} install\` in ${show(session, dirname(modules.dir))} to bring ` +
          `node_modules back in line with package.json`
      );
  }
  for (const dir of [...state.dirs].reverse()) {
    if (!existsSync(dir)) continue;
    const leftovers = readdirSync(dir).filter((name) => name !== '_');
    if (leftovers.length === 0) {
      rmSync(dir, { recursive: true, force: true });
      report(session, 'removed', show(session, dir));
    }
  }
  const own = stateDir(facts.commonDir);
  if (existsSync(own)) {
    rmSync(own, { recursive: true, force: true });
    report(session, 'removed', show(session, own));
  }
  if (session.items.length === 0) report(session, 'not present', 'djkey-guard hook');
  return { route: state.route || 'none recorded', items: session.items, next: session.next };
}
