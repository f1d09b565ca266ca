/** django-environ specifics: where its `read_env()` reads `.env` from, and wiring it when missing. */
import { posix } from 'node:path';
import { statements, tokenList as tokenize } from '../parse/python/token-list.js';
import { hasImport, insertImport } from './python-imports.js';

/**
 * How many folders up from the module a `BASE_DIR = ...` expression points (Path.parent chains,
 * os.path.dirname, environ.Path - n).
 */
function baseDirUps(text: string, name: string): number | undefined {
  const line = new RegExp(`^${name}\\s*=\\s*(.+)$`, 'm').exec(text)?.[1];
  if (!line) return undefined;
  const parents = /\.parents\[(\d+)\]/.exec(line);
  if (parents) return Number(parents[1]) + 1;
  const parentCount = (line.match(/\.parent\b/g) ?? []).length;
  if (parentCount) return parentCount;
  const dirnames = (line.match(/dirname\(/g) ?? []).length;
  if (dirnames) return dirnames;
  const minus = /environ\.Path\(__file__\)\s*-\s*(\d+)/.exec(line);
  return minus ? Number(minus[1]) : undefined;
}

/**
 * Folder (root-relative) that this module's `read_env(...)` reads `.env` from; null = no call; undefined =
 * can't tell.
 */
export function readEnvDir(modulePath: string, text: string): string | null | undefined {
  const call = /read_env\(([^)\n]*)\)/.exec(text);
  if (!call) return null;
  const dir = posix.dirname(modulePath) === '.' ? '' : posix.dirname(modulePath);
  const args = call[1]!.trim();
  if (args === '') return dir;
  const base = /\b([A-Z][A-Z0-9_]*_DIR)\b/.exec(args)?.[1];
  const ups = base ? baseDirUps(text, base) : undefined;
  if (ups === undefined) return undefined;
  const parts = dir ? dir.split('/') : [];
  // BASE_DIR = dirname(__file__) is the module's own folder (1 up from the file = its dir).
  return parts.slice(0, Math.max(0, parts.length - (ups - 1))).join('/');
}

/** Add `env = environ.Env()` (and `import environ`) after the imports when the module has no instance. */
export function ensureEnvInstance(text: string, envName: string): string {
  let out = hasImport(text, 'environ') ? text : insertImport(text, 'import environ');
  if (!new RegExp(`^${envName}\\s*=`, 'm').test(out))
    out = insertAfterImports(out, `${envName} = environ.Env()`);
  return out;
}

function insertAfterImports(text: string, line: string): string {
  const marker = '\u0000djkg\u0000';
  const withMarker = insertImport(text, marker);
  return withMarker.replace(marker, line);
}

/** Add `environ.Env.read_env(<module dir>/<ups>/.env)` right after the `environ.Env(...)` statement. */
export function addReadEnv(text: string, modulePath: string, envDir: string): string {
  const dir = posix.dirname(modulePath) === '.' ? '' : posix.dirname(modulePath);
  const rel = posix.relative(dir || '.', envDir || '.');
  const parts = rel === '' ? [] : rel.split('/');
  const args = ['os.path.dirname(os.path.abspath(__file__))', ...parts.map((p) => `'${p}'`), "'.env'"].join(
    ', '
  );
  const tokens = tokenize(text);
  const statement = statements(tokens).find(([first, last]) =>
    tokens.slice(first, last + 1).some((t, i, all) => t.text === 'Env' && all[i - 2]?.text === 'environ')
  );
  let out = text;
  const line = `environ.Env.read_env(os.path.join(${args}))`;
  if (statement) {
    const end = tokens[statement[1]]!.end;
    const newline = text.indexOf('\n', end);
    const at = newline < 0 ? text.length : newline + 1;
    out = text.slice(0, at) + (newline < 0 ? '\n' : '') + line + '\n' + text.slice(at);
  } else {
    out = insertAfterImports(text, line);
  }
  return hasImport(out, 'os') ? out : insertImport(out, 'import os');
}
