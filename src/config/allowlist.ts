/** The escape hatches: `.djkeyguardignore` (paths), the inline pragma (lines), and config (names). */
import { parseJsonText } from '../parse/json.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { IgnoreRules } from './ignore-rules.js';
import { indexLines } from '../parse/lines.js';
import { DEFAULT_NAMES, DEFAULT_TEMPLATES } from '../rules/index.js';
import type { RuleOptions } from '../rules/types.js';

export const PRAGMA = 'djkey-guard: allow';
export const IGNORE_FILE = '.djkeyguardignore';
export const CONFIG_FILE = '.djkeyguard.json';

export interface Config extends RuleOptions {
  /** Paths excluded by `.djkeyguardignore` (gitignore syntax, relative to the repo root). */
  isIgnoredPath(path: string): boolean;
  /**
   * `"allowPragmas": false` in the config: an allow pragma is a finding, here and (read from the
   * accepted base, so a change cannot turn it back on for itself) on the server and in CI.
   */
  allowPragmas?: false;
}

interface UserConfig {
  names?: string[];
  templates?: string[];
  allowPragmas?: boolean;
}

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(file, `cannot be read: ${(error as Error).message}`);
  }
}

function validate(file: string, value: unknown): UserConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(
      file,
      'djkey-guard config must be an object like {"names": [...], "templates": [...]}'
    );
  }
  for (const [key, entry] of Object.entries(value)) {
    if (key === 'allowPragmas') {
      if (typeof entry !== 'boolean') throw new ConfigError(file, '"allowPragmas" must be true or false');
      continue;
    }
    if (key !== 'names' && key !== 'templates') {
      throw new ConfigError(file, `unknown key "${key}" (allowed: "names", "templates", "allowPragmas")`);
    }
    if (!Array.isArray(entry) || entry.some((item) => typeof item !== 'string' || item.trim() === '')) {
      throw new ConfigError(file, `"${key}" must be an array of non-empty strings`);
    }
  }
  for (const name of (value as UserConfig).names ?? []) {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name))
      throw new ConfigError(file, `"names": "${name}" is not a variable name`);
  }
  for (const template of (value as UserConfig).templates ?? []) {
    if (!template.startsWith('.env.'))
      throw new ConfigError(file, `"templates": "${template}" must start with ".env."`);
  }
  return value as UserConfig;
}

function parseJson(file: string, text: string): unknown {
  try {
    return parseJsonText(text);
  } catch (error) {
    throw new ConfigError(file, `is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Where the root config files come from: the work tree (a scan, CI) or a commit (a server's
 * pre-receive hook has no work tree). `read` returns undefined for an absent file; `show` names
 * the file in error messages.
 */
export interface ConfigSource {
  read(name: string): string | undefined;
  show(name: string): string;
}

/** Config from `.djkeyguard.json`, else the `"djkey-guard"` key of the root package.json. */
function loadUserConfig(source: ConfigSource): UserConfig {
  const own = source.show(CONFIG_FILE);
  const ownText = source.read(CONFIG_FILE);
  if (ownText !== undefined) return validate(own, parseJson(own, ownText));
  const pkgFile = source.show('package.json');
  const pkgText = source.read('package.json');
  if (pkgText === undefined) return {};
  const pkg = parseJson(pkgFile, pkgText) as Record<string, unknown> | null;
  const section = pkg && typeof pkg === 'object' ? pkg['djkey-guard'] : undefined;
  return section === undefined ? {} : validate(`${pkgFile} ("djkey-guard")`, section);
}

/** Everything a scan needs to know about the user's exceptions, from the files `source` reads. */
export function configFrom(source: ConfigSource): Config {
  const user = loadUserConfig(source);
  const names = [
    ...new Set([...DEFAULT_NAMES, ...(user.names ?? []).map((name) => name.toUpperCase().replace(/-/g, '_'))])
  ];
  const templates = [...DEFAULT_TEMPLATES, ...(user.templates ?? [])];
  const ignoreText = source.read(IGNORE_FILE);
  const matcher = ignoreText === undefined ? undefined : new IgnoreRules().add(ignoreText);
  return {
    names,
    templates,
    isIgnoredPath: (path) => matcher?.ignores(path) ?? false,
    ...(user.allowPragmas === false ? { allowPragmas: false as const } : {})
  };
}

/** Everything a scan needs to know about the user's exceptions, read once from the repo root. */
export function loadConfig(root: string): Config {
  return configFrom({ read: (name) => readOptional(join(root, name)), show: (name) => join(root, name) });
}

/**
 * A yes/no setting that switches allow pragmas off (git config `djkey-guard.allowPragmas`, CI's
 * DJKEY_GUARD_ALLOW_PRAGMAS) read the way git reads a boolean: false, no, off or 0 refuse them.
 */
export const pragmaPolicy = (setting: string | undefined): 'honour' | 'refuse' =>
  setting !== undefined && /^\s*(false|no|off|0)\s*$/i.test(setting) ? 'refuse' : 'honour';

/** Where a comment can start anywhere on a line (`#`, `//`, `/*`, `<!--`), outside a string. */
const COMMENT_START = /#|\/\/|\/\*|<!--/y;
/** The pragma right after a comment marker, as whole words (a reason may follow; `allowance` is not it). */
const PRAGMA_AFTER_MARKER = /(?:#|\/\/|\/\*|<!--|;|--)\s*djkey-guard:\s*allow(?![\w-])/g;
/** Line comments that only start a line (INI `;`, SQL/Lua `--`): mid-line they are code. */
const LINE_START_MARKER = /^\s*(?:;|--)\s*djkey-guard:\s*allow(?![\w-])/;

/**
 * Where the line's comment starts: the first comment marker outside a quoted string, or -1.
 * Quotes are tracked with backslash escapes, so `'# djkey-guard: allow'` is a string, not a comment.
 */
function commentStart(line: string): number {
  let quote = '';
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = '';
      continue;
    }
    if (char === "'" || char === '"' || char === '`') {
      quote = char;
      continue;
    }
    COMMENT_START.lastIndex = index;
    if (COMMENT_START.test(line)) return index;
  }
  return -1;
}

/**
 * Whether a line carries the allow pragma as a comment of its own: a comment marker outside any
 * string followed by `djkey-guard: allow` (in that comment or a later one on the line). The text
 * inside a string literal (`x = 'djkey-guard: allow'` next to a key) or a longer word
 * (`# ...allowance`) is not a pragma: a bypass must be written as one, on purpose.
 */
export function isPragmaLine(line: string): boolean {
  if (!line.includes(PRAGMA.slice(0, 12))) return false;
  if (LINE_START_MARKER.test(line)) return true;
  const start = commentStart(line);
  if (start < 0) return false;
  PRAGMA_AFTER_MARKER.lastIndex = start;
  return PRAGMA_AFTER_MARKER.test(line);
}

/**
 * "Is the allow pragma on line N?" for one text, with line starts indexed once: walking the text
 * from the top for every hit is quadratic in a file with thousands of hits.
 */
export function pragmaLines(text: string): (line: number) => boolean {
  const { starts } = indexLines(text);
  return (line) => {
    const start = starts[line - 1];
    return start !== undefined && isPragmaLine(text.slice(start, (starts[line] ?? text.length + 1) - 1));
  };
}
