/**
 * The Django project as fix/rotate see it: Python modules in the index, where `.env` goes, which library
 * reads it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decode } from '../decode.js';
import { readObjects, trackedEntries, untrackedPaths, type GitOptions } from '../git.js';
import type { IndexEntry } from '../parse-z.js';
import { classifyValue } from '../rules/placeholder.js';
import { pythonBindingSites, type BindingSite } from '../rules/secret-key/formats/python.js';
import { extractInsecureTokens } from '../rules/secret-key/formats/generic.js';
import { mentionsName } from '../rules/secret-key/bind/names.js';
import { readTextFile, type TextFile } from './text-file.js';
import type { LookupStyle } from './python-rewrite.js';
import { readEnvDir } from './environ.js';
import { UsageError } from '../errors.js';

export interface PyModule {
  /** Root-relative path. */
  path: string;
  /** Index entry mode (100644/100755); null for a file not yet added (a fresh project). */
  mode: string | null;
  /** Text as staged (LF, no BOM), or null when unreadable. */
  staged: string | null;
  /** The work-tree file. */
  file: TextFile;
}

const MAX_BYTES = 4 * 1024 * 1024;

/**
 * Tracked/staged `.py` files that mention a guarded name or django-environ, with index and
 * work-tree text, plus untracked, not ignored ones (a fresh `startproject` before the first `git add`).
 * `index`: the index's entries when the caller has already listed them (fix needs them again).
 */
export async function loadModules(
  root: string,
  names: readonly string[],
  git: GitOptions,
  index?: readonly IndexEntry[]
): Promise<PyModule[]> {
  const entries = (index ?? (await trackedEntries(git))).filter(
    (entry) => /\.pyw?$/.test(entry.path) && /^100(644|755)$/.test(entry.mode)
  );
  const staged = new Map<string, string>();
  const byOid = new Map<string, string[]>();
  for (const entry of entries) byOid.set(entry.oid, [...(byOid.get(entry.oid) ?? []), entry.path]);
  await readObjects(
    [...byOid.keys()],
    MAX_BYTES,
    (object) => {
      const decoded = object.data ? decode(object.data) : undefined;
      if (!decoded || 'binary' in decoded) return;
      const text = normalise(decoded.text);
      if (!mentionsName(text, names) && !/\benviron\b|django-insecure-/.test(text)) return;
      for (const path of byOid.get(object.oid) ?? []) staged.set(path, text);
    },
    git
  );
  const modules: PyModule[] = [];
  for (const entry of entries) {
    const file = safeRead(join(root, entry.path)) ?? {
      text: '',
      eol: '\n',
      bom: false,
      encoding: 'utf-8',
      exists: false
    };
    const text = staged.get(entry.path);
    const relevant = text !== undefined || mentionsName(file.text, names) || /\benviron\b/.test(file.text);
    if (relevant && (file.exists || text !== undefined))
      modules.push({ path: entry.path, mode: entry.mode, staged: text ?? null, file });
  }
  for (const path of await untrackedPaths(git, ['*.py', '*.pyw'])) {
    const file = safeRead(join(root, path));
    if (file && (mentionsName(file.text, names) || /\benviron\b|django-insecure-/.test(file.text)))
      modules.push({ path, mode: null, staged: null, file });
  }
  return modules;
}

/**
 * A module that can't be read as a regular file (a link out of the tree, a device) is left to the target
 * checks.
 */
function safeRead(path: string): TextFile | undefined {
  try {
    return readTextFile(path);
  } catch {
    return undefined;
  }
}

function normalise(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n/g, '\n');
}

/**
 * The blocking literal keys of a Python text as the secret-key rule binds them (one front end for
 * scanner, fix and rotate), plus bare `django-insecure-` tokens the generic rule finds anywhere.
 */
export function literalSites(text: string, names: readonly string[]): BindingSite[] {
  const sites = pythonBindingSites(text, names).filter((site) => classifyValue(site.value) === 'literal');
  for (const token of extractInsecureTokens(text)) {
    if (
      classifyValue(token.value) !== 'literal' ||
      sites.some((site) => site.start <= token.offset && token.offset < site.end)
    )
      continue;
    sites.push({
      name: 'SECRET_KEY',
      nameOffset: token.offset,
      value: token.value,
      offset: token.offset,
      start: token.offset,
      end: token.offset + token.value.length,
      form: 'assign',
      commented: false
    });
  }
  const seen = new Set<number>();
  return sites
    .filter((site) => !seen.has(site.offset) && seen.add(site.offset))
    .sort((a, b) => a.offset - b.offset);
}

