/**
 * `rotate`: a new key in `.env`, the previous one at the front of SECRET_KEY_FALLBACKS (so
 * existing sessions and signed links keep working on Django 4.1.8+), settings wired to read the
 * list. `--finish` empties the list once old sessions have expired. A key found in history is
 * leaked and is not kept as a fallback unless `--force`.
 */
import { loadConfig } from '../config/allowlist.js';
import { UsageError } from '../errors.js';
import type { GitOptions } from '../git.js';
import type { FixResult } from './fix.js';
import { csvValue, mergeEnv, parseCsv, readEnvValue } from './dotenv.js';
import { valuesInHistory } from './in-history.js';
import { addDependency, applyPlan, newPlan } from './plan.js';
import { underLock } from './transaction.js';
import { literalSites, loadModules, lookupStyle, resolveEnvDir, type PyModule } from './project.js';
import { ensureFromImport } from './python-imports.js';
import { FALLBACKS, lookupFor, type LookupStyle } from './python-rewrite.js';
import { statements, tokenList, type Token } from '../parse/python/token-list.js';
import type { RunContext } from '../types.js';
import { djangoVersion, rotationWarning } from './django-version.js';
import { keygen } from './keygen.js';

export interface RotateOptions {
  dryRun?: boolean;
  /** Drop every fallback (the rotation is over). */
  finish?: boolean;
  /** Keep a key found in history as a fallback anyway. */
  force?: boolean;
}

export interface RotateResult extends FixResult {
  /** The Django version found, and where. */
  django?: { version: string; source: string };
}

interface KeyReader {
  /** Indentation of the statement. */
  indent: string;
  /** Quote the lookup uses. */
  quote: string;
  /** The environment variable it reads (SECRET_KEY, DJANGO_SECRET_KEY). */
  envName: string;
  /** Offset just past the statement. */
  end: number;
}

const READS_KEY = /^(?:DJANGO_)?SECRET_KEY$/;

/**
 * `SECRET_KEY = config('SECRET_KEY')` (any lookup call, annotation allowed) found with the one
 * Python front end: a top-level-or-indented statement assigning SECRET_KEY whose value calls
 * something with the variable's name as a string argument.
 */
