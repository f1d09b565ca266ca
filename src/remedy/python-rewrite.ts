/**
 * Rewrite literal keys in a Python module to environment lookups. The secret-key rule's binding
 * sites say where each literal is (every piece of it) and what Python decodes it to; this module
 * finds the construct around it (assignment, env lookup with a default, keyword argument, schema
 * tuple, comment) and replaces the smallest piece that removes the key.
 */
import { statements, tokenList, type Token } from '../parse/python/token-list.js';
import type { BindingSite } from '../rules/secret-key/formats/python.js';

export interface LookupStyle {
  /** python-decouple (`config(...)`) or django-environ (`env(...)`). */
  kind: 'decouple' | 'environ';
  /** Name of the django-environ `Env` instance (usually `env`). */
  envName: string;
}

export interface Moved {
  /** Environment variable that now holds the value(s). */
  name: string;
  values: string[];
}

export interface PythonRewrite {
  text: string;
  moved: Moved[];
  /** decouple helpers the new code uses (`config`, `Csv`). */
  uses: Set<string>;
  /** Comments that held a key and were removed. */
  removedComments: number;
}

interface Edit {
  start: number;
  end: number;
  replacement: string;
}

export const FALLBACKS = 'SECRET_KEY_FALLBACKS';
const LOOKUP_CALLEES = new Set(['get', 'getenv', 'config', 'env', 'str', 'setdefault']);

const canonical = (name: string) => name.toUpperCase().replace(/-/g, '_');

/** `config('NAME')` / `env('NAME')`, in the quote style of the code it replaces. */
export function lookupFor(name: string, style: LookupStyle, quote = "'"): string {
  const q = (s: string) => quote + s + quote;
  if (name === FALLBACKS) {
    return style.kind === 'environ'
      ? `${style.envName}.list(${q(name)}, default=[])`
      : `config(${q(name)}, default=${q('')}, cast=Csv())`;
  }
  return style.kind === 'environ' ? `${style.envName}(${q(name)})` : `config(${q(name)})`;
}

