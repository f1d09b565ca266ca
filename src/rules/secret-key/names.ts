/** Finding guarded names (SECRET_KEY, DJANGO_SECRET_KEY, ...) in text. */

export const DEFAULT_NAMES = ['SECRET_KEY', 'DJANGO_SECRET_KEY', 'SECRET_KEY_FALLBACKS'];

const cache = new Map<string, RegExp>();

/**
 * A global, case-insensitive regex for the names as whole words. `_` and `-` are interchangeable
 * (Kubernetes and Helm keys are often `django-secret-key`), and a name glued to a longer word
 * (`STRIPE_SECRET_KEY`, `stripe-secret-key`) is someone else's key.
 */
export function nameRegex(names: readonly string[]): RegExp {
  const key = names.join('\0');
  let regex = cache.get(key);
  if (!regex) {
    const alternatives = [...names]
      .sort((a, b) => b.length - a.length)
      .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[_-]/g, '[_-]'));
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
export function mentionsName(text: string, names: readonly string[]): boolean {
  const regex = nameRegex(names);
  const found = regex.test(text);
  regex.lastIndex = 0;
  return found;
}