function keyReader(text: string): KeyReader | null {
  const tokens: Token[] = tokenList(text);
  for (const [first, last] of statements(tokens)) {
    const head = tokens[first]!;
    if (head.kind !== 'name' || head.text !== 'SECRET_KEY') continue;
    const equals = tokens.findIndex((t, i) => i > first && i <= last && t.depth === 0 && t.text === '=');
    if (equals < 0 || (equals !== first + 1 && tokens[first + 1]?.text !== ':')) continue;
    for (let i = equals + 1; i < last; i++) {
      const name = tokens[i + 1]!;
      if (tokens[i]!.text === '(' && name.kind === 'string' && READS_KEY.test(name.value ?? '')) {
        const lineStart = text.lastIndexOf('\n', head.start - 1) + 1;
        return {
          indent: text.slice(lineStart, head.start),
          quote: /["']/.exec(name.text)?.[0] ?? "'",
          envName: name.value!,
          end: codeEnd(tokens, first, last)
        };
      }
    }
  }
  return null;
}

/** Offset past the last code token of a statement (a trailing comment belongs to its line). */
function codeEnd(tokens: readonly Token[], first: number, last: number): number {
  let i = last;
  while (i > first && tokens[i]!.kind === 'comment') i--;
  return tokens[i]!.end;
}

/** Does a statement already assign SECRET_KEY_FALLBACKS? */
function assignsFallbacks(text: string): boolean {
  const tokens = tokenList(text);
  return statements(tokens).some(
    ([first]) =>
      tokens[first]!.kind === 'name' &&
      tokens[first]!.text === FALLBACKS &&
      [':', '='].includes(tokens[first + 1]?.text ?? '')
  );
}

interface Reader {
  module: PyModule;
  style: LookupStyle;
  envName: string;
  envDir: string;
}

/** Insert the SECRET_KEY_FALLBACKS line right after the SECRET_KEY statement (same indentation). */
function wireFallbacks(text: string, style: LookupStyle): string {
  if (assignsFallbacks(text)) return text;
  const reader = keyReader(text);
  if (!reader) return text;
  const newline = text.indexOf('\n', reader.end);
  const at = newline < 0 ? text.length : newline + 1;
  const line = `${reader.indent}${FALLBACKS} = ${lookupFor(FALLBACKS, style, reader.quote)}\n`;
  const out = text.slice(0, at) + (newline < 0 ? '\n' : '') + line + text.slice(at);
  return style.kind === 'decouple' ? ensureFromImport(out, 'decouple', ['Csv', 'config']) : out;
}

/** Plan (and unless dry-run, apply) a key rotation. */
export async function rotate(context: RunContext, options: RotateOptions = {}): Promise<RotateResult> {
  return underLock(context, Boolean(options.dryRun), ({ root, gitDir, rootGit }) =>
    rotateLocked(root, gitDir, rootGit, options)
  );
}

async function rotateLocked(
  root: string,
  gitDir: string,
  rootGit: GitOptions,
  options: RotateOptions
): Promise<RotateResult> {
  const names = loadConfig(root).names;
  const plan = newPlan(root, gitDir);
  const modules = await loadModules(root, names, rootGit);

  const literal = modules.find((m) => m.file.exists && literalSites(m.file.text, names).length > 0);
  if (literal)
    throw new UsageError(
      `${literal.path} still holds a literal key: run \`djkey-guard fix\` first, then rotate.`
    );
  const readers: Reader[] = [];
  for (const module of modules) {
    const reader = keyReader(module.file.text);
    if (!reader) continue;
    const style = lookupStyle(module, modules);
    readers.push({
      module,
      style,
      envName: reader.envName,
      envDir: resolveEnvDir(root, module, modules, style, plan.notes).dir
    });
  }
  if (readers.length === 0) {
    throw new UsageError(
      "no settings module reads SECRET_KEY from the environment (SECRET_KEY = config('SECRET_KEY')): " +
        'run `djkey-guard fix` first.'
    );
  }

  const django = djangoVersion(root, [...readers.map((r) => r.envDir), '']);
  const caveat = rotationWarning(django);
  if (caveat && !options.finish) plan.notes.push(caveat);

  for (const dir of [...new Set(readers.map((r) => r.envDir))]) {
    const envPath = dir ? `${dir}/.env` : '.env';
    const here = readers.filter((r) => r.envDir === dir);
    const environ = here.some((r) => r.style.kind === 'environ');
    const envName = here[0]!.envName;
    const text = plan.read(envPath).text;
    const current = readEnvValue(text, envName);
    const previous = parseCsv(readEnvValue(text, FALLBACKS) ?? '', environ);
    plan.secrets.push(...(current ? [current] : []), ...previous);
    const values = new Map<string, string>();
    if (options.finish) {
      values.set(FALLBACKS, '');
      if (previous.length)
        plan.notes.push(
          `${envPath}: dropped ${previous.length} fallback key(s); sessions signed with them now end.`
        );
    } else {
      const key = keygen();
      plan.secrets.push(key);
      values.set(envName, key);
      let fallbacks = [...new Set([current ?? '', ...previous])].filter(
        (value) => value !== '' && value !== key
      );
      const leaked = await valuesInHistory(fallbacks, names, rootGit);
      if (leaked.size && !options.force) {
        fallbacks = fallbacks.filter((value) => !leaked.has(value));
        plan.notes.push(
          `${leaked.size} old key(s) are in git history (leaked) and were NOT kept as fallbacks: ` +
            `whoever has them could still sign sessions. Users signed in with them are logged out. ` +
            `(--force keeps them anyway.)`
        );
      } else if (leaked.size) {
        plan.notes.push(
          `--force: keeping ${leaked.size} leaked key(s) as fallbacks. Run \`djkey-guard rotate ` +
            `--finish\` as soon as sessions have moved over.`
        );
      }
      if (current === undefined)
        plan.notes.push(
          `${envPath} had no ${envName}: wrote a new one; the key running in production (if any) must ` +
            `be replaced there too.`
        );
      values.set(FALLBACKS, csvValue(fallbacks, environ));
      // csvValue quotes such an item, but decouple's Csv() strips each item after unquoting (its
      // default strip=string.whitespace): Django would get the key without its spaces.
      const spaced = fallbacks.filter((value) => value !== value.trim()).length;
      if (spaced && !environ)
        plan.notes.push(
          `${envPath}: ${spaced === 1 ? 'the old key begins or ends' : `${spaced} old keys begin or end`} ` +
            `with whitespace. It is kept quoted in ${FALLBACKS}, but decouple's Csv() strips every ` +
            `item, so Django would not match sessions signed with it and everyone signed in would be ` +
            `logged out once. To honour them, read the list with \`cast=Csv(strip='')\` in settings ` +
            `until \`rotate --finish\`.`
        );
      plan.notes.push(
        `${envPath}: new ${envName}; ${fallbacks.length} key(s) in ${FALLBACKS}. Deploy it, then run ` +
          `\`djkey-guard rotate --finish\` after SESSION_COOKIE_AGE (default two weeks).`
      );
    }
    plan.edit(envPath, (t) => mergeEnv(t, values), { newMode: 0o600, stage: false, private: true });
    plan.edit(dir ? `${dir}/.env.example` : '.env.example', (t) =>
      mergeEnv(
        t,
        new Map([
          [envName, ''],
          [FALLBACKS, '']
        ]),
        true
      )
    );
  }
  for (const reader of readers) plan.edit(reader.module.path, (text) => wireFallbacks(text, reader.style));
  const decoupleDirs = readers.filter((r) => r.style.kind === 'decouple').map((r) => r.envDir);
  if (decoupleDirs.length) addDependency(plan, [...decoupleDirs, ''], 'python-decouple');

  const applied = await applyPlan(plan, rootGit, Boolean(options.dryRun));
  return { ...applied, ...(django ? { django } : {}) };
}
