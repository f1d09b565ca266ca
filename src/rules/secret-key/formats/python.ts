/**
 * Python: values bound to a guarded name. The name may be an assignment target (bare, attribute,
 * annotated, chained, class attribute), a keyword argument (`settings.configure(SECRET_KEY=...)`,
 * `environ.Env(SECRET_KEY=(str, '...'))`), a dict key, a subscript target
 * (`os.environ['SECRET_KEY'] = ...`) or the key an env lookup reads
 * (`os.environ.get('SECRET_KEY', '<fallback>')`, `config(..., default=...)`, `setattr(...)`).
 * Values are judged by python-eval.ts; comments and statement-level strings (docstrings, and
 * triple-quoted blocks used to comment code out) get the same treatment, because a commented-out
 * key is still published.
 */
import type { Candidate } from '../../types.js';
import type { FormatReader } from './registry.js';
import { asFallback, Evaluator, identifierWords, type Leaf } from '../../../parse/python/expressions.js';
import {
  atStatementStart,
  isOp,
  isWord,
  NAME,
  NEWLINE,
  STRING,
  STRING3,
  stringParts,
  stringValue,
  tokenize,
  tokenText,
  type Tokens
} from '../../../parse/python/tokens.js';

import { samples } from './python-samples.js';
import {
  hasForeignSiblings,
  isForeignSection,
  mentionsName,
  nameKind,
  type NameKind
} from '../bind/names.js';
import { readNameValues } from '../bind/name-value.js';
import { looksLikeCode } from '../bind/located.js';

/**
 * Words in a callee's name that say it looks a key up or sets it (`get`, `getenv`,
 * `get_env_variable`, `env.str`, `setattr`, `setdefault`...): its next argument is the value.
 * Calls that merely mention the name (`print`, `logger.info`, `ImproperlyConfigured`) are not.
 */
const LOOKUP_WORDS = new Set([
  'get',
  'getenv',
  'getattr',
  'env',
  'environ',
  'setenv',
  'putenv',
  'config',
  'conf',
  'setdefault',
  'setattr',
  'pop',
  'str',
  'bytes',
  'var',
  'value',
  'setting',
  'settings',
  'param',
  'option',
  'secret',
  'fetch',
  'lookup',
  'read'
]);
const SETTER_CALLEE = /^(?:setattr|setenv|putenv|__setitem__)$/;
/** Words before `(` that make it a parenthesised expression, not a call. */
const NOT_CALLEE = new Set([
  'if',
  'elif',
  'while',
  'and',
  'or',
  'not',
  'in',
  'is',
  'return',
  'assert',
  'for',
  'yield',
  'else',
  'lambda',
  'with',
  'except',
  'del',
  'import',
  'print',
  'await',
  'raise',
  'from'
]);
/** Cap on what one name resolves to, so a file assigning a name thousands of times stays linear. */
const MAX_RESOLVED = 16;

/**
 * One literal bound to a guarded name, as fix and rotate consume it (DESIGN §6: scanner, fix and
 * rotate read Python through this one front end, so they agree on where a key is and what it is).
 */
export interface BindingSite {
  /** The guarded name as written (`SECRET_KEY`, `secret_key`). */
  name: string;
  /** Offset of the name. */
  nameOffset: number;
  /** The value as Python decodes it (escapes, every piece of a split literal joined). */
  value: string;
  /** Offset of the first piece's content (the scanner's finding offset). */
  offset: number;
  /** Source span of the whole literal expression, every piece, prefixes and quotes included. */
  start: number;
  end: number;
  /** assign: the bound value; fallback: an env lookup's default (`config(..., default=…)`, `… or '…'`). */
  form: 'assign' | 'fallback';
  /** Inside a comment or a statement-level string (a commented-out key). */
  commented: boolean;
}

/** Candidates keyed by offset and value, so the same literal found twice is reported once. */
class Collector {
  private readonly seen = new Set<string>();
  readonly found: Candidate[] = [];
  readonly sites: BindingSite[] = [];