/**
 * Where python-decouple will look: it walks up from the settings module's folder and takes the
 * first `settings.ini` or `.env`. An existing one wins; otherwise `.env` goes next to the nearest
 * `manage.py` above the module, or at the repository root.
 */
export function envLocation(root: string, modulePath: string): { dir: string; ini?: string } {
  const parts = modulePath.split('/').slice(0, -1);
  for (let depth = parts.length; depth >= 0; depth--) {
    const dir = parts.slice(0, depth).join('/');
    if (existsSync(join(root, dir, 'settings.ini'))) return { dir, ini: join(dir, 'settings.ini') };
    if (existsSync(join(root, dir, '.env'))) return { dir };
  }
  for (let depth = parts.length; depth >= 0; depth--) {
    const dir = parts.slice(0, depth).join('/');
    if (existsSync(join(root, dir, 'manage.py'))) return { dir };
  }
  return { dir: '' };
}

/** `X = environ.Env(` in a module: the instance name. */
export function environInstance(text: string): string | undefined {
  return /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*environ\.Env\(/m.exec(text)?.[1];
}

/** Modules this one star-imports (`from .base import *`), resolved to root-relative paths. */
export function starImports(modulePath: string, text: string): string[] {
  const dir = dirname(modulePath);
  const found: string[] = [];
  for (const match of text.matchAll(/^from\s+(\.+)([A-Za-z0-9_.]*)\s+import\s+\*/gm)) {
    let base = dir === '.' ? '' : dir;
    for (let i = 1; i < match[1]!.length; i++)
      base = base.includes('/') ? base.slice(0, base.lastIndexOf('/')) : '';
    const rel = match[2]!.replace(/\./g, '/');
    found.push([base, rel].filter(Boolean).join('/') + '.py');
  }
  return found;
}

/**
 * django-environ projects stay on django-environ: a module uses it when it (or a module it
 * star-imports) creates an `environ.Env`. `defined` says whether the instance is already in scope.
 */
export function lookupStyle(
  module: PyModule,
  modules: readonly PyModule[]
): LookupStyle & { defined: boolean } {
  const own = environInstance(module.file.text);
  if (own) return { kind: 'environ', envName: own, defined: true };
  for (const path of starImports(module.path, module.file.text)) {
    const base = modules.find((m) => m.path === path);
    const name = base && environInstance(base.file.text);
    if (name) return { kind: 'environ', envName: name, defined: true };
  }
  if (/^\s*import\s+environ\b/m.test(module.file.text))
    return { kind: 'environ', envName: 'env', defined: false };
  return { kind: 'decouple', envName: 'env', defined: true };
}

/**
 * The folder whose `.env` this module will read. django-environ: where its `read_env()` points
 * (`wireReadEnv` when there is no call yet); python-decouple: its upward search.
 */
export function resolveEnvDir(
  root: string,
  module: PyModule,
  modules: readonly PyModule[],
  style: LookupStyle,
  notes: string[]
): { dir: string; wireReadEnv: boolean } {
  const location = envLocation(root, module.path);
  if (style.kind === 'environ') {
    const sources = [
      module,
      ...starImports(module.path, module.file.text).flatMap((p) => modules.filter((m) => m.path === p))
    ];
    const dirs = sources.map((m) => readEnvDir(m.path, m.file.text)).filter((d) => d !== null);
    if (dirs.length === 0) return { dir: location.dir, wireReadEnv: true };
    if (typeof dirs[0] === 'string') return { dir: dirs[0], wireReadEnv: false };
    notes.push(
      `${module.path}: could not tell which file read_env() reads; using ${location.dir || '.'}/.env — ` +
        `check the path.`
    );
    return { dir: location.dir, wireReadEnv: false };
  }
  if (location.ini) {
    throw new UsageError(
      `${location.ini} exists: python-decouple reads it before any .env. Put SECRET_KEY in its ` +
        `[settings] section (double every %), or remove it, then run again.`
    );
  }
  return { dir: location.dir, wireReadEnv: false };
}
