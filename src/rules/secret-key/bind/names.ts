/**
 * Guarded names by meaning (DESIGN §3 "names by meaning"). Every spelling of a name — `SECRET_KEY`,
 * `secret_key`, `secretKey`, `secret-key`, `SecretKey` — folds to one canonical upper-snake form.
 * How far a spelling is trusted depends on how it is written:
 *   strict  — `SECRET_KEY` in upper case, any spelling that carries "django" (`djangoSecretKey`),
 *             and names the user or the project configured (`DD_SECRET_KEY`): Django's wherever they
 *             appear;
 *   generic — a lower-case or camel `secret_key` / `secretKey` / `secret-key`: Django's only in a
 *             configuration of the app, never as another object's attribute or another product's
 *             credential. The binding readers decide that from the structure around the name.
 */

export const DEFAULT_NAMES = ['SECRET_KEY', 'DJANGO_SECRET_KEY', 'SECRET_KEY_FALLBACKS'];

/** The canonical names whose lower/camel spellings are generic (used by many products). */
const GENERIC = new Set(['SECRET_KEY', 'SECRET_KEY_FALLBACKS']);

export type NameKind = 'strict' | 'generic';

/** Fold a spelling to upper snake case: `djangoSecretKey` → DJANGO_SECRET_KEY, `secret-key` → SECRET_KEY. */
export function foldName(word: string): string {
  let folded = folds.get(word);
  if (folded === undefined) {
    folded = word
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/-/g, '_')
      .toUpperCase();
    // Readers ask about every identifier and key they meet, the same few words again and again
    // (a history reads them once per revision): remembered, in a table that never outgrows FOLDS_MAX.
    if (folds.size >= FOLDS_MAX) folds.clear();
    folds.set(word, folded);
  }
  return folded;
}

const FOLDS_MAX = 4096;
const folds = new Map<string, string>();

/** Is `word` one of the names, and how far is this spelling trusted? null when it is none of them. */
export function nameKind(word: string, names: readonly string[]): NameKind | null {
  const folded = foldName(word);
  if (!names.includes(folded)) return null;
  if (!GENERIC.has(folded)) return 'strict';
  return word === folded ? 'strict' : 'generic';
}

/**
 * A name written as a settings path (`django.secretKey` in a Helm `--set` record, `django.secret_key=` in a
 * .properties file, `app:django:secret_key`): Django's when a `django` section leads to it; any other
 * path (`mysql.auth.secretKey`) is someone else's settings. Plain names answer as nameKind.
 */
export function pathNameKind(word: string, names: readonly string[]): NameKind | null {
  const kind = nameKind(word, names);
  if (kind || !/^[\w-]+(?:[.:/][\w-]+)+$/.test(word)) return kind;
  const segments = word.split(/[.:/]/);
  if (!nameKind(segments[segments.length - 1]!, names)) return null;
  return segments.slice(0, -1).some((section) => /^django$/i.test(section)) ? 'strict' : null;
}

/** Is `word` one of the names in any spelling (same folding as nameKind)? */
export function isName(word: string, names: readonly string[]): boolean {
  return nameKind(word, names) !== null;
}

/** Is `word` a name written so that it is Django's wherever it appears? */
export function isStrictName(word: string, names: readonly string[]): boolean {
  return nameKind(word, names) === 'strict';
}

const cache = new Map<string, RegExp>();

/**
 * A global, case-insensitive regex for the names as whole words in any spelling: the words of a
 * name may be joined by `_`, `-` or nothing (camelCase). A name glued to a longer word
 * (`STRIPE_SECRET_KEY`, `webhookSecretKey`) is someone else's key. Readers then ask nameKind()
 * about what matched; the same regex serves every format, so no spelling is read in one file and
 * missed in the next. Callers get their own copy: a shared global regex keeps state between them.
 */