  add(name: string, nameOffset: number, leaves: readonly Leaf[], base: number, commented = false): void {
    for (const leaf of leaves) {
      const offset = base + leaf.offset;
      const key = `${offset}\0${leaf.value}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.found.push({ name, value: leaf.value, offset, nameOffset: base + nameOffset, form: leaf.form });
      this.sites.push({
        name,
        nameOffset: base + nameOffset,
        value: leaf.value,
        offset,
        start: base + leaf.start,
        end: base + leaf.end,
        form: leaf.form,
        commented
      });
    }
  }
}

/** Find values bound to the guarded names in Python source. */
export function extractPython(text: string, names: readonly string[]): Candidate[] {
  const collector = new Collector();
  scan(text, 0, new Guarded(names), collector, true);
  return collector.found;
}

/** Every literal bound to a guarded name, with its decoded value and full source span (for fix and rotate). */
export function pythonBindingSites(text: string, names: readonly string[]): BindingSite[] {
  const collector = new Collector();
  scan(text, 0, new Guarded(names), collector, true);
  return collector.sites;
}

/** Guarded names (names.ts folding: any spelling), with a cheap length pre-check. */
class Guarded {
  private readonly shortest: number;
  readonly longest: number;

  constructor(readonly names: readonly string[]) {
    const lengths = names.map((name) => name.length);
    this.shortest = Math.min(...lengths);
    // camelCase drops the underscores: `djangoSecretKey` is shorter than DJANGO_SECRET_KEY.
    this.longest = Math.max(0, ...lengths) + 2;
  }

  kind(word: string): NameKind | null {
    return word.length >= this.shortest - 3 && word.length <= this.longest
      ? nameKind(word, this.names)
      : null;
  }
}

/** Scan `text` (whose offset 0 is `base` in the original); `outer` also scans comments and docstrings. */
function scan(text: string, base: number, names: Guarded, out: Collector, outer: boolean): void {
  const tokens = tokenize(text);
  const evaluator: Evaluator = new Evaluator(
    tokens,
    resolver(tokens, (): Evaluator => evaluator)
  );
  for (let i = 0; i < tokens.count; i++) {
    const type = tokens.type[i];
    if (type === NAME) {
      const name = tokenText(tokens, i);
      const kind = names.kind(name);
      if (kind && (kind === 'strict' || genericNameWelcome(tokens, i)))
        out.add(name, tokens.start[i]!, nameBinding(tokens, evaluator, i), base, !outer);
    } else if (type === STRING || type === STRING3) {
      if (tokens.end[i]! - tokens.start[i]! > names.longest + 8) {
        assignmentsInString(tokens, i, names, out, base);
        continue;
      }
      const name = stringValue(tokens, i);
      const kind = name === null ? null : names.kind(name);
      if (name !== null && kind && (kind === 'strict' || genericKeyWelcome(tokens, i))) {
        out.add(name, stringParts(tokens, i).contentStart, keyBinding(tokens, evaluator, i), base, !outer);
      } else assignmentsInString(tokens, i, names, out, base);
    }
  }
  if (!outer) return;
  for (const block of commentBlocks(tokens)) scan(block.text, base + block.start, names, out, false);
  for (const doc of statementStrings(tokens))
    scan(text.slice(doc.start, doc.end), base + doc.start, names, out, false);
}

/**
 * A string whose text is `NAME=value` (a list element `"DJANGO_SECRET_KEY=…"`, a subprocess
 * argument after `-e`, an env line written from code): the shell reader over its decoded text,
 * mapped back to the source when the value appears there as written.
 */
function assignmentsInString(tokens: Tokens, i: number, names: Guarded, out: Collector, base: number): void {
  const value = stringValue(tokens, i);
  if (value === null || !value.includes('=') || !mentionsName(value, names.names)) return;
  const parts = stringParts(tokens, i);
  const raw = tokens.text.slice(parts.contentStart, parts.contentEnd);
  for (const found of readNameValues(value, names.names, 'shell')) {
    // Only the `NAME=value` shape: `HELP = "SECRET_KEY = 'x'"` is prose about Python, not an env entry.
    if (looksLikeCode(found.value) || found.value === '' || !value.includes(`${found.name}=`)) continue;
    const at = raw.indexOf(found.value);
    const offset = parts.contentStart + Math.max(at, 0);
    out.add(
      found.name,
      parts.contentStart + Math.max(0, raw.indexOf(found.name)),
      [{ value: found.value, offset, start: tokens.start[i]!, end: tokens.end[i]!, form: 'assign' }],
      base
    );
  }
}

/** Callees whose keyword arguments are the app's settings (`settings.configure`, `override_settings`, a Settings class). */
const SETTINGS_CALLEE = /(?:configure|override_settings|modify_settings|settings|config)$/i;

/**
 * May a generic spelling (`secret_key`, `secretKey`) written as a Python name be Django's here?
 * Not as another object's attribute (`webhook.secret_key`), nor as a keyword argument of some
 * other product's client (`Minio(..., secret_key=…)`), nor as a function's local variable;
 * yes at module level, in a class body (pydantic settings) and in settings calls.
 */
function genericNameWelcome(tokens: Tokens, i: number): boolean {
  if (isOp(tokens, i - 1, '.')) {
    const owner = tokenText(tokens, i - 2);
    return /settings|config/i.test(owner) && !isOp(tokens, i - 3, '.');
  }
  const open = tokens.link[i]!;
  if (open >= 0) {
    if (!isOp(tokens, open, '(')) return true;
    return SETTINGS_CALLEE.test(calleeName(tokens, open));
  }
  return !insideFunction(tokens.text, tokens.start[i]!);
}

/** Is `offset` inside a `def` body (by indentation: the nearest less-indented header line)? */
function insideFunction(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let indent = /^[ \t]*/.exec(text.slice(lineStart, offset))![0].length;
  let cursor = lineStart - 1;
  // Bounded: a header further than this many lines up is not looked for.
  for (let steps = 0; indent > 0 && cursor > 0 && steps < 200; steps++) {
    const start = text.lastIndexOf('\n', cursor - 1) + 1;
    const line = text.slice(start, cursor);
    cursor = start - 1;
    const lead = /^[ \t]*/.exec(line)![0].length;
    if (line.trim() === '' || line.trimStart().startsWith('#') || lead >= indent) continue;
    if (/^\s*(?:async\s+)?def\s/.test(line)) return true;
    if (/^\s*class\s/.test(line)) return false;
    indent = lead;
  }
  return false;
}

/**
 * May a generic spelling as a string key (`{'secret_key': …}`, `x['secret_key'] = …`) be Django's?
 * Not in a dict that holds another product's credentials (`access_key`, `BACKEND`, `OPTIONS`)
 * or that is the value of another product's key (`'OPTIONS': {…}`, `STRIPE = {…}`).
 */
const DICT_WELCOME = new WeakMap<Tokens, Map<number, boolean>>();
function genericKeyWelcome(tokens: Tokens, i: number): boolean {
  const open = tokens.link[i]!;
  if (open < 0 || !isOp(tokens, open, '{')) return true;
  // Once per dict: a generated dict may hold thousands of keys.
  let known = DICT_WELCOME.get(tokens);
  if (!known) DICT_WELCOME.set(tokens, (known = new Map()));
  let welcome = known.get(open);
  if (welcome === undefined) known.set(open, (welcome = dictWelcomes(tokens, open)));
  return welcome;
}

function dictWelcomes(tokens: Tokens, open: number): boolean {
  const close = tokens.link[open]!;
  const keys: string[] = [];
  for (let j = open + 1; j < close && j < tokens.count; j++) {
    if (tokens.link[j] === open && tokens.type[j] === STRING && isOp(tokens, j + 1, ':'))
      keys.push(stringValue(tokens, j) ?? '');
  }
  if (hasForeignSiblings(keys)) return false;
  const owner = isOp(tokens, open - 1, ':') || isOp(tokens, open - 1, '=') ? open - 2 : -1;
  if (owner < 0) return true;
  const ownerName =
    tokens.type[owner] === STRING ? (stringValue(tokens, owner) ?? '') : tokenText(tokens, owner);
  return !/^options$/i.test(ownerName) && !isForeignSection(ownerName);
}

/**
 * Resolves a bare name to what the file assigns it at statement level (`DEFAULT_KEY = '...'`), for
 * `os.environ.get('SECRET_KEY', DEFAULT_KEY)`. Memoised, with cycles (`A = B`, `B = A`) cut.
 */
function resolver(tokens: Tokens, evaluator: () => Evaluator): (name: string) => Leaf[] {
  let table: Map<string, number[]> | undefined;
  const done = new Map<string, Leaf[]>();
  return (name) => {
    const known = done.get(name);
    if (known) return known;
    table ??= assignmentTable(tokens);
    done.set(name, []); // in progress: a cycle resolves to nothing
    let leaves: Leaf[] = [];
    for (const start of table.get(name) ?? []) {
      leaves = leaves.concat(evaluator().assigned(start));
      if (leaves.length >= MAX_RESOLVED) break;
    }
    done.set(name, leaves.slice(0, MAX_RESOLVED));
    return leaves;
  };
}

/** Statement-level `NAME = ...`: name → the token where each right-hand side starts. */
function assignmentTable(tokens: Tokens): Map<string, number[]> {
  const table = new Map<string, number[]>();
  for (let i = 0; i + 1 < tokens.count; i++) {
    if (tokens.type[i] !== NAME || !atStatementStart(tokens, i) || !isOp(tokens, i + 1, '=')) continue;
    const name = tokenText(tokens, i);
    const starts = table.get(name);
    if (!starts) table.set(name, [i + 2]);
    else if (starts.length < MAX_RESOLVED) starts.push(i + 2);
  }
  return table;
}

/** `NAME = value`, `obj.NAME = value`, `NAME: T = value`, `f(NAME=value)`, `(NAME := value)`. */
function nameBinding(tokens: Tokens, evaluator: Evaluator, i: number): Leaf[] {
  const insideBrackets = tokens.link[i]! >= 0;
  if (isOp(tokens, i + 1, '='))
    return insideBrackets ? evaluator.expression(i + 2).leaves : evaluator.assigned(i + 2);
  if (isOp(tokens, i + 1, ':=')) return evaluator.expression(i + 2).leaves;
  if (isOp(tokens, i + 1, ':') && !insideBrackets && atStatementStart(tokens, targetStart(tokens, i))) {
    const annotation = evaluator.expression(i + 2);
    if (annotation.end > i + 2 && isOp(tokens, annotation.end, '='))
      return evaluator.assigned(annotation.end + 1);
  }
  return [];
}

/** The first token of a dotted target ending at `i` (`self.settings.SECRET_KEY`). */
function targetStart(tokens: Tokens, i: number): number {
  let start = i;
  while (start >= 2 && isOp(tokens, start - 1, '.') && tokens.type[start - 2] === NAME) start -= 2;
  return start;
}

/**
 * The name as a string: `{'SECRET_KEY': value}`, `x['SECRET_KEY'] = value`, and an argument of a
 * lookup or setter call (`os.getenv('SECRET_KEY', value)`, `config('SECRET_KEY', default=value)`,
 * `setattr(settings, 'SECRET_KEY', value)`), including `lookup(...) or value`.
 */
function keyBinding(tokens: Tokens, evaluator: Evaluator, i: number): Leaf[] {
  const open = tokens.link[i]!;
  if (open < 0) return [];
  if (isOp(tokens, i + 1, ':') && isOp(tokens, open, '{')) return evaluator.expression(i + 2).leaves;
  if (isOp(tokens, open, '[') && open === i - 1 && isOp(tokens, i + 1, ']') && isOp(tokens, i + 2, '='))
    return evaluator.assigned(i + 3);
  const close = tokens.link[open]!;
  const wholeArgument =
    (open === i - 1 || isOp(tokens, i - 1, ',')) && (i + 1 === close || isOp(tokens, i + 1, ','));
  if (!isOp(tokens, open, '(') || !wholeArgument || !isCall(tokens, open)) return [];
  const callee = calleeName(tokens, open);
  const lookup = identifierWords(callee).some((word) => LOOKUP_WORDS.has(word));
  const args = evaluator.callArgs(open);
  const fallback = args.keywords.get('default') ?? args.keywords.get('fallback');
  let leaves: Leaf[] = [];
  if (fallback !== undefined) leaves = asFallback(evaluator.expression(fallback).leaves);
  else if (lookup && isOp(tokens, i + 1, ',') && args.positional.includes(i + 2)) {
    const value = evaluator.expression(i + 2).leaves;
    leaves = SETTER_CALLEE.test(callee) ? value : asFallback(value);
  }
  if (lookup && isWord(tokens, close + 1, 'or'))
    leaves = leaves.concat(asFallback(evaluator.expression(close + 2).leaves));
  return leaves;
}

function isCall(tokens: Tokens, open: number): boolean {
  const before = open - 1;
  if (before < 0) return false;
  if (tokens.type[before] === NAME) return !NOT_CALLEE.has(tokenText(tokens, before));
  return isOp(tokens, before, ')') || isOp(tokens, before, ']');
}

function calleeName(tokens: Tokens, open: number): string {
  return tokens.type[open - 1] === NAME ? tokenText(tokens, open - 1) : '';
}

/**
 * Runs of comments on consecutive lines (or one trailing comment) as text for a second scan:
 * everything but the comment text becomes spaces, newlines stay, so offsets and lines still match.
 * Leading `#`s go too (`## SECRET_KEY = ...`).
 */
function* commentBlocks(tokens: Tokens): Generator<{ start: number; text: string }> {
  const { text, comments } = tokens;
  let blockStart = -1;
  let pieces: string[] = [];
  let previousEnd = -1;
  for (let c = 0; c < comments.length; c += 2) {
    const start = comments[c]!;
    const end = comments[c + 1]!;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const ownLine = text.slice(lineStart, start).trim() === '';
    const continues = ownLine && previousEnd >= 0 && lineStart - 1 === previousEnd && blockStart >= 0;
    if (!continues && blockStart >= 0) {
      yield { start: blockStart, text: pieces.join('') };
      blockStart = -1;
    }
    if (blockStart < 0) {
      blockStart = start;
      pieces = [];
    } else {
      pieces.push(text.slice(previousEnd, start).replace(/[^\n]/g, ' '));
    }
    let body = start;
    while (text[body] === '#') body++;
    pieces.push(' '.repeat(body - start) + text.slice(body, end));
    previousEnd = ownLine ? end : -1;
  }
  if (blockStart >= 0) yield { start: blockStart, text: pieces.join('') };
}

/** Strings that are whole statements: docstrings and triple-quoted blocks of commented-out code. */
function* statementStrings(tokens: Tokens): Generator<{ start: number; end: number }> {
  for (let i = 0; i < tokens.count; i++) {
    const type = tokens.type[i];
    if ((type !== STRING && type !== STRING3) || !atStatementStart(tokens, i)) continue;
    if (i + 1 < tokens.count && tokens.type[i + 1] !== NEWLINE) continue;
    const parts = stringParts(tokens, i);
    if (!parts.formatted) yield { start: parts.contentStart, end: parts.contentEnd };
  }
}

export const pythonFormat: FormatReader = {
  extract: (text, { names }) => extractPython(text, names),
  samples
};
