/**
 * parse/python/: the one Python tokenizer (tokens.ts; token-list.ts is its editable view for fix and
 * rotate) and this evaluator of expressions over its tokens.
 *
 * Evaluates a Python expression, as far as the secret-key rule cares: which string literals could
 * it be? Pure literals (implicit and `+` concatenation, `'x' * 50`, `'x'.encode()`) are one value;
 * `A or B` and `A if c else B` are each branch; a tuple/list/set is each element; an env lookup
 * with a literal fallback is the fallback; a name is what the file assigns to it. Anything
 * computed (other calls, f-strings with fields, `%`, `+` with a non-literal) is nothing.
 */
import {
  isOp,
  isWord,
  NAME,
  NEWLINE,
  NUMBER,
  OP,
  STRING,
  STRING3,
  stringParts,
  stringValue,
  tokenText,
  type Tokens
} from './tokens.js';

export interface Leaf {
  value: string;
  /** Offset of the first literal piece's content. */
  offset: number;
  /**
   * Source span of the whole literal: first piece's prefix/quote to the last piece's closing quote (every
   * piece of `'a' 'b'` and `'a' + 'b'`).
   */
  start: number;
  end: number;
  form: 'assign' | 'fallback';
}

interface Value {
  /** Set when the expression is one plain string literal (so `+` can join it). */
  literal?: Leaf;
  /** Set for a number (so `'x' * 50` stays the literal). */
  numeric?: boolean;
  /** Set for a bare name, resolved only if no attribute, call or subscript follows. */
  name?: string;
  leaves: Leaf[];
}

/** Names the file binds at statement level, for resolving `os.environ.get('X', DEFAULT_KEY)`. */
export type Resolver = (name: string) => Leaf[];

const NOTHING: Value = { leaves: [] };
const MAX_DEPTH = 150;
const KEEP_LITERAL_METHODS = new Set(['encode', 'decode', 'strip', 'lstrip', 'rstrip']);
const COMPARISONS = new Set(['<', '>', '==', '>=', '<=', '!=', '<>']);
const NOT_AN_ATOM = new Set([
  'if',
  'else',
  'elif',
  'for',
  'in',
  'is',
  'and',
  'or',
  'not',
  'lambda',
  'yield',
  'return',
  'import',
  'from',
  'as',
  'with',
  'while',
  'def',
  'class',
  'pass',
  'del',
  'global',
  'nonlocal',
  'assert',
  'raise',
  'try',
  'except',
  'finally',
  'async',
  'print',
  'exec'
]);
/** A call whose value is its first positional argument (`str('...')`, pydantic `SecretStr('...')`). */
const IDENTITY_CALLS = new Set(['str', 'bytes', 'SecretStr', 'SecretBytes']);
/** Settings libraries whose constructor's first argument is the default (django-configurations, pydantic). */
const DEFAULT_FIRST = new Set(['Value', 'SecretValue', 'Field']);

export const asFallback = (leaves: Leaf[]): Leaf[] =>
  leaves.map((leaf) => (leaf.form === 'fallback' ? leaf : { ...leaf, form: 'fallback' }));

function union(a: Leaf[], b: Leaf[]): Leaf[] {
  return a.length === 0 ? b : b.length === 0 ? a : [...a, ...b];
}

/** The words of an identifier: `get_env_variable` → get env variable, `getSecret` → get secret. */
export function identifierWords(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split('_')
    .filter(Boolean);
}

const ENV_WORDS = new Set(['env', 'environ', 'getenv', 'dotenv', 'environs']);

/**
 * Does a callee chain (`os.environ.get` → [os, environ, get]) read the environment (os, dotenv,
 * django-environ, custom `get_env_variable` helpers) or decouple's `config`? Their arguments after
 * the variable's name are its fallback.
 */
export function isEnvLookup(chain: readonly string[]): boolean {
  const last = chain[chain.length - 1] ?? '';
  return (
    chain.some((part) => identifierWords(part).some((word) => ENV_WORDS.has(word))) ||
    (last === 'config' && chain.length <= 2)
  );
}

export interface CallArgs {
  /** Start token of each positional argument (excluding `*args`). */
  positional: number[];
  /** Keyword argument name → start token of its value. */
  keywords: Map<string, number>;
}

