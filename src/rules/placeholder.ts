/**
 * The one answer to "is this value a real key?" for every format (DESIGN §3 "Placeholders,
 * precisely"). A value passes when it is empty, a reference to something else (interpolation,
 * file path, secret store, computed), or a placeholder — a property of the value alone, the same
 * under every guarded name and in every format. Only the test-fixture clause looks further: in
 * test code, a few plain lower-case words are a fixture. Anything else is a key.
 */
import { isKnownWord, phraseWords, segment, type Phrase } from './phrase.js';

export type ValueKind = 'empty' | 'reference' | 'placeholder' | 'literal';

/** Where the value sits, for the clauses that depend on it. */
export interface ValueContext {
  /** The value is in test code (see isTestCode). */
  testCode?: boolean;
  /**
   * The format interpolates `${…}` (shell, compose, YAML templates, Terraform, Make: the default).
   * In a Python, JSON or TOML string it is plain text, so a value holding `${PATH}` is a literal.
   */
  interpolates?: boolean;
}

/** Files whose strings do not interpolate `${…}` (Terraform's .tf/.hcl, read as TOML, do). */
export function interpolatesIn(path: string): boolean {
  return !/\.(?:pyw?|pyi|ipynb|json|jsonc|json5|toml)$|(?:^|\/)pipfile$/i.test(path);
}

export const INSECURE_PREFIX = 'django-insecure-';

const EMPTY_WORDS = new Set(['', 'none', 'null', 'nil', 'undefined', '~', '""', "''"]);

/** At most this many characters is trivially short: a placeholder, never a key. */
const MAX_TRIVIAL_LENGTH = 5;

/**
 * Template tokens and references to other values: shell/compose `$VAR` `${VAR}` `${VAR:?msg}`,
 * GitHub `${{ x }}`, Jinja/Helm/Ansible `{{ x }}` `{% %}`, ERB `<%= %>`, Python `%(x)s` and `{x}`,
 * cmd `%X%`, autoconf `@X@`, Ruby `#{x}`, `__X__`, command substitution, and the places a key is
 * kept rather than the key: absolute file paths, `file://`, secret-store addresses. Checked on the
 * trimmed value.
 */
