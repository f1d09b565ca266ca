/**
 * Names the project itself guards (DESIGN §3): what its settings modules read SECRET_KEY from.
 * `SECRET_KEY = env("DD_SECRET_KEY")`, `os.environ["PAPERLESS_SECRET_KEY"]`,
 * `config("APP_SECRET_KEY", default=…)` make DD_SECRET_KEY, PAPERLESS_SECRET_KEY and
 * APP_SECRET_KEY guarded in every compose file, env file, CI config and doc of the repository.
 * A settings module is found by what it is (it assigns SECRET_KEY, or DJANGO_SETTINGS_MODULE names
 * it), never by its file name. Pure: the caller hands in module texts (engine/project-names.ts).
 */
import { DEFAULT_NAMES, foldName } from './bind/names.js';

/** A Python module that assigns SECRET_KEY (at module level, in an `if`/`try` block or a settings class). */
const ASSIGNS_SECRET_KEY = /^[ \t]*SECRET_KEY[ \t]*(?::[^=\n]{1,80})?=(?!=)/m;

/** Is this Python text a settings module (it assigns SECRET_KEY)? */
export function isSettingsModule(text: string): boolean {
  return ASSIGNS_SECRET_KEY.test(text);
}

/**
 * `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.production")`,
 * `DJANGO_SETTINGS_MODULE=mysite.production`.
 */
const SETTINGS_MODULE_NAMED =
  /DJANGO_SETTINGS_MODULE['"]?[ \t]*[,:=][ \t]*f?['"]?([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)/g;

/** The dotted module names DJANGO_SETTINGS_MODULE is set to in this text (manage.py, wsgi.py, asgi.py). */
export function settingsModulesNamed(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(SETTINGS_MODULE_NAMED)) found.add(match[1]!);
  return [...found];
}

/**
 * Each `SECRET_KEY = …` (annotation allowed; a tuple target `SECRET_KEY, DEBUG = …`; not `==`, not
 * SECRET_KEY_FALLBACKS).
 */