export class Evaluator {
  private depth = 0;
  private pos = 0;
  private readonly expressions = new Map<number, { value: Value; end: number }>();
  private readonly assignments = new Map<number, Leaf[]>();
  private readonly argsMemo = new Map<number, CallArgs>();

  constructor(
    private readonly tokens: Tokens,
    private readonly resolve: Resolver
  ) {}

  /** Leaves of the single expression starting at token `start`, and the token where it ends. */
  expression(start: number): { leaves: Leaf[]; end: number } {
    const { value, end } = this.expressionValue(start);
    return { leaves: value.leaves, end };
  }

  /**
   * Every evaluation is memoised by its start token, so each token is parsed about once however
   * many names point at it (nested lookups, chained assignments, repeated references).
   */
  private expressionValue(start: number): { value: Value; end: number } {
    let result = this.expressions.get(start);
    if (!result) {
      result = this.run(start, this.test);
      this.expressions.set(start, result);
    }
    return result;
  }

  /**
   * Leaves of the value assigned by `= <start...>`: a tuple without parentheses is each element, and
   * in a chained assignment (`A = B = '<lit>'`) the last expression is the value. Memoised per
   * start, so a file of `A = B = C = ...` stays linear.
   */
  assigned(start: number): Leaf[] {
    const starts: number[] = [];
    let at = start;
    let leaves: Leaf[] | undefined;
    while (leaves === undefined) {
      leaves = this.assignments.get(at);
      if (leaves) break;
      starts.push(at);
      const result = this.run(at, this.testList);
      if (result.end > at && isOp(this.tokens, result.end, '=')) {
        at = result.end + 1;
        leaves = undefined;
      } else {
        leaves = result.value.leaves;
      }
    }
    for (const s of starts) this.assignments.set(s, leaves);
    return leaves;
  }

  /** Arguments of the call whose `(` is token `open`. */
  callArgs(open: number): CallArgs {
    const known = this.argsMemo.get(open);
    if (known) return known;
    const { tokens } = this;
    const close = Math.min(tokens.link[open]!, tokens.count);
    const args: CallArgs = { positional: [], keywords: new Map() };
    let argStart = open + 1;
    for (let i = open + 1; i <= close; i++) {
      if (i < close && !(tokens.link[i] === open && isOp(tokens, i, ','))) {
        // nested brackets
        if (tokens.type[i] === OP && tokens.link[i]! > i) i = Math.min(tokens.link[i]!, close - 1);
        continue;
      }
      if (argStart < i) {
        if (tokens.type[argStart] === NAME && isOp(tokens, argStart + 1, '='))
          args.keywords.set(tokenText(tokens, argStart), argStart + 2);
        else if (!isOp(tokens, argStart, '*') && !isOp(tokens, argStart, '**'))
          args.positional.push(argStart);
      }
      argStart = i + 1;
    }
    this.argsMemo.set(open, args);
    return args;
  }

  /** Parse from `start` without disturbing the current position. */
  private run(start: number, parse: () => Value): { value: Value; end: number } {
    const saved = this.pos;
    this.pos = start;
    try {
      return { value: parse.call(this), end: this.pos };
    } finally {
      this.pos = saved;
    }
  }

  private type(i = this.pos): number {
    return i < this.tokens.count ? this.tokens.type[i]! : NEWLINE;
  }

  private op(text: string, i = this.pos): boolean {
    return isOp(this.tokens, i, text);
  }

  private word(text: string, i = this.pos): boolean {
    return isWord(this.tokens, i, text);
  }

  /** Comma-separated tests (a bare tuple). */
  private testList(): Value {
    const first = this.test();
    if (!this.op(',')) return first;
    let leaves = first.leaves;
    while (this.op(',')) {
      this.pos++;
      const before = this.pos;
      const next = this.test();
      if (this.pos === before) break;
      leaves = union(leaves, next.leaves);
    }
    return { leaves };
  }