function quoteOf(token: Token | undefined): string {
  const quote = token?.text.match(/['"]/)?.[0];
  return quote ?? "'";
}

const valueOf = (token: Token) => token.value ?? '';

/** The string tokens joined by implicit or `+` concatenation around `index`, with wrapping parens. */
function literalGroup(
  tokens: readonly Token[],
  index: number
): { first: number; last: number; value: string } {
  const isString = (i: number) => tokens[i]?.kind === 'string';
  const isPlus = (i: number) => tokens[i]?.kind === 'op' && tokens[i]!.text === '+';
  let first = index;
  let last = index;
  for (;;) {
    if (isString(first - 1)) first--;
    else if (isPlus(first - 1) && isString(first - 2)) first -= 2;
    else break;
  }
  for (;;) {
    if (isString(last + 1)) last++;
    else if (isPlus(last + 1) && isString(last + 2)) last += 2;
    else break;
  }
  const value = tokens
    .slice(first, last + 1)
    .filter((t) => t.kind === 'string')
    .map(valueOf)
    .join('');
  // `('abc' 'def')` is a parenthesised literal, not a call or a tuple.
  const before = tokens[first - 1];
  const callLike =
    (tokens[first - 2] && ['name', 'string'].includes(tokens[first - 2]!.kind)) ||
    [')', ']'].includes(tokens[first - 2]?.text ?? '');
  if (before?.text === '(' && tokens[last + 1]?.text === ')' && !callLike)
    return { first: first - 1, last: last + 1, value };
  return { first, last, value };
}

/** Index of the bracket that encloses token `index` (or -1), and of its closing bracket. */
function enclosing(tokens: readonly Token[], index: number): { open: number; close: number } | null {
  const depth = tokens[index]!.depth;
  if (depth === 0) return null;
  let open = index - 1;
  while (open >= 0 && !(tokens[open]!.depth === depth - 1 && '([{'.includes(tokens[open]!.text))) open--;
  let close = index + 1;
  while (
    close < tokens.length &&
    !(tokens[close]!.depth === depth - 1 && ')]}'.includes(tokens[close]!.text))
  )
    close++;
  return open >= 0 && close < tokens.length ? { open, close } : null;
}

/** Start index of a dotted callee ending just before `open` (`os.environ.get`), or -1. */
function calleeStart(tokens: readonly Token[], open: number): number {
  let i = open - 1;
  if (tokens[i]?.kind !== 'name') return -1;
  while (tokens[i - 1]?.text === '.' && tokens[i - 2]?.kind === 'name') i -= 2;
  return i;
}

/** The first string argument of the call opened at `open`, when it names an environment variable. */
function envNameArgument(tokens: readonly Token[], open: number): string | undefined {
  const first = tokens[open + 1];
  if (first?.kind !== 'string') return undefined;
  const name = valueOf(first);
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : undefined;
}

/** An env lookup call anywhere in tokens[first..last]: the name it reads. */
function lookupNameIn(tokens: readonly Token[], first: number, last: number): string | undefined {
  for (let i = first; i <= last; i++) {
    if (tokens[i]!.text === '(' && LOOKUP_CALLEES.has(tokens[i - 1]?.text ?? '')) {
      const name = envNameArgument(tokens, i);
      if (name) return name;
    }
  }
  return undefined;
}

/** Offset just past the last code token of tokens[first..last] (trailing comments excluded). */
function codeEnd(tokens: readonly Token[], first: number, last: number): number {
  let i = last;
  while (i > first && tokens[i]!.kind === 'comment') i--;
  return tokens[i]!.end;
}

interface Planned {
  edit: Edit;
  moved?: Moved;
}

/** Assignment `NAME = ...` / `NAME: T = ...` to a guarded name inside statement [first, last]. */
function assignmentTarget(
  tokens: readonly Token[],
  first: number,
  last: number,
  names: readonly string[]
): { name: number; equals: number } | null {
  for (let i = first; i <= last; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'op' || token.text !== '=' || token.depth !== 0) continue;
    let name = i - 1;
    // `NAME: str = ...`: step back over the annotation to the name before the colon.
    for (let j = i - 1; j > first; j--) {
      if (tokens[j]!.text === ':' && tokens[j]!.depth === 0) {
        if (tokens[j - 1]?.kind === 'name' && names.includes(canonical(tokens[j - 1]!.text))) name = j - 1;
        break;
      }
    }
    const target = tokens[name];
    const starts = name === first || tokens[name - 1]?.text === ':';
    if (target?.kind === 'name' && starts && names.includes(canonical(target.text)))
      return { name, equals: i };
  }
  return null;
}

function planFor(
  text: string,
  tokens: readonly Token[],
  index: number,
  names: readonly string[],
  style: LookupStyle,
  site: BindingSite
): Planned | null {
  const token = tokens[index]!;
  if (token.kind === 'comment') {
    const lineStart = text.lastIndexOf('\n', token.start - 1) + 1;
    const alone = text.slice(lineStart, token.start).trim() === '';
    if (alone)
      return { edit: { start: lineStart, end: Math.min(text.length, token.end + 1), replacement: '' } };
    let start = token.start;
    while (start > lineStart && /[ \t]/.test(text[start - 1]!)) start--;
    return { edit: { start, end: token.end, replacement: '' } };
  }
  const range = statements(tokens).find(([first, last]) => first <= index && index <= last);
  if (!range) return null;
  const [first, last] = range;
  // The rule's site is the truth for the value and its pieces; the group adds wrapping parens.
  const group = { ...literalGroup(tokens, index), value: site.value };
  const quote = quoteOf(tokens[index]);

  const assignment = assignmentTarget(tokens, first, last, names);
  if (assignment && index > assignment.equals) {
    const target = canonical(tokens[assignment.name]!.text);
    const rhsStart = tokens[assignment.equals + 1]!.start;
    const rhsEnd = codeEnd(tokens, assignment.equals + 1, last);
    if (target === FALLBACKS) {
      const values: string[] = [];
      for (let i = assignment.equals + 1; i <= last; i++) {
        if (tokens[i]!.kind !== 'string') continue;
        const item = literalGroup(tokens, i);
        values.push(item.value);
        i = item.last;
      }
      return {
        edit: { start: rhsStart, end: rhsEnd, replacement: lookupFor(FALLBACKS, style, quote) },
        moved: { name: FALLBACKS, values }
      };
    }
    const envName = lookupNameIn(tokens, assignment.equals + 1, last) ?? target;
    return {
      edit: { start: rhsStart, end: rhsEnd, replacement: lookupFor(envName, style, quote) },
      moved: { name: envName, values: [group.value] }
    };
  }

  const before = tokens[group.first - 1];
  const around = enclosing(tokens, group.first);
  if (around) {
    const callee = calleeStart(tokens, around.open);
    const calleeName = tokens[around.open - 1]?.text ?? '';
    const isDefault = before?.text === '=' && tokens[group.first - 2]?.text === 'default';
    const isPositional = before?.text === ',' && (calleeName === 'get' || calleeName === 'getenv');
    if (
      callee >= 0 &&
      LOOKUP_CALLEES.has(calleeName) &&
      calleeName !== 'setdefault' &&
      (isDefault || isPositional)
    ) {
      const envName = envNameArgument(tokens, around.open) ?? 'SECRET_KEY';
      return {
        edit: {
          start: tokens[callee]!.start,
          end: tokens[around.close]!.end,
          replacement: lookupFor(envName, style, quote)
        },
        moved: { name: envName, values: [group.value] }
      };
    }
    // django-environ schema tuple, as in Env(NAME=(cast, '<lit>')): keep just the cast.
    const owner = tokens[around.open - 2];
    if (
      tokens[around.open]!.text === '(' &&
      tokens[around.open - 1]?.text === '=' &&
      owner?.kind === 'name' &&
      names.includes(canonical(owner.text))
    ) {
      const comma = tokens.findIndex(
        (t, i) => i > around.open && t.text === ',' && t.depth === tokens[around.open]!.depth + 1
      );
      const cast =
        comma > around.open + 1 ? text.slice(tokens[around.open + 1]!.start, tokens[comma - 1]!.end) : 'str';
      return {
        edit: { start: tokens[around.open]!.start, end: tokens[around.close]!.end, replacement: cast },
        moved: { name: canonical(owner.text), values: [group.value] }
      };
    }
  }
  if (before?.kind === 'name' && before.text === 'or') {
    return {
      edit: { start: tokens[group.first - 2]!.end, end: tokens[group.last]!.end, replacement: '' },
      moved: { name: 'SECRET_KEY', values: [group.value] }
    };
  }
  const owner =
    [...tokens.slice(first, group.first)]
      .reverse()
      .find((t) => t.kind === 'name' && names.includes(canonical(t.text))) ??
    [...tokens.slice(first, group.first)]
      .reverse()
      .find((t) => t.kind === 'string' && names.includes(canonical(valueOf(t))));
  const envName = owner ? canonical(owner.kind === 'string' ? valueOf(owner) : owner.text) : 'SECRET_KEY';
  return {
    edit: {
      start: tokens[group.first]!.start,
      end: tokens[group.last]!.end,
      replacement: lookupFor(envName, style, quote)
    },
    moved: { name: envName, values: [group.value] }
  };
}

/** Replace the literals at the rule's binding `sites` with environment lookups. */
export function rewriteLiterals(
  text: string,
  sites: readonly BindingSite[],
  names: readonly string[],
  style: LookupStyle
): PythonRewrite {
  const tokens = tokenList(text);
  const planned: Planned[] = [];
  for (const site of sites) {
    const index = tokens.findIndex(
      (t) => t.kind !== 'newline' && t.start <= site.offset && site.offset < t.end
    );
    if (index < 0) continue;
    const plan = planFor(text, tokens, index, names, style, site);
    if (plan) planned.push(plan);
  }
  // Two literals in one construct give the same or nested spans: keep the outermost once.
  const kept = planned
    .sort((a, b) => a.edit.start - b.edit.start || b.edit.end - a.edit.end)
    .filter(
      (plan, i, all) =>
        !all
          .slice(0, i)
          .some((other) => other.edit.start <= plan.edit.start && plan.edit.end <= other.edit.end)
    );
  let out = text;
  for (const { edit } of [...kept].reverse())
    out = out.slice(0, edit.start) + edit.replacement + out.slice(edit.end);
  const moved = mergeMoved(planned.flatMap((plan) => (plan.moved ? [plan.moved] : [])));
  const uses = new Set<string>();
  for (const { edit } of kept) {
    if (/\bconfig\(/.test(edit.replacement)) uses.add('config');
    if (/\bCsv\(/.test(edit.replacement)) uses.add('Csv');
  }
  return { text: out, moved, uses, removedComments: kept.filter((plan) => !plan.moved).length };
}

function mergeMoved(moved: Moved[]): Moved[] {
  const byName = new Map<string, string[]>();
  for (const item of moved) {
    const values = byName.get(item.name) ?? [];
    for (const value of item.values) if (!values.includes(value)) values.push(value);
    byName.set(item.name, values);
  }
  return [...byName].map(([name, values]) => ({ name, values }));
}
