/**
 * How a guarded name written in Python binds its value, over the token list: an assignment target
 * or keyword argument (`nameBinding`), a string key of a dict, subscript or env lookup
 * (`keyBinding`), names resolved through module-level assignments (`resolver`), and where a generic
 * spelling (`secret_key`) may be Django's (`genericNameWelcome`, `genericKeyWelcome`). python.ts
 * drives them over a file, its comments and its docstrings.
 */
import { asFallback, type Evaluator, identifierWords, type Leaf } from '../../../parse/python/expressions.js';
import {
  atStatementStart,
  isOp,
  isWord,
  NAME,
  STRING,
  stringValue,
  tokenText,
  type Tokens
} from '../../../parse/python/tokens.js';
import { hasForeignSiblings, isForeignSection } from '../bind/names.js';

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
 * Callees whose keyword arguments are the app's settings (`settings.configure`, `override_settings`, a
 * Settings class).
 */
const SETTINGS_CALLEE = /(?:configure|override_settings|modify_settings|settings|config)$/i;

/**
 * May a generic spelling (`secret_key`, `secretKey`) written as a Python name be Django's here?
 * Not as another object's attribute (`webhook.secret_key`), nor as a keyword argument of some
 * other product's client (`Minio(..., secret_key=…)`), nor as a function's local variable;
 * yes at module level, in a class body (pydantic settings) and in settings calls.
 */
export function genericNameWelcome(tokens: Tokens, i: number): boolean {
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
export function genericKeyWelcome(tokens: Tokens, i: number): boolean {
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
  // A dict built inside a function (a test fixture's return value, a client's request parameters) is
  // that code's data, not the app's configuration — unless it goes straight into a settings call.
  if (insideFunction(tokens.text, tokens.start[open]!))
    return isOp(tokens, open - 1, '(') && SETTINGS_CALLEE.test(calleeName(tokens, open - 1));
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
export function resolver(tokens: Tokens, evaluator: () => Evaluator): (name: string) => Leaf[] {
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
export function nameBinding(tokens: Tokens, evaluator: Evaluator, i: number): Leaf[] {
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
export function keyBinding(tokens: Tokens, evaluator: Evaluator, i: number): Leaf[] {
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
