/**
 * Writing `.env` so python-decouple reads every value back exactly.
 *
 * decouple 3.x (RepositoryEnv) strips the line, splits at the first `=`, strips the value and
 * removes ONE matching pair of outer quotes — no escapes, no interpolation. So `NAME='<value>'`
 * round-trips any value without a line break, including Django's `$ # % ( ) ! ^ & * =`.
 * Single quotes are also literal for django-environ's read_env, python-dotenv and docker compose
 * `env_file` (no `$` interpolation inside them); only a value holding `'` or `\` would read
 * differently in python-dotenv/compose (never the case for Django's or keygen's alphabet).
 */

/** Can this value live in a .env line at all (read back the same by decouple and django-environ)? */
export function representable(value: string, environ = false): boolean {
  if (/[\r\n]/.test(value)) return false;
  // django-environ treats a value starting with `$` as a reference to another variable.
  return !(environ && value.startsWith('$'));
}

/** `NAME='value'`. */
export function envLine(name: string, value: string): string {
  return value === '' ? `${name}=` : `${name}='${value}'`;
}

/**
 * One list value for decouple's `Csv()`: it splits with shlex (posix), where `#` starts a comment
 * and quotes/backslashes are syntax, so such items go in double quotes with `"` and `\` escaped.
 * django-environ's `env.list` splits on commas only, so items go in as they are.
 */
export function csvValue(items: readonly string[], environ = false): string {
  if (environ) return items.join(',');
  return items
    .map((item) => (/[\s#'"\\,]/.test(item) ? `"${item.replace(/["\\]/g, '\\$&')}"` : item))
    .join(',');
}

interface ParsedLine {
  name: string;
  value: string;
}

/**
 * A line as decouple reads it (`export NAME=...` is not a decouple line: it keeps the name `export NAME`).
 */
function parseLine(line: string): ParsedLine | null {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('#') || !trimmed.includes('=')) return null;
  const at = trimmed.indexOf('=');
  const name = trimmed
    .slice(0, at)
    .trim()
    .replace(/^export\s+/, '');
  let value = trimmed.slice(at + 1).trim();
  if (value.length >= 2 && (value[0] === "'" || value[0] === '"') && value[value.length - 1] === value[0])
    value = value.slice(1, -1);
  return { name, value };
}

/** The value decouple would read for `name` (the last line wins), or undefined. */
export function readEnvValue(text: string, name: string): string | undefined {
  let found: string | undefined;
  for (const line of text.split('\n')) {
    const parsed = parseLine(line);
    if (parsed?.name === name) found = parsed.value;
  }
  return found;
}

/**
 * Set `values` in a .env text (LF-normalised): the first line for a name is replaced (only when
 * its value differs), later duplicates are dropped (decouple and django-environ disagree on which
 * one wins), new names are appended. Every other line is kept as it was.
 */
export function mergeEnv(text: string, values: ReadonlyMap<string, string>, onlyIfMissing = false): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of lines) {
    const parsed = parseLine(line);
    if (!parsed || !values.has(parsed.name)) {
      out.push(line);
      continue;
    }
    if (seen.has(parsed.name)) continue;
    seen.add(parsed.name);
    const wanted = values.get(parsed.name)!;
    const keep = onlyIfMissing || (parsed.value === wanted && !/^\s*export\s/.test(line));
    out.push(keep ? line : envLine(parsed.name, wanted));
  }
  for (const [name, value] of values) if (!seen.has(name)) out.push(envLine(name, value));
  return out.length ? out.join('\n') + '\n' : '';
}

/** Items of a list value as decouple's `Csv()` (shlex, posix) or django-environ's `env.list` reads them. */
export function parseCsv(value: string, environ = false): string[] {
  if (environ) return value.split(',').filter((item) => item !== '');
  const items: string[] = [];
  let current = '';
  let quote = '';
  let started = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"' && (value[i + 1] === '"' || value[i + 1] === '\\'))
        current += value[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (ch === ',') {
      if (started || current) items.push(current.trim());
      current = '';
      started = false;
    } else if (ch === '#') {
      break;
    } else {
      current += ch;
    }
  }
  if (started || current.trim()) items.push(current.trim());
  return items.filter((item) => item !== '');
}
