/**
 * `fix`: move literal keys out of settings modules into `.env`, read them with python-decouple
 * (or django-environ where the project already uses it), ignore and untrack `.env`, list the
 * dependency, write `.env.example`. Everything is planned first, shown as a masked diff, then
 * written all-or-nothing.
 */
import { loadConfig } from '../config/allowlist.js';
import { trackedEntries, type GitOptions } from '../git.js';
import { underLock } from './transaction.js';
import { envFileRule } from '../rules/index.js';
import { keygen, passesW009 } from './keygen.js';
import { csvValue, mergeEnv, readEnvValue, representable } from './dotenv.js';
import { addReadEnv, ensureEnvInstance } from './environ.js';
import { appendLines, gitignoreAdditions } from './gitignore-edit.js';
import { valuesInHistory } from './in-history.js';
import { applyPlan, addDependency, newPlan, type Plan } from './plan.js';
import { literalSites, loadModules, lookupStyle, resolveEnvDir, type PyModule } from './project.js';
import { ensureFromImport } from './python-imports.js';
import { FALLBACKS, rewriteLiterals, type LookupStyle, type Moved } from './python-rewrite.js';
import type { FixResult, RunContext } from '../types.js';

export interface FixOptions {
  /** Plan and show the diff; write nothing. */
  dryRun?: boolean;
}

export type { FixResult } from '../types.js';

interface Found {
  module: PyModule;
  style: LookupStyle & { defined: boolean };
  envDir: string;
  rewrite: (text: string) => { text: string; moved: Moved[] };
  moved: Moved[];
}

/** Settings modules named like the main one are preferred when literals disagree. */
function rank(path: string): number {
  if (/(^|\/)(tests?|testing|ci|dev|development|local)([/_.-]|\.py$)/i.test(path)) return 2;
  if (/(^|\/)(settings|base|common)\.py$/.test(path)) return 0;
  return 1;
}

/** The literal-bearing modules and how each will be rewritten. */
function findLiterals(
  root: string,
  modules: readonly PyModule[],
  names: readonly string[],
  notes: string[]
): Found[] {
  const found: Found[] = [];
  for (const module of modules) {
    const inTree = module.file.exists ? literalSites(module.file.text, names) : [];
    const inIndex = module.staged !== null ? literalSites(module.staged, names) : [];
    if (inTree.length === 0 && inIndex.length === 0) continue;
    const style = lookupStyle(module, modules);
    const { dir: envDirName, wireReadEnv } = resolveEnvDir(root, module, modules, style, notes);
    const envDir = { dir: envDirName };
    const rewrite = (text: string) => {
      const result = rewriteLiterals(text, literalSites(text, names), names, style);
      let out = result.text;
      if (style.kind === 'decouple') out = ensureFromImport(out, 'decouple', [...result.uses]);
      else {
        if (!style.defined) out = ensureEnvInstance(out, style.envName);
        if (wireReadEnv) out = addReadEnv(out, module.path, envDir.dir);
      }
      return { text: out, moved: result.moved };
    };
    const moved = module.file.exists ? rewrite(module.file.text).moved : [];
    if (module.staged !== null) {
      for (const item of rewrite(module.staged).moved)
        if (!moved.some((m) => m.name === item.name)) moved.push(item);
    }
    found.push({ module, style, envDir: envDir.dir, rewrite, moved });
  }
  return found;
}

/** Pick one value per (folder, name) and say so when modules disagree. */
function chooseValues(found: readonly Found[], notes: string[]): Map<string, Map<string, string[]>> {
  const byDir = new Map<string, Map<string, Array<{ values: string[]; path: string }>>>();
  for (const item of [...found].sort(
    (a, b) => rank(a.module.path) - rank(b.module.path) || (a.module.path < b.module.path ? -1 : 1)
  )) {
    const names = byDir.get(item.envDir) ?? new Map();
    byDir.set(item.envDir, names);
    for (const moved of item.moved)
      names.set(moved.name, [
        ...(names.get(moved.name) ?? []),
        { values: moved.values, path: item.module.path }
      ]);
  }
  const chosen = new Map<string, Map<string, string[]>>();
  for (const [dir, names] of byDir) {
    const values = new Map<string, string[]>();
    for (const [name, sources] of names) {
      if (name === FALLBACKS) {
        values.set(name, [...new Set(sources.flatMap((s) => s.values))]);
        continue;
      }
      const distinct = new Set(sources.flatMap((s) => s.values));
      values.set(name, [sources[0]!.values[0]!]);
      if (distinct.size > 1) {
        notes.push(
          `${name} had ${distinct.size} different literals ` +
            `(${[...new Set(sources.map((s) => s.path))].join(', ')}); .env keeps the one ` +
            `from ${sources[0]!.path}. The others were committed too: treat them as leaked.`
        );
      }
    }
    chosen.set(dir, values);
  }
  return chosen;
}

const envPath = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

/** Plan (and unless dry-run, apply) the fix for the repository at `context.cwd`. */
export async function fix(context: RunContext, options: FixOptions = {}): Promise<FixResult> {
  const dryRun = Boolean(options.dryRun);
  return underLock(context, dryRun, ({ root, gitDir, rootGit }) => fixLocked(root, gitDir, rootGit, dryRun));
}