  private test(): Value {
    // Deeper than any real settings file: give up on this branch (nothing consumed, so the
    // enclosing bracket is skipped whole) rather than recurse without bound.
    if (this.depth >= MAX_DEPTH) return NOTHING;
    this.depth++;
    try {
      if (this.word('lambda')) {
        this.skipLambda();
        return NOTHING;
      }
      if (this.op('*') || this.op('**')) this.pos++; // starred element: judge what it unpacks
      const value = this.orTest();
      if (!this.word('if')) return value;
      this.pos++;
      this.orTest();
      if (!this.word('else')) return value;
      this.pos++;
      return { leaves: union(value.leaves, this.test().leaves) };
    } finally {
      this.depth--;
    }
  }

  private skipLambda(): void {
    this.pos++;
    while (this.pos < this.tokens.count && !this.op(':') && this.type() !== NEWLINE) this.skipAtom();
    if (this.op(':')) {
      this.pos++;
      this.test();
    }
  }

  /** Step over one token, or a whole bracketed group. */
  private skipAtom(): void {
    const link = this.tokens.link[this.pos]!;
    this.pos = this.type() === OP && link > this.pos ? link + 1 : this.pos + 1;
  }

  private orTest(): Value {
    let value = this.andTest();
    while (this.word('or')) {
      this.pos++;
      value = { leaves: union(value.leaves, asFallback(this.andTest().leaves)) };
    }
    return value;
  }

  private andTest(): Value {
    let value = this.notTest();
    while (this.word('and')) {
      this.pos++;
      value = { leaves: union(value.leaves, this.notTest().leaves) };
    }
    return value;
  }

  private notTest(): Value {
    let negated = false;
    while (this.word('not')) {
      this.pos++;
      negated = true;
    }
    const value = this.comparison();
    return negated ? NOTHING : value;
  }

  private comparison(): Value {
    let value = this.bitwise();
    for (;;) {
      const text = this.type() === OP ? tokenText(this.tokens, this.pos) : '';
      if (COMPARISONS.has(text) || this.word('in') || this.word('is')) this.pos++;
      else if (this.word('not') && this.word('in', this.pos + 1)) this.pos += 2;
      else return value;
      if (this.word('not')) this.pos++;
      this.bitwise();
      value = NOTHING;
    }
  }

  private bitwise(): Value {
    let value = this.arith();
    while (this.op('|') || this.op('&') || this.op('^') || this.op('<<') || this.op('>>')) {
      this.pos++;
      this.arith();
      value = NOTHING;
    }
    return value;
  }

  private arith(): Value {
    let value = this.term();
    while (this.op('+') || this.op('-')) {
      const plus = this.op('+');
      this.pos++;
      const right = this.term();
      value =
        plus && value.literal && right.literal
          ? literal({
              ...value.literal,
              value: value.literal.value + right.literal.value,
              end: right.literal.end
            })
          : NOTHING;
    }
    return value;
  }

  private term(): Value {
    let value = this.factor();
    while (this.op('*') || this.op('/') || this.op('//') || this.op('%') || this.op('@')) {
      const times = this.op('*');
      this.pos++;
      const right = this.factor();
      // `'x' * 50` keeps the literal (the classifier judges 'x'); anything else is computed.
      if (times && value.literal && right.numeric) continue;
      value = times && value.numeric && right.literal ? right : NOTHING;
    }
    return value;
  }

  private factor(): Value {
    let unary = false;
    while (this.op('-') || this.op('+') || this.op('~')) {
      this.pos++;
      unary = true;
    }
    if (this.word('await')) this.pos++;
    let value = this.atomWithTrailers();
    if (this.op('**')) {
      this.pos++;
      const exponent = this.factor();
      value = value.numeric && exponent.numeric ? { numeric: true, leaves: [] } : NOTHING;
    }
    return unary ? (value.numeric ? value : NOTHING) : value;
  }

  /** An atom and its trailers; `chain` collects the dotted callee (`os.environ.get`). */
  private atomWithTrailers(): Value {
    const { tokens } = this;
    const chain: string[] = [];
    let value = this.atom(chain);
    for (;;) {
      if (this.op('.') && this.type(this.pos + 1) === NAME) {
        const attribute = tokenText(tokens, this.pos + 1);
        this.pos += 2;
        if (this.op('(') && KEEP_LITERAL_METHODS.has(attribute) && (value.literal || value.leaves.length)) {
          this.skipAtom(); // `'<lit>'.encode()`, `os.getenv('K', '<lit>').strip()`: still that literal
        } else if (value.literal && this.op('(')) {
          this.skipAtom();
          value = NOTHING;
        } else {
          if (chain.length) chain.push(attribute);
          value = NOTHING;
        }
      } else if (this.op('(')) {
        const open = this.pos;
        this.skipAtom();
        value = this.call(chain, open);
      } else if (this.op('[')) {
        this.skipAtom();
        // `'<lit>'[:50]` slices the literal: still (most of) that key. Other subscripts look up.
        if (!value.literal) value = NOTHING;
      } else {
        return value.name === undefined ? value : { leaves: this.resolve(value.name) };
      }
    }
  }

