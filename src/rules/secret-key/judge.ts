/**
 * Candidate → hit: the format's reader finds values bound to guarded names; here each is judged
 * (placeholder class, production-settings warning, W009 note), masked, fingerprinted and given
 * its line, column and snippet.
 */
import type { Candidate, Hit, RuleOptions } from '../types.js';
import {
  classifyValue,
  distinctAtMost,
  INSECURE_PREFIX,
  interpolatesIn,
  isTestCode,
  type ValueKind
} from '../placeholder.js';
import { codePoints, fingerprint, mask } from '../mask.js';
import { extractFormat, formatOf } from './formats/index.js';
import type { Format } from './formats/registry.js';
import { extractInsecureTokens } from './formats/generic.js';
import { foldName, mentionsName, nameKind } from './bind/names.js';
import { linePrefix } from './bind/values.js';
import { refineDefault } from './bind/defaults.js';
import { indexLines } from '../../parse/lines.js';

const INSECURE = /django-insecure-/i;

/** Offsets → 1-based line/column, with one pass to index line starts. */
function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const lines = indexLines(text);
  return (offset) => {
    const line = lines.lineOf(offset);
    return { line: line + 1, column: offset - lines.starts[line]! + 1 };
  };
}

/** Django's security.W009 thresholds, for a note on weak keys. */
function w009(value: string): string {
  if (value.startsWith(INSECURE_PREFIX)) return ' (a startproject key: fails security.W009)';
  if (value.length < 50 || distinctAtMost(value, 4))
    return ' (also too weak for Django: fails security.W009)';
  return '';
}

function describe(candidate: Candidate, masked: string): string {
  const name = foldName(candidate.name);
  if (candidate.form === 'token') return `django-insecure- key ${masked}`;
  if (candidate.form === 'fallback') return `${name} falls back to a literal key ${masked}`;
  if (name.endsWith('FALLBACKS')) return `${name} lists a literal key ${masked}`;
  return `${name} is a literal key ${masked}`;
}

/** Settings modules that production imports: a placeholder there means production may run on it. */
function isProductionSettings(path: string): boolean {
  return (
    /\.py$/.test(path) &&
    /settings/i.test(path) &&
    !/(^|[/_.-])(tests?|testing|ci|dev|development|local)([/_.-]|$)/i.test(path)
  );
}

/**
 * Characters of the line shown before a value: enough for `SECRET_KEY = os.environ.get(...`, bounded for
 * one-line files.
 */
const SNIPPET_PREFIX = 120;

function snippetFor(text: string, offset: number, masked: string): string {
  const prefix =
    linePrefix(text, offset, SNIPPET_PREFIX) ?? '…' + text.slice(offset - SNIPPET_PREFIX, offset);
  const quote = /['"`]$/.exec(prefix)?.[0] ?? '';
  // A build step (`… collectstatic`) gets build-only advice; the rest of the line is not shown, as it
  // may hold other secrets — only that one word is.
  const end = text.indexOf('\n', offset);
  const build = /\bcollectstatic\b/.test(
    text.slice(offset, Math.min(end < 0 ? text.length : end, offset + 2000))
  )
    ? ' … collectstatic'
    : '';
  return (prefix + masked.slice(1, masked.indexOf('…') + 1) + quote).trim() + build;
}

/** Normalise line endings and a decoded BOM so every extractor sees the same text. */
function normalise(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n/g, '\n');
}