const ASSIGNMENT = /(?<![\w.])SECRET_KEY(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*[ \t]*(?::[^=\n]{1,80})?=(?!=)/g;
/** `KEY_NAME = "APP_KEY"`: a constant a lookup may name instead of the string (one step, no chains). */
const CONSTANT = new RegExp(
  String.raw`^[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?::[^=\n]{1,40})?=[ \t]*` +
    String.raw`(['"])([A-Za-z_][A-Za-z0-9_]{2,63})\2[ \t]*(?:#.*)?$`,
  'gm'
);
/**
 * A lookup's first argument: `<callee>("NAME"`, `<callee>["NAME"]`, or a constant's name in their
 * place. Every lookup of the right-hand side counts: both sides of `a or b`, a nested default.
 */
const LOOKUP = new RegExp(
  String.raw`[A-Za-z_][\w.]*[ \t]*[([][ \t\n]*(?:(['"])([A-Za-z_][A-Za-z0-9_]{2,63})\1|` +
    String.raw`([A-Za-z_][A-Za-z0-9_]*)[ \t\n]*[,)\]])`,
  'g'
);
/**
 * django-configurations: `values.SecretValue(environ_name="APP_KEY")` reads APP_KEY;
 * `environ_prefix="MYAPP"` reads MYAPP_SECRET_KEY (the prefix, then the setting's name).
 */
const ENVIRON_KEYWORD = /\benviron_(name|prefix)[ \t\n]*=[ \t\n]*(['"])([A-Za-z_][A-Za-z0-9_]{0,63})\2/g;
/** Only names that are about a key or a secret: `get_secret("prod")` does not make `prod` a name. */
const KEYISH = /KEY|SECRET/i;
/** How far a right-hand side is read: a statement longer than this is not a lookup someone wrote. */
const MAX_STATEMENT = 2000;

/** The right-hand side of the statement starting at `from`: to the end of its logical line. */
function statementAt(code: string, from: number): string {
  let depth = 0;
  let quote = '';
  const end = Math.min(code.length, from + MAX_STATEMENT);
  let at = from;
  for (; at < end; at++) {
    const ch = code[at]!;
    if (quote) {
      if (ch === '\\') at++;
      else if (ch === quote || ch === '\n') quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === '#') {
      const newline = code.indexOf('\n', at);
      at = (newline < 0 ? end : Math.min(newline, end)) - 1;
    } else if (ch === '\n' && depth === 0 && code[at - 1] !== '\\') break;
  }
  return code.slice(from, at);
}

/** The env names a piece of settings code reads SECRET_KEY from (none when it reads nothing). */
export function namesReadBy(code: string): string[] {
  const constants = new Map<string, string>();
  for (const match of code.matchAll(CONSTANT)) constants.set(match[1]!, match[3]!);
  const found: string[] = [];
  for (const assignment of code.matchAll(ASSIGNMENT)) {
    const rhs = statementAt(code, assignment.index + assignment[0].length);
    const add = (name: string) => {
      const folded = foldName(name);
      if (!DEFAULT_NAMES.includes(folded) && !found.includes(folded)) found.push(folded);
    };
    for (const lookup of rhs.matchAll(LOOKUP)) {
      const name = lookup[2] ?? constants.get(lookup[3] ?? '');
      if (name && KEYISH.test(name)) add(name);
    }
    // The keyword names the variable outright: no key-ish word needed.
    for (const keyword of rhs.matchAll(ENVIRON_KEYWORD))
      add(keyword[1] === 'name' ? keyword[3]! : `${keyword[3]}_SECRET_KEY`);
  }
  return found;
}

/** Every name the given settings modules (or statements) read SECRET_KEY from, once each. */
export function projectNames(texts: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const text of texts) for (const name of namesReadBy(text)) found.add(name);
  return [...found];
}

/** Rule options with the project's own names added to the configured ones. */
export function withProjectNames<T extends { names: readonly string[] }>(
  options: T,
  texts: Iterable<string>
): T {
  return withNames(options, projectNames(texts));
}

/** Rule options with these names added (once) to the configured ones. */
export function withNames<T extends { names: readonly string[] }>(options: T, names: readonly string[]): T {
  const extra = names.filter((name) => !options.names.includes(name));
  return extra.length === 0 ? options : { ...options, names: [...options.names, ...extra] };
}

const KEYISH_WORD = /key|secret/gi;
const WORD_CHAR = /[A-Za-z0-9_-]/;
/** Longest name a lookup may read (LOOKUP's limit): longer words cannot be a project name. */
const MAX_NAME = 64;

/**
 * Words of `text` that could be a name the project guards but are not among `names`: every word
 * holding `key` or `secret` (what a project name must hold). The cheap first step of the lazy
 * lookup (engine/scan.ts): a blob with none of them cannot hold a pair a project name would make a
 * finding. Linear: each `key`/`secret` is widened to its word once, words are not re-matched.
 */
export function unguardedKeyWords(text: string, names: readonly string[]): string[] {
  const words = new Set<string>();
  KEYISH_WORD.lastIndex = 0;
  let wordEnd = -1;
  for (let match = KEYISH_WORD.exec(text); match; match = KEYISH_WORD.exec(text)) {
    if (match.index < wordEnd) continue; // inside the word already taken
    let start = match.index;
    while (start > 0 && WORD_CHAR.test(text[start - 1]!)) start--;
    let end = match.index + match[0].length;
    while (end < text.length && WORD_CHAR.test(text[end]!)) end++;
    wordEnd = end;
    KEYISH_WORD.lastIndex = end;
    const word = text.slice(start, end).replace(/^[-_\d]+|[-_]+$/g, '');
    if (word.length < 3 || word.length > MAX_NAME) continue;
    const folded = foldName(word);
    if (!names.includes(folded) && KEYISH.test(folded)) words.add(folded);
  }
  return [...words];
}