export function nameRegex(names: readonly string[]): RegExp {
  const key = names.join('\0');
  let regex = cache.get(key);
  if (!regex) {
    const alternatives = [...names]
      .sort((a, b) => b.length - a.length)
      .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/_/g, '[_-]?'));
    regex = new RegExp(`(?<![A-Za-z0-9_-])(?:${alternatives.join('|')})(?![A-Za-z0-9_-])`, 'gi');
    cache.set(key, regex);
  }
  return new RegExp(regex.source, regex.flags);
}

/** Non-global twins of nameRegex for mentionsName: no lastIndex state, so one per name list is shared. */
const testers = new WeakMap<readonly string[], RegExp>();

/**
 * Cheap pre-check so most files skip the extractors entirely. Called per blob, block and line, so
 * it reuses one regex per name list instead of copying nameRegex's.
 */
export function mentionsName(text: string, names: readonly string[]): boolean {
  let tester = testers.get(names);
  if (!tester) {
    const regex = nameRegex(names);
    testers.set(names, (tester = new RegExp(regex.source, regex.flags.replace('g', ''))));
  }
  return tester.test(text);
}

/**
 * Keys that mark a map as another product's credentials (a storage backend, a payment gateway, a
 * cloud client), or as a pointer into a Kubernetes Secret (`existingSecret` + `secretKey: <key in it>`,
 * the Helm chart convention): a generic `secret_key` among them is not Django's literal.
 */
const FOREIGN_SIBLING = new RegExp(
  String.raw`^(?:access[_-]?key(?:[_-]?id)?|secret[_-]?access[_-]?key|api[_-]?key|api[_-]?secret|` +
    String.raw`public[_-]?key|publishable[_-]?key|private[_-]?key|client[_-]?(?:id|secret)|` +
    String.raw`consumer[_-]?(?:key|secret)|app[_-]?id|application[_-]?id|key[_-]?id|` +
    String.raw`merchant[_-]?(?:id|key)|account[_-]?(?:id|sid|name)|backend|options|` +
    String.raw`bucket(?:[_-]?name)?|region(?:[_-]?name)?|endpoint(?:[_-]?url)?|project[_-]?id|` +
    String.raw`auth[_-]?token|tenant[_-]?id|existing[_-]?secret(?:[_-]?name)?|secret[_-]?name|` +
    String.raw`secret[_-]?ref)$`,
  'i'
);

/** Does a map with these sibling keys look like another product's credentials? */
export function hasForeignSiblings(keys: readonly string[]): boolean {
  return keys.some((key) => FOREIGN_SIBLING.test(key.trim().replace(/^['"]|['"]$/g, '')));
}

/**
 * Map or section names that belong to another product: a generic `secret_key` under `aws:`,
 * `storages:`, `stripe:`, `webhook:` is that product's; so is one in a Helm chart's values for a
 * dependency chart (`mysql:`, `postgresql:`, `redis:`), where `secretKey` names a key of a Secret.
 */
const FOREIGN_SECTION = new RegExp(
  String.raw`(?:^|[_.\-\s])(?:aws|s3|boto3?|minio|storages?|gcs|gcp|azure|stripe|paypal|braintree|` +
    String.raw`razorpay|paystack|mollie|adyen|payment|payments|gateway|webhooks?|oauth2?|social|` +
    String.raw`sentry|mailgun|sendgrid|twilio|recaptcha|captcha|firebase|pusher|algolia|cloudinary|` +
    String.raw`mapbox|jwt|saml|ldap|vault|rabbitmq|redis|celery|minio|spaces|b2|wasabi|cloudflare|` +
    String.raw`r2|params|connection[_-]?params|gateway[_-]?config|plugin[_-]?config|mysql|mariadb|` +
    String.raw`postgres|postgresql|pg|pgbouncer|mongo|mongodb|memcached|elasticsearch|opensearch|` +
    String.raw`kafka|zookeeper|keycloak|grafana|prometheus|loki|clickhouse|cassandra|influxdb|` +
    String.raw`couchdb|nats|smtp|mail|email)(?:$|[_.\-\s])`,
  'i'
);

/** Is this map/section key the name of another product's settings? */
export function isForeignSection(key: string): boolean {
  return FOREIGN_SECTION.test(key) && !/django/i.test(key);
}
