/** Finding guarded names (SECRET_KEY, DJANGO_SECRET_KEY, ...) in text. */

export const DEFAULT_NAMES = ['SECRET_KEY', 'DJANGO_SECRET_KEY', 'SECRET_KEY_FALLBACKS'];

const cache = new Map<string, RegExp>();

/**
 * A global, case-insensitive regex for the names as whole words; a name glued to a longer word
 * (`STRIPE_SECRET_KEY`) is someone else's key. With `dashes`, `-` may stand for `_`: Kubernetes
 * Secret keys are often `django-secret-key`. Only YAML keys ask for that — in code and prose,
 * `secret-key` is far more often an id or a CLI flag than a variable.
 */
export function nameRegex(names: readonly string[], dashes = false): RegExp {
  const key = `${dashes}\0${names.join('\0')}`;
  let regex = cache.get(key);
  if (!regex) {
    const alternatives = [...names]
      .sort((a, b) => b.length - a.length)
      .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[_-]/g, dashes ? '[_-]' : '_'));
    regex = new RegExp(`(?<![A-Za-z0-9_-])(?:${alternatives.join('|')})(?![A-Za-z0-9_-])`, 'gi');
    cache.set(key, regex);
  }
  regex.lastIndex = 0;
  return regex;
}

/** Is `word` exactly one of the names (same `_`/`-` and case folding)? */
export function isName(word: string, names: readonly string[]): boolean {
  const folded = word.toUpperCase().replace(/-/g, '_');
  return names.includes(folded);
}

/** Cheap pre-check so most files skip the extractors entirely. */
export function mentionsName(text: string, names: readonly string[], dashes = false): boolean {
  const regex = nameRegex(names, dashes);
  const found = regex.test(text);
  regex.lastIndex = 0;
  return found;
}