  private atom(chain: string[]): Value {
    const { tokens } = this;
    const type = this.type();
    if (type === STRING || type === STRING3) return this.strings();
    if (type === NUMBER) {
      this.pos++;
      return { numeric: true, leaves: [] };
    }
    if (type === NAME) {
      const name = tokenText(tokens, this.pos);
      if (NOT_AN_ATOM.has(name)) return NOTHING;
      this.pos++;
      chain.push(name);
      if (name === 'None' || name === 'True' || name === 'False') return NOTHING;
      return { leaves: [], name };
    }
    if (this.op('(') || this.op('[') || this.op('{')) return this.bracket();
    if (this.op('...')) this.pos++;
    return NOTHING;
  }

  /** Adjacent string literals are one value; an f-string with fields makes it computed. */
  private strings(): Value {
    const { tokens } = this;
    let text = '';
    let computed = false;
    const offset = stringParts(tokens, this.pos).contentStart;
    const start = tokens.start[this.pos]!;
    while (this.type() === STRING || this.type() === STRING3) {
      const piece = stringValue(tokens, this.pos);
      if (piece === null) computed = true;
      else text += piece;
      this.pos++;
    }
    return computed
      ? NOTHING
      : literal({ value: text, offset, start, end: tokens.end[this.pos - 1]!, form: 'assign' });
  }

  /** `( ... )`, `[ ... ]`, `{ ... }`: a parenthesised value, or each element of a collection. */
  private bracket(): Value {
    const { tokens } = this;
    const open = this.pos;
    const close = Math.min(tokens.link[open]!, tokens.count);
    const paren = this.op('(');
    this.pos = open + 1;
    let leaves: Leaf[] = [];
    let single: Value | undefined;
    let items = 0;
    let clean = true;
    while (this.pos < close) {
      const before = this.pos;
      const item = this.test();
      if (this.pos === before || this.op(':') || this.word('for') || this.word('async')) {
        clean = false; // a dict, a comprehension, or syntax this evaluator does not follow
        break;
      }
      items++;
      single = item;
      leaves = union(leaves, item.leaves);
      if (!this.op(',')) break;
      this.pos++;
      single = undefined;
    }
    if (this.pos !== close) clean = false;
    this.pos = close + 1;
    if (!clean) return NOTHING;
    if (paren && items === 1 && single) return single;
    return { leaves };
  }

  /** A call's value: an env lookup's (or any `default=`) fallback, `str('<lit>')`, else nothing. */
  private call(chain: readonly string[], open: number): Value {
    const args = this.callArgs(open);
    const last = chain[chain.length - 1] ?? '';
    const fallback = args.keywords.get('default') ?? args.keywords.get('fallback');
    if (fallback !== undefined) return { leaves: asFallback(this.sub(fallback).leaves) };
    if (
      IDENTITY_CALLS.has(last) &&
      (chain.length === 1 || last.startsWith('Secret')) &&
      args.positional.length
    ) {
      return this.sub(args.positional[0]!);
    }
    let from = -1;
    if (chain.length === 1 && last === 'getattr') from = 2;
    else if (DEFAULT_FIRST.has(last)) from = 0;
    else if (isEnvLookup(chain)) from = 1;
    if (from < 0) return NOTHING;
    let leaves: Leaf[] = [];
    for (const start of args.positional.slice(from))
      leaves = union(leaves, asFallback(this.sub(start).leaves));
    return { leaves };
  }

  /** Evaluate a nested argument. */
  private sub(start: number): Value {
    return this.expressionValue(start).value;
  }
}

function literal(leaf: Leaf): Value {
  return { literal: leaf, leaves: [leaf] };
}
