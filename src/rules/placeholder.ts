/**
 * The one answer to "is this value a real key?" for every format. A value passes when it is
 * empty, a reference to something else (interpolation, secret manager, computed), or a
 * placeholder that *says* it is one. Anything else — random-looking or human-chosen — is a key.
 */

export type ValueKind = 'empty' | 'reference' | 'placeholder' | 'literal';

export const INSECURE_PREFIX = 'django-insecure-';

/** Words that announce a placeholder or a throw-away key. At least one must be present. */
const MARKERS = new Set([
  'change', 'changeme', 'changed', 'replace', 'replaceme', 'your', 'yours', 'placeholder', 'example',
  'sample', 'dummy', 'fake', 'mock', 'test', 'tests', 'testing', 'dev', 'development', 'local',
  'localhost', 'insecure', 'unsafe', 'notasecret', 'notsecret', 'nosecret', 'todo', 'fixme', 'tbd',
  'redacted', 'default', 'demo', 'temp', 'tmp', 'foo', 'bar', 'baz', 'foobar', 'setme', 'fill',
  'fillme', 'insert', 'enter', 'generate', 'dont', 'ignore', 'unused', 'invalid', 'none', 'null',
  'empty', 'blank', 'override', 'overwrite', 'update', 'xxx', 'xxxx', 'ci', 'debug', 'nope', 'stub',
  'template', 'here', 'set', 'put', 'add', 'do', 'not', 'no', 'required', 'optional', 'str', 'string',
]);

/** Words that placeholders are built from but that say nothing on their own. */
const FILLER = new Set([
  'secret', 'secrets', 'key', 'keys', 'django', 'the', 'a', 'an', 'my', 'this', 'that', 'there',
  'value', 'values', 'to', 'be', 'me', 'it', 'in', 'on', 'for', 'only', 'use', 'used', 'using',
  'with', 'real', 'own', 'random', 'long', 'string', 'production', 'prod', 'please', 'must', 'should',
  'app', 'project', 'site', 'of', 'and', 'or', 'is', 'at', 'some', 'very', 'super', 'never', 'keep',
  'password', 'token', 'env', 'environment', 'var', 'variable', 'settings', 'config', 'staging',
  'stage', 'from', 'goes', 'go', 'unique', 'strong', 'secure', 'safe', 'so', 'just', 'purposes',
  'purpose', 'environments', 'run', 'runs', 'running', 'needed', 'need', 'required', 'something',
  'new', 'server', 'deploy', 'deployment', 'before', 'after', 'when', 'if',
  'then', 'we', 'you', 'i', 'our', 'build', 'time', 'unit', 'suite', 'key1', 'key2', 'one', 'two',
  'generated', 'via', 'by', 'get', 'random_secret_key', 'commit', 'committed', 'git', 'repo',
  'public', 'private', 'sure', 'make', 'also', 'yet', 'later', 'now', 'will', 'would',
  'very', 'really', 'actual', 'secure', 'please', 'any', 'thing', 'what', 'ever', 'whatever', 'docker',
  'compose', 'k8s', 'kubernetes', 'heroku', 'ci', 'github', 'actions', 'pipeline', 'django_secret_key',
]);

const EMPTY_WORDS = new Set(['', 'none', 'null', 'nil', 'undefined', '~', '""', "''"]);

/**
 * References to other values: shell/compose `$VAR` `${VAR}` `${VAR:?msg}`, GitHub `${{ x }}`,
 * Jinja/Helm/Ansible `{{ x }}`, ERB `<%= %>`, Python `%(x)s` and `{x}`, command substitution,
 * secret-manager addresses. Checked on the trimmed value.
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
  /^\$\([\s\S]*\)$/,
  // A command substitution cut short by its own inner quotes: `"$(python -c "…")"`. Keys hold no blanks.
  /^(?:\$\(|`)[^\s]*\s/,
  /^`[\s\S]*`$/,
  /^@[A-Za-z_][A-Za-z0-9_]*@$/,
  /^#\{[\s\S]*\}$/,
  /^(?:arn:aws:|projects\/[^/]+\/secrets\/|vault:|op:\/\/|sm:\/\/|ssm:|secretsmanager:|azurekeyvault:|env:)/i,
];

/** The name of another variable (`SECRET_KEY = 'AWS_SECRET_ACCESS_KEY'` in a config mapping). */
const VARIABLE_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/**
 * An identifier that names a secret rather than being one: `aws_secret_access_key`,
 * `AWSSecretKey`, `django_secret_key` (botocore-style option maps). Letters and digits only, with
 * snake_case or CamelCase structure and a word `secret`/`key`; real keys carry punctuation or
 * run to 50 characters.
 */
function namesASecret(value: string): boolean {
  if (value.length > 40 || !/secret|key/i.test(value)) return false;
  return /^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$/.test(value) || /^[A-Z][A-Za-z0-9]*[a-z][A-Z][A-Za-z0-9]*$/.test(value);
}

/** Text that only *contains* a reference is built from other values (e.g. `prefix-${VAR}`). */
// Braces never occur in Django's key alphabet, so these cannot fire on a real key; `$` and `(`
// do occur in it, which is why `$VAR` and `$(...)` count only as the whole value.
// The bodies are bounded so that a value full of unclosed `${` stays linear to test.
const CONTAINS_REFERENCE = /\$\{[A-Za-z_][^}]{0,256}\}|\{\{[^}]{0,256}\}\}/;