/** HTML/XML entities a docs page writes around or inside a value: the key is the decoded text. */
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&#34;': '"'
};
const ENTITY = /&(?:amp|lt|gt|quot|#39|#x27|#34);/g;

/** Formats whose text is never HTML-escaped: what is written is what the program reads. */
const PLAIN_TEXT_FORMATS: ReadonlySet<Format> = new Set<Format>([
  'python',
  'dotenv',
  'shell',
  'make',
  'yaml',
  'toml',
  'ini',
  'dockerfile'
]);

/**
 * The value as a reader of the page sees it: entity quotes dropped, entities decoded. Django keys have no
 * `;`, so no key is changed.
 */
function decodeEntities(value: string): string {
  if (!value.includes(';')) return value;
  const quote = /^(?:&quot;|&#39;|&#x27;|&#34;)([\s\S]*?)(?:&quot;|&#39;|&#x27;|&#34;)?$/.exec(value);
  return (quote ? quote[1]! : value).replace(ENTITY, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * Another product's credentials written next to a generic `secret_key` (an `.s3cfg`, a `[s3]`
 * section, a payment gateway's settings in a file of unknown format): the keys within a few lines.
 * Structured readers (YAML/JSON/TOML, Python) already decide this from the tree; this catches the rest.
 */
const FOREIGN_NEARBY = new RegExp(
  String.raw`(?<![\w-])(?:access[_-]?key(?:[_-]?id)?|api[_-]?key|public[_-]?key|` +
    String.raw`publishable[_-]?key|client[_-]?(?:id|secret)|consumer[_-]?key|merchant[_-]?id|` +
    String.raw`bucket(?:[_-]?name)?|endpoint(?:[_-]?url)?|host_base|host_bucket)["']?[ \t]*[:=]`,
  'i'
);
const NEARBY = 300;

function besideForeignCredentials(text: string, offset: number): boolean {
  return FOREIGN_NEARBY.test(text.slice(Math.max(0, offset - NEARBY), offset + NEARBY));
}

/**
 * A key path through a section named for django just before the name: `default['django']['secret_key']`
 * (Chef), `node.django.secret_key`, `settings[:django][:secret_key]`.
 */
const DJANGO_PATH = /(?:^|[[.'":\s])django['"]?\]?[ \t]*(?:\[[ \t]*[:'"]?|\.|::?)[ \t]*secret[_-]?key\b/i;

/** May a generic spelling (`secret_key`, `secretKey`) at `offset` be Django's in this file? */
function genericWelcome(text: string, path: string, offset: number): boolean {
  // A map or section named for django makes it Django's, in any language (DESIGN §3 "names by meaning").
  if (DJANGO_PATH.test(linePrefix(text, offset, 120) ?? '')) return true;
  return !FOREIGN_CODE.test(path) && !CATALOGUE.test(path) && !besideForeignCredentials(text, offset);
}

/**
 * Where a generic spelling is not the app's configuration: source code of other languages
 * (`const secretKey = …` for a JWT or captcha client) and translation catalogues
 * (`"secretKey": "Clé secrète"` is a UI label).
 */
const FOREIGN_CODE = /\.(?:[cm]?[jt]sx?|go|rb|java|php|rs|cs|kt|kts|swift|scala|dart|vue|svelte)$/i;
const CATALOGUE =
  /(?:^|\/)(?:locales?|i18n|l10n|lang|langs|languages|translations?)\/|\.(?:po|pot|xliff|xlf|arb|strings)$/i;

/**
 * Whether judgeText could find anything in `input`: the test every judgement starts with (a guarded
 * name in any spelling, or a startproject key). The engine asks it before reading short texts that
 * are rarely about keys (commit messages).
 */
export function mayHoldKey(input: string, names: readonly string[]): boolean {
  const text = normalise(input);
  return mentionsName(text, names) || INSECURE.test(text);
}

/** Every secret-key hit in one file's text. */
export function judgeText(input: string, path: string, options: RuleOptions): Hit[] {
  const text = normalise(input);
  const format = formatOf(path);
  // Every spelling of a name is looked for in every format (names.ts); readers judge the spelling.
  const named = mentionsName(text, options.names);
  const insecure = INSECURE.test(text);
  if (!named && !insecure) return [];
  const catalogue = CATALOGUE.test(path);
  // Entities are markup's escapes: in Python or a shell script `&amp;` is five characters of the key.
  const markup = !PLAIN_TEXT_FORMATS.has(format);
  const candidates = [
    ...(named ? extractFormat(format, text, options.names) : []),
    ...(insecure ? extractInsecureTokens(text) : [])
  ]
    .filter(
      (candidate) =>
        candidate.form === 'token' ||
        nameKind(candidate.name, options.names) !== 'generic' ||
        genericWelcome(text, path, candidate.nameOffset ?? candidate.offset)
    )
    // A message catalogue's values are sentences shown to users, whatever their keys are called.
    .filter((candidate) => !(catalogue && /\s/.test(candidate.value.trim())))
    // The value reported is the literal itself: a `${NAME:-<lit>}` default without its wrapper.
    .map((candidate) => refineDefault(candidate, text))
    .map((candidate) =>
      markup && candidate.value.includes(';')
        ? { ...candidate, value: decodeEntities(candidate.value) }
        : candidate
    );
  const position = lineIndex(text);
  const seen = new Set<string>();
  const linesWithHits = new Set<number>();
  // Values already reported per line: a docs page may show one key twice on a line (a token cut at
  // an entity, and the assignment), which is one finding.
  const valuesOnLine = new Map<number, string[]>();
  const hits: Hit[] = [];
  // Generated and repetitive files repeat one value thousands of times: classify each once.
  const kinds = new Map<string, ValueKind>();
  const testCode = isTestCode(path);
  const fileInterpolates = interpolatesIn(path);
  // Where a bound value judged a placeholder ends: a django-insecure- token inside it is part of that
  // phrase (`change-django-insecure-change-me`), judged with it, not on its own.
  let placeholderEnd = -1;
  for (const candidate of candidates.sort((a, b) => a.offset - b.offset)) {
    if (candidate.form === 'token' && candidate.offset < placeholderEnd) continue;
    // `${…}` is a reference only where this value's format and quoting interpolate it.
    const interpolates = candidate.interpolates ?? fileInterpolates;
    const cacheKey = interpolates ? candidate.value : `\0${candidate.value}`;
    let kind = kinds.get(cacheKey);
    if (kind === undefined)
      kinds.set(cacheKey, (kind = classifyValue(candidate.value, { testCode, interpolates })));
    if (kind === 'placeholder' && candidate.form !== 'token')
      placeholderEnd = Math.max(placeholderEnd, candidate.offset + candidate.value.length);
    const placeholderWarning =
      kind === 'placeholder' && candidate.form !== 'token' && isProductionSettings(path);
    if (kind !== 'literal' && !placeholderWarning) continue;
    const { line, column } = position(candidate.offset);
    const key = `${line}\0${candidate.value}`;
    // Two extractors may see the same value (a Python literal that is also a django-insecure token).
    if (seen.has(key) || (candidate.form === 'token' && linesWithHits.has(line))) continue;
    const others = valuesOnLine.get(line) ?? [];
    if (others.some((other) => other.includes(candidate.value) || candidate.value.includes(other))) continue;
    valuesOnLine.set(line, [...others, candidate.value]);
    seen.add(key);
    linesWithHits.add(line);
    const print = fingerprint(candidate.value);
    const length = codePoints(candidate.value);
    const masked = mask(candidate.value, length);
    const nameLine = candidate.nameOffset === undefined ? line : position(candidate.nameOffset).line;
    hits.push({
      line,
      column,
      name: candidate.form === 'token' ? 'SECRET_KEY' : foldName(candidate.name),
      masked,
      fingerprint: print,
      length,
      pragmaLines: nameLine === line ? undefined : [nameLine],
      snippet: snippetFor(text, candidate.offset, masked),
      ...(testCode ? { inTestCode: true as const } : {}),
      ...(placeholderWarning
        ? {
            severity: 'warning' as const,
            message: `${candidate.name} is a placeholder ${masked}: production would run on it`
          }
        : { message: describe(candidate, masked) + w009(candidate.value) })
    });
  }
  return hits;
}
