/**
 * Names the project itself guards (DESIGN §3): what its settings modules read SECRET_KEY from.
 * `SECRET_KEY = env("DD_SECRET_KEY")`, `os.environ["PAPERLESS_SECRET_KEY"]`,
 * `config("APP_SECRET_KEY", default=…)` make DD_SECRET_KEY, PAPERLESS_SECRET_KEY and
 * APP_SECRET_KEY guarded in every compose file, env file, CI config and doc of the repository.
 * Pure: the caller hands in the lines (one `git grep` over the index or a tree).
 */
import { DEFAULT_NAMES, foldName } from './bind/names.js';

/**
 * `SECRET_KEY = <lookup>("<NAME>"`, `SECRET_KEY = <mapping>["<NAME>"]`, with an optional annotation.
 * The first string the right-hand side reads is the name; `.get(`, `.str(`, `[` all count.
 */
const READ_FROM =
  /(?<![\w.])SECRET_KEY\s*(?::[^=\n]{1,40})?=\s*[A-Za-z_][\w.]*\s*(?:\(|\[)\s*['"]([A-Za-z_][A-Za-z0-9_]{2,63})['"]/g;
/** Only names that are about a key or a secret: `get_secret("prod")` does not make `prod` a name. */
const KEYISH = /KEY|SECRET/i;

/** The env names a piece of settings code reads SECRET_KEY from (none when it reads nothing). */
export function namesReadBy(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(READ_FROM)) {
    const name = match[1];
    if (!name || !KEYISH.test(name)) continue;
    const folded = foldName(name);
    if (!DEFAULT_NAMES.includes(folded)) found.push(folded);
  }
  return found;
}

/** Every name the given settings lines read SECRET_KEY from, once each. */
export function projectNames(lines: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const line of lines) for (const name of namesReadBy(line)) found.add(name);
  return [...found];
}

/** Rule options with the project's own names added to the configured ones. */
export function withProjectNames<T extends { names: readonly string[] }>(
  options: T,
  lines: Iterable<string>
): T {
  const extra = projectNames(lines).filter((name) => !options.names.includes(name));
  return extra.length === 0 ? options : { ...options, names: [...options.names, ...extra] };
}