/** Nesting of `${A:-${B:-...}}` followed before giving up (and calling the rest a reference). */
const MAX_DEFAULT_DEPTH = 8;

/** Self-describing placeholders are a few words; a longer text is not one (and is not worth segmenting). */
const MAX_PLACEHOLDER_LENGTH = 256;

/** Placeholder words are short; a longer run of letters is not segmented (that is quadratic). */
const MAX_SEGMENT_WORD = 64;

/**
 * Compose/shell defaults: `${VAR:-default}` and `${VAR-default}` use the default when VAR is unset,
 * so the default is the literal that matters. Returns it, or undefined when there is none.
 */
export function interpolationDefault(value: string): string | undefined {
  const trimmed = value.trim();
  // tox: `{env:NAME:default}` works the same way.
  // GitHub Actions: `${{ secrets.X || 'default' }}` falls back to the quoted literal.
  const match =
    /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([\s\S]*)\}$/.exec(trimmed) ??
    /^\{env:[A-Za-z_][A-Za-z0-9_]*:([\s\S]*)\}$/.exec(trimmed) ??
    /^\$\{\{[^'}]*\|\|\s*'([^']*)'\s*\}\}$/.exec(trimmed);
  return match ? match[1] : undefined;
}

/** Split into lower-case words at punctuation, case changes and letter/digit boundaries. */
function words(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])|([0-9])([A-Za-z])/g, '$1$3 $2$4')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const VOCABULARY = new Set([...MARKERS, ...FILLER]);

/** Break a run-together word ("yoursecretkeyhere") into vocabulary words, or null. */
function segment(word: string): string[] | null {
  if (VOCABULARY.has(word)) return [word];
  if (word.length > MAX_SEGMENT_WORD) return null;
  if (/^[0-9]{1,4}$/.test(word) || /^x+$/.test(word)) return [word];
  const best: (string[] | null)[] = [[]];
  for (let end = 1; end <= word.length; end++) {
    best[end] = null;
    for (let start = Math.max(0, end - 16); start < end; start++) {
      const prefix = best[start];
      const piece = word.slice(start, end);
      if (prefix && piece.length > 1 && VOCABULARY.has(piece)) {
        best[end] = [...prefix, piece];
        break;
      }
    }
  }
  return best[word.length] ?? null;
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


/** Markers that speak loudly enough to vouch for plain words around them ("dummy-collectstatic"). */
const STRONG_MARKERS = new Set([
  'change', 'changeme', 'replace', 'replaceme', 'your', 'placeholder', 'example', 'sample', 'dummy',
  'fake', 'mock', 'test', 'tests', 'testing', 'insecure', 'unsafe', 'notasecret', 'notsecret',
  'nosecret', 'todo', 'fixme', 'redacted', 'demo', 'setme', 'fillme',
]);

/**
 * A placeholder says so. Either every word comes from the placeholder vocabulary and one is a
 * marker ("your-secret-key-here"), or a strong marker stands among plain lower-case words
 * ("dummy-collectstatic-key"). Anything random-looking (mixed letters and digits, symbols) or
 * with no marker at all ("Tr0mbone!Harbor-Lights-2031") is a real key.
 */
function isPlaceholderText(value: string): boolean {
  const trimmed = value.trim();
  if (/^<[^<>]+>$/.test(trimmed) || /^\[[^\[\]]+\]$/.test(trimmed)) return true;
  if (distinctAtMost(trimmed.replace(/\s/g, ''), 2)) return true; // xxxx, ****, ...., 0000, …
  if (trimmed.length > MAX_PLACEHOLDER_LENGTH) return false;
  const parts = words(trimmed);
  if (parts.length === 0) return true;
  const known: string[] = [];
  let unknownPlainWords = 0;
  for (const part of parts) {
    const pieces = segment(part);
    if (pieces) known.push(...pieces);
    else if (/^[a-z]{2,20}$/.test(part)) unknownPlainWords++;
    else return false;
  }
  if (unknownPlainWords > 0) {
    // Only plain words and a few separators: a sentence-like name, not a generated key.
    const plain = /^[A-Za-z0-9 _.\-]+$/.test(trimmed) && parts.length <= 8;
    return plain && known.some((word) => STRONG_MARKERS.has(word));
  }
  return known.some((word) => MARKERS.has(word) || /^x{3,}$/.test(word));
}

/** Classify a literal string bound to a guarded name. */
export function classifyValue(raw: string): ValueKind {
  return classify(raw, 0);
}

function classify(raw: string, depth: number): ValueKind {
  const value = raw.trim();
  if (EMPTY_WORDS.has(value.toLowerCase())) return 'empty';
  const fallback = depth < MAX_DEFAULT_DEPTH ? interpolationDefault(value) : undefined;
  if (fallback !== undefined) return fallback.trim() === '' ? 'empty' : classify(fallback, depth + 1);
  if (REFERENCE_PATTERNS.some((pattern) => pattern.test(value))) return 'reference';
  if (CONTAINS_REFERENCE.test(value)) return 'reference';
  const body = value.toLowerCase().startsWith(INSECURE_PREFIX) ? value.slice(INSECURE_PREFIX.length) : value;
  if (body.trim() === '' || isPlaceholderText(body)) return 'placeholder';
  if (VARIABLE_NAME.test(value) || namesASecret(value)) return 'reference';
  return 'literal';
}

/** Is this a value that must block? */
export function isLiteralKey(raw: string): boolean {
  return classifyValue(raw) === 'literal';
}