const LOGGED_OUT =
  'Everyone signed in is logged out once, and password-reset links already sent stop working; set the ' +
  'new key wherever else the old one is deployed.';

async function fixLocked(
  root: string,
  gitDir: string,
  rootGit: GitOptions,
  dryRun: boolean
): Promise<FixResult> {
  const config = loadConfig(root);
  const names = config.names;
  const plan: Plan = newPlan(root, gitDir);
  const notes = plan.notes;

  // The index is listed once: its .py modules here, its dotenv files further down.
  const index = await trackedEntries(rootGit);
  const modules = await loadModules(root, names, rootGit, index);
  const found = findLiterals(root, modules, names, notes);
  const chosen = chooseValues(found, notes);

  // Values already in history are leaked: SECRET_KEY gets a new one, old fallbacks are dropped.
  const envTexts = new Map([...chosen.keys()].map((dir) => [dir, plan.read(envPath(dir, '.env'))]));
  const candidates = [...chosen].flatMap(([dir, values]) =>
    [...values].flatMap(([name, list]) => [...list, readEnvValue(envTexts.get(dir)!.text, name) ?? ''])
  );
  const leaked = await valuesInHistory(candidates, names, rootGit);
  const environDirs = new Set(found.filter((f) => f.style.kind === 'environ').map((f) => f.envDir));
  for (const [dir, values] of chosen) {
    const envFile = envTexts.get(dir)!;
    const environ = environDirs.has(dir);
    const final = new Map<string, string>();
    for (const [name, list] of values) {
      plan.secrets.push(...list);
      if (name === FALLBACKS) {
        const kept = list.filter((value) => representable(value, environ) && !leaked.has(value));
        if (kept.length < list.length)
          notes.push(
            `${list.length - kept.length} of the ${FALLBACKS} ` +
              `keys ${list.length - kept.length === 1 ? 'is' : 'are'} already in git history ` +
              `(leaked) and ${list.length - kept.length === 1 ? 'was' : 'were'} not kept as a ` +
              `fallback.`
          );
        final.set(name, csvValue(kept, environ));
        continue;
      }
      const existing = readEnvValue(envFile.text, name);
      let value = existing !== undefined && existing !== '' ? existing : list[0]!;
      if (existing !== undefined && existing !== '' && existing !== list[0])
        notes.push(
          `${envPath(dir, '.env')} already sets ${name}; kept that value (the literal in the code was ` +
            `dropped).`
        );
      if (leaked.has(value)) {
        value = keygen();
        notes.push(
          `${name}: the key is already in git history (in some form), so it is leaked ` +
            `— ${envPath(dir, '.env')} gets a NEW key. ${LOGGED_OUT}`
        );
      } else if (name !== FALLBACKS && !passesW009(value)) {
        const why = value.startsWith('django-insecure-')
          ? 'a startproject key'
          : value.length < 50
            ? 'shorter than 50 characters'
            : 'fewer than 5 different characters';
        value = keygen();
        notes.push(
          `${name}: the old key fails Django's security.W009 (${why}), so ${envPath(dir, '.env')} gets ` +
            `a NEW key. ${LOGGED_OUT}`
        );
      } else if (!representable(value, environ)) {
        value = keygen();
        notes.push(
          `${name}: the old value cannot be stored in .env ` +
            `(${environ ? 'django-environ reads a leading $ as a reference' : 'it spans lines'}), ` +
            `so ${envPath(dir, '.env')} gets a NEW key.`
        );
      }
      plan.secrets.push(value);
      final.set(name, value);
    }
    plan.edit(envPath(dir, '.env'), (text) => mergeEnv(text, final), {
      newMode: 0o600,
      stage: false,
      private: true
    });
    plan.edit(envPath(dir, '.env.example'), (text) =>
      mergeEnv(text, new Map([...final.keys()].map((name) => [name, ''])), true)
    );
  }
  for (const item of found) {
    const path = item.module.path;
    // A module deleted in the work tree but still staged: fix the index copy, never recreate the file.
    plan.edit(path, (text) => item.rewrite(text).text, item.module.file.exists ? {} : { indexOnly: true });
  }

  // Dotenv files in the index come out of it; .gitignore learns to ignore them.
  const trackedEnv = index.map((entry) => entry.path).filter((path) => envFileRule.matches(path, config));
  plan.untrack.push(...trackedEnv);
  const envPaths = [...new Set([...[...chosen.keys()].map((dir) => envPath(dir, '.env')), ...trackedEnv])];
  if (envPaths.length)
    plan.edit('.gitignore', (text) => appendLines(text, gitignoreAdditions(text, envPaths)));

  const decoupleDirs = [...new Set(found.filter((f) => f.style.kind === 'decouple').map((f) => f.envDir))];
  for (const dir of decoupleDirs) addDependency(plan, [dir, ''], 'python-decouple');

  return applyPlan(plan, rootGit, dryRun);
}