const REFERENCE_PATTERNS: RegExp[] = [
  /^\$[A-Za-z_][A-Za-z0-9_]*$/,
  /^\$\{[^}]*\}$/,
  /^\$\{\{[\s\S]*\}\}$/,
  /^\{\{[\s\S]*\}\}$/,
  /^\{%[\s\S]*%\}$/,
  /^<%[\s\S]*%>$/,
  /^%\([A-Za-z0-9_]+\)s$/,
  /^%[A-Za-z_][A-Za-z0-9_]*%$/,
  /^\{[A-Za-z_][A-Za-z0-9_.]*\}$/,
  /^\{env:[A-Za-z_][A-Za-z0-9_]*\}$/,
  /^\$\([A-Za-z_][\w.-]*(?:\s[\s\S]*)?\)$/,
  // A command substitution cut short by its own inner quotes: `"$(python -c "…")"`. Keys hold no blanks.
  /^(?:\$\(|`)[^\s]*\s/,
  /^`[\s\S]*`$/,
  /^@[A-Za-z_][A-Za-z0-9_]*@$/,
  /^#\{[\s\S]*\}$/,
  new RegExp(
    String.raw`^(?:arn:aws:|projects\/[^/]+\/secrets\/|vault:|op:\/\/|sm:\/\/|ssm:|secretsmanager:|` +
      String.raw`azurekeyvault:|env:|file:\/\/|gcp-secret:|doppler:|infisical:|k8s-secret:)`,
    'i'
  ),
  /^@Microsoft\.KeyVault\(/i,
  // Dynaconf's lazy values: `@format {env[DJANGO_SECRET_KEY]}`, `@jinja {{ env.KEY }}`, `@get OTHER_KEY`.
  /^@(?:format|jinja)\s[\s\S]*\{/,
  /^@get\s+[A-Za-z_][\w.]*$/,
  /^https?:\/\/[^\s/]+\.vault\.azure\.net\//i
];

/**
 * An absolute file path: `/run/secrets/django_key`, `~/.config/app/key`, `C:\secrets\key.txt`,
 * `./secret_key.txt`. Django's key alphabet has no `/` or `\`; a base64 key that happens to hold
 * them still has `+`/`=` or no path-like segments.
 */
const FILE_PATH = /^(?:~|\.{1,2})?\/(?:[\w.@-]+\/)*[\w.@-]+\/?$|^[A-Za-z]:\\(?:[\w .@-]+\\)*[\w .@-]+$/;
/** A path's segments are names (letters, maybe digits and dots), not a random run. */
function isFilePath(value: string): boolean {
  if (!FILE_PATH.test(value)) return false;
  const segments = value
    .split(/[\\/]/)
    .filter((segment) => segment && !/^(?:~|\.{1,2}|[A-Za-z]:)$/.test(segment));
  // `/key` alone could be a base64 key's start; `./secret-key.txt` and `/run/secrets/key` are paths.
  if (segments.length < (/^(?:~|\.{1,2})[\\/]/.test(value) ? 1 : 2)) return false;
  return segments.every((segment) => phraseWords(segment.replace(/\.[A-Za-z0-9]{1,5}$/, '')) !== null);
}

/** The name of another variable (`SECRET_KEY = 'AWS_SECRET_ACCESS_KEY'` in a config mapping). */
const VARIABLE_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** Text that only *contains* a reference is built from other values (e.g. `prefix-${VAR}`). */
// Braces never occur in Django's key alphabet, so these cannot fire on a real key; `$` and `(`
// do occur in it, which is why `$VAR` and `$(...)` count only as the whole value.
// The bodies are bounded so that a value full of unclosed `${` stays linear to test.
const CONTAINS_INTERPOLATION = /\$\{[A-Za-z_][^}]{0,256}\}/;
/**
 * A template engine's tag anywhere in the value: `{{ var }}`, and an opener cut short by its own
 * inner quotes (`"{{ with secret "kv/django" }}…{{ end }}"` read as `{{ with secret `) — a block that
 * fetches the key from a secret store. Django's alphabet has no braces.
 */
const CONTAINS_TEMPLATE = /\{\{[^}]{0,256}\}\}|\{\{-?\s*[\w.$"'(|]|\{%-?\s*\w/;

/** Nesting of `${A:-${B:-...}}` followed before giving up (and calling the rest a reference). */
const MAX_DEFAULT_DEPTH = 8;

/**
 * Compose/shell defaults: `${VAR:-default}` and `${VAR-default}` use the default when VAR is unset,
 * so the default is the literal that matters. Returns it, or undefined when there is none.
 */
export function interpolationDefault(value: string): string | undefined {
  const trimmed = value.trim();
  // tox: `{env:NAME:default}` works the same way.
  // GitHub Actions: `${{ secrets.X || 'default' }}` falls back to the quoted literal; so do
  // Helm and Jinja `default` filters.
  const match =
    /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([\s\S]*)\}$/.exec(trimmed) ??
    /^\{env:[A-Za-z_][A-Za-z0-9_]*:([\s\S]*)\}$/.exec(trimmed) ??
    /^\$\{\{[^'}]*\|\|\s*'([^']*)'\s*\}\}$/.exec(trimmed) ??
    // Helm/Jinja: `{{ .Values.secretKey | default "…" }}`, `{{ x | default('…') }}`.
    /^\{\{-?[^{}"']*\|\s*default\s*\(?\s*["']([^"']*)["']\s*\)?\s*(?:\|[^{}]*)?-?\}\}$/.exec(trimmed) ??
    // Serverless Framework: `${env:SECRET_KEY, '…'}` falls back to the quoted literal.
    /^\$\{[A-Za-z]+:[^,{}'"]*,\s*'([^']*)'\s*\}$/.exec(trimmed) ??
    /^\$\{[A-Za-z]+:[^,{}'"]*,\s*"([^"]*)"\s*\}$/.exec(trimmed);
  if (!match) return undefined;
  // Compose and shell drop quotes around a default (`${KEY:-"…"}`): the literal is what they hold.
  const quoted = /^(["'])([\s\S]*)\1$/.exec(match[1]!);
  return quoted ? quoted[2] : match[1];
}

/** Does `text` use at most `max` distinct characters? Stops early, so a long key costs a few steps. */
export function distinctAtMost(text: string, max: number): boolean {
  const seen = new Set<string>();
  for (const ch of text) {
    seen.add(ch);
    if (seen.size > max) return false;
  }
  return true;
}

/**
 * Redaction masks: a run of `*`, `x`, `X`, `•`, `…` (or `...`), optionally after a short visible
 * prefix and before a short visible suffix — `********`, `lr******`, `zh!=****...`, `djan…`,
 * `****abcd`, `sk_live_…`, `XXXX-XXXX`.
 */
const MASK = /^\S{0,12}?(?:[*•]{3,}[*•.…]*|[xX]{4,}[.…]*|…|\.{3,})\S{0,4}$/;
// Runs of mask characters joined by single separators. Written without a nested optional (`(a+b?)+`),
// which backtracks exponentially on a long run followed by a stray character (`xxxx…x"env`, fuzz tier).
const MASK_ONLY = /^[*•xX….]+(?:[\s_-][*•xX….]+)*[\s_-]?$/;

/**
 * Well-known sequences typed to fill a field: `0123456789…`, `abcdefghijklmnopqrstuvwxyzABC…`,
 * `qwertyuiop…`. Most steps go to the next character; in a random key almost none do.
 */
const SEQUENCES = [
  '0123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm'
];
function isSequence(value: string): boolean {
  if (value.length < 8) return false;
  let steps = 0;
  for (let i = 1; i < value.length; i++) {
    const pair = value.slice(i - 1, i + 1);
    if (SEQUENCES.some((sequence) => sequence.includes(pair)) || /^(?:9[0a-zA-Z]|z[A0]|Z[0a])$/.test(pair))
      steps++;
  }
  return steps >= 0.8 * (value.length - 1);
}

/** Metasyntactic words: a value made of them and digits or separators is a stand-in. */
const METASYNTACTIC = [
  'foo',
  'bar',
  'baz',
  'qux',
  'xyz',
  'abc',
  'xxx',
  'test',
  'secret',
  'key',
  'password',
  'changeme',
  'dummy',
  'example',
  'sample',
  'placeholder'
];
const METASYNTACTIC_VALUE = new RegExp(
  `^(?:[\\W_\\d]{0,8}(?:${METASYNTACTIC.join('|')}))+[\\W_\\d]{0,8}$`,
  'i'
);

/** Words that only name the field (`secret_key`, `access-key`, `djangoSecretKey`, `SECRET`). */
const FIELD_WORDS = new Set([
  'secret',
  'secrets',
  'key',
  'keys',
  'django',
  'access',
  'api',
  'private',
  'signing',
  'token',
  'password',
  'pass',
  'passwd',
  'passphrase',
  'value',
  'app',
  'application',
  'site',
  'my',
  'the',
  'a',
  'your',
  'session',
  'auth',
  // Other products' field names (`aws_secret_access_key`, `AWSSecretKey` in botocore-style option maps).
  'aws',
  's3',
  'gcp',
  'google',
  'azure',
  'stripe',
  'paypal',
  'github',
  'twilio',
  'sendgrid',
  'mailgun',
  'minio',
  'storage',
  'client',
  'consumer',
  'oauth',
  'hmac',
  'master',
  'encryption',
  'shared',
  'webhook',
  'bearer',
  'id',
  'env',
  'var',
  'config'
]);

/** Phrases that say, in several words, that the value is not real (`not-a-real-secret`, `do-not-use`). */
const DISCLAIMER = new RegExp(
  String.raw`(?:^|\s)(?:not (?:a |an |the )?(?:real|really|secret|valid|used|secure|for|` +
    String.raw`production|prod|safe|important|sensitive)|do not use|dont use|no secret|` +
    String.raw`never use)(?:\s|$)`
);

/** Self-describing words that vouch for plain words around them (DESIGN §3's list and its kin). */
const STRONG_MARKERS = new Set([
  'fake',
  'dummy',
  'placeholder',
  'example',
  'examples',
  'sample',
  'changeme',
  'replaceme',
  'insecure',
  'unsafe',
  'build',
  'collectstatic',
  'ci',
  'test',
  'tests',
  'testing',
  'unittest',
  'pytest',
  'unused',
  'irrelevant',
  'demo',
  'demonstration',
  'mock',
  'stub',
  'notasecret',
  'notsecret',
  'nosecret',
  'redacted',
  'todo',
  'fixme',
  'setme',
  'fillme',
  'bogus',
  'throwaway',
  'disposable',
  'ignored',
  'ignore',
  'unimportant',
  'whatever',
  'nothing',
  'anything',
  'foo',
  'bar',
  'baz',
  'foobar',
  'xyz',
  'abc',
  'xxx',
  'invalid',
  'change',
  'replace',
  'your',
  'yours',
  'override',
  'overwrite',
  'generate',
  'generated',
  'fill',
  'insert',
  'enter',
  'tutorial',
  'docs',
  'documentation',
  'readme',
  'local',
  'localhost',
  'dev',
  'development',
  'debug',
  'default',
  'temp',
  'temporary',
  'tmp',
  'dontuse',
  'donotuse',
  'nope',
  'junk',
  'garbage',
  'fixture',
  'fixtures',
  'ci',
  'github',
  'gitlab',
  'travis',
  'jenkins',
  'circleci',
  'pipeline',
  'e2e',
  'integration',
  'staticfiles',
  'compilemessages',
  'migrations',
  'migrate',
  'docker',
  'dockerfile',
  'image',
  'setme',
  'tbd',
  'na'
]);

/** Weaker hints that count only when every word is a known one (`secret-key-here`, `set-in-env`). */
const WEAK_MARKERS = new Set([
  'here',
  'set',
  'put',
  'add',
  'required',
  'optional',
  'str',
  'string',
  'none',
  'null',
  'empty',
  'blank',
  'update',
  'key1',
  'key2',
  'random'
]);

/** Is this phrase one that says the value is not a real secret? */
function describesItself(phrase: Phrase): boolean {
  const lowered = phrase.words.join(' ');
  if (DISCLAIMER.test(lowered)) return true;
  if (phrase.words.some((word) => STRONG_MARKERS.has(word))) return true;
  return phrase.unknown === 0 && phrase.words.some((word) => WEAK_MARKERS.has(word));
}

function namesAField(value: string): boolean {
  const phrase = phraseWords(value);
  return phrase !== null && namesItsField(phrase);
}

/**
 * After `django-insecure-`, a tail of words is a description (`change-me-in-production`,
 * `keyForDemonstrationOnly`): known words, at most one the vocabulary lacks among three it has.
 * Anything else is startproject's random tail, a key always — also letters that happen to split
 * into short pieces (`aapaataIsEaamaraalaI`).
 */
function describes(phrase: Phrase | null): boolean {
  if (phrase === null) return false;
  const known = phrase.words.length - phrase.unknown;
  if (!(phrase.unknown === 0 || (phrase.unknown === 1 && known >= 3))) return false;
  // Random letters split into one- and two-letter words (`aasaapaaunaaoAaaaaaa` → `a a … a`): a
  // description carries its meaning in real words, so those must make at least half of its letters.
  const letters = phrase.words.reduce((sum, word) => sum + word.length, 0);
  const meaningful = phrase.words
    .filter((word) => word.length >= 3 && isKnownWord(word))
    .reduce((sum, word) => sum + word.length, 0);
  return phrase.words.length <= 2 || meaningful * 2 >= letters;
}

/**
 * Only names its field: every word is one of the field's own (`secret_key`, `DJANGO_SECRET_KEY`,
 * `AWSSecretKey`), with no other word and no unknown one. `supersecret` and `top-secret` say more
 * than the field's name: memorable, so keys (DESIGN §3).
 */
function namesItsField(phrase: Phrase): boolean {
  if (phrase.unknown > 0) return false;
  const named = phrase.words.filter((word) => !/^\d+$/.test(word));
  return (
    named.some((word) => FIELD_WORDS.has(word) && !['a', 'my', 'the', 'your'].includes(word)) &&
    named.every((word) => FIELD_WORDS.has(word))
  );
}

/**
 * Is `value` a placeholder by its own text (not a reference, not empty)? The checks follow
 * DESIGN §3 in order: template tokens, masks, trivially short or metasyntactic, names its field,
 * self-describing phrase.
 */
function isPlaceholderText(value: string): boolean {
  if (/^__[A-Za-z0-9_]+__$/.test(value) || /^<[^<>]+>$/.test(value) || /^\[[^[\]]+\]$/.test(value))
    return true;
  // Parentheses are in Django's key alphabet: `(your key here)` passes for its words, not its brackets.
  if (/^\([^()]+\)$/.test(value) && phraseWords(value.slice(1, -1)) !== null)
    return isPlaceholderText(value.slice(1, -1));
  if ([...value].length <= MAX_TRIVIAL_LENGTH) return true;
  if (distinctAtMost(value.replace(/\s/g, ''), 2)) return true; // 0000000, ------, aaaaaa
  if (MASK_ONLY.test(value) || MASK.test(value) || isSequence(value)) return true;
  if (value.length <= 64 && METASYNTACTIC_VALUE.test(value)) return true;
  const phrase = phraseWords(value);
  if (phrase && (namesItsField(phrase) || describesItself(phrase))) return true;
  // A mask run vouches for the words around it, also when they read as a phrase without it
  // (`*********<redact any secrets>*********` in an issue template); a lone `*` between words does not.
  if ((!phrase || MASK_RUN.test(value)) && maskedPhrase(value)) return true;
  return !phrase && describesInLeet(value);
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };

/**
 * A self-description in leetspeak (`s3cr3t_k3y_pl4c3h0ld3r`, `ch4ng3-m3`): digits inside words read as
 * letters. Only a phrase that says it is not real counts; a leet word that merely names the field
 * (`S3cr3tK3y`) is a memorable key.
 */
function describesInLeet(value: string): boolean {
  if (!/[A-Za-z][0-9]|[0-9][A-Za-z]/.test(value)) return false;
  const plain = value.replace(/[A-Za-z0-9]+/g, (piece) =>
    /[A-Za-z]/.test(piece) ? piece.replace(/[013457]/g, (digit) => LEET[digit]!) : piece
  );
  const phrase = phraseWords(plain);
  return phrase !== null && describesItself(phrase);
}

/** A run that only a redaction writes: three or more `*`/`•`, an ellipsis, `xxxx` standing alone. */
const MASK_RUN = /[*•]{3,}|…|(?<![A-Za-z])[xX]{4,}(?![A-Za-z])/;

/** Words around a mask run (`XXXX…get a valid key…`, `sk-****-replace`): the mask vouches for them. */
function maskedPhrase(value: string): boolean {
  if (!/[*•…]{2,}|[*•…]|[xX]{4,}/.test(value)) return false;
  const rest = value.replace(/[*•…]+|\b[xX]{4,}\b|(?<![A-Za-z])[xX]{4,}(?![A-Za-z])/g, ' ').trim();
  return rest === '' || phraseWords(rest) !== null;
}

/**
 * The test-fixture clause: in test code, a value made only of lower-case words and separators,
 * at most four words (`new-key`, `wrong_signing_key`, `rotated`), is a fixture.
 */
function isFixture(value: string): boolean {
  if (!/^[a-z]+(?:[-_. ][a-z]+){0,3}$/.test(value)) return false;
  return value.split(/[-_. ]/).every((word) => segment(word) !== null || phraseWords(word) !== null);
}

/** Classify a literal string bound to a guarded name (the same under every name and format). */
export function classifyValue(raw: string, context: ValueContext = {}): ValueKind {
  return classify(raw, context, 0);
}

function classify(raw: string, context: ValueContext, depth: number): ValueKind {
  const value = raw.trim();
  if (EMPTY_WORDS.has(value.toLowerCase())) return 'empty';
  const fallback = depth < MAX_DEFAULT_DEPTH ? interpolationDefault(value) : undefined;
  if (fallback !== undefined)
    return fallback.trim() === '' ? 'empty' : classify(fallback, context, depth + 1);
  if (REFERENCE_PATTERNS.some((pattern) => pattern.test(value))) return 'reference';
  if (CONTAINS_TEMPLATE.test(value) || isFilePath(value)) return 'reference';
  if (context.interpolates !== false && CONTAINS_INTERPOLATION.test(value)) return 'reference';
  if (value.toLowerCase().startsWith(INSECURE_PREFIX)) {
    // startproject's prefix already says "insecure": a tail of words describes, a random tail is the key.
    const body = value.slice(INSECURE_PREFIX.length).trim();
    const phrase = phraseWords(body);
    // A tail of words is judged as a whole (describes); only a non-word tail can still be a mask or a token.
    if (body === '' || (phrase ? describes(phrase) : isPlaceholderText(body))) return 'placeholder';
    return context.testCode && isFixture(body) ? 'placeholder' : 'literal';
  }
  // `'AWS_SECRET_ACCESS_KEY'` in a config mapping names another variable; `'CHANGE_ME'` says it is a
  // stand-in.
  const variable = VARIABLE_NAME.test(value) && phraseWords(value) !== null;
  if (variable && namesAField(value)) return 'reference';
  if (isPlaceholderText(value)) return 'placeholder';
  if (variable) return 'reference';
  if (context.testCode && isFixture(value)) return 'placeholder';
  return 'literal';
}

/**
 * Test code, where the fixture clause applies: under a `tests`/`test` folder, `test_*.py`,
 * `*_test.py`, `tests.py`, `conftest.py`, and test settings modules (`settings/test.py`,
 * `test_settings.py`, `settings_testing.py`).
 */
export function isTestCode(path: string): boolean {
  const parts = path.toLowerCase().split('/');
  const base = parts[parts.length - 1] ?? '';
  if (parts.slice(0, -1).some((dir) => dir === 'tests' || dir === 'test' || dir === 'testing')) return true;
  if (/^(?:test_.*|.*_tests?|tests?|conftest)\.py$/.test(base)) return true;
  return (
    /settings/.test(path.toLowerCase()) &&
    /(?:^|[/_.-])(?:tests?|testing)(?:[/_.-]|$)/.test(path.toLowerCase()) &&
    base.endsWith('.py')
  );
}
