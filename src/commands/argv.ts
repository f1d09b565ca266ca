/**
 * argv → { command, values, positionals }, from the one option table (DESIGN §2's subcommand rule):
 * options are parsed first, so an option's value (`--format json history`) is never a command; the
 * command is then the first positional before `--`, when it names one. Errors are whole sentences
 * of ours, never parseArgs' own text (its quoting is unbalanced and it names no valid choice).
 */
import { UsageError } from '../errors.js';
import { OPTIONS, POSITIONALS, SUBCOMMANDS } from './options.js';

export type Values = Record<string, string | boolean | undefined>;

export interface Parsed {
  command: string;
  values: Values;
  positionals: string[];
  /** Positionals given after `--` (always paths, never a command or a typo). */
  afterDashDash: number;
}

/** A usage error found while reading argv (so no scan ran and no repository was looked at). */
export class ArgvError extends UsageError {
  constructor(message: string, pointToHelp = true) {
    super(pointToHelp ? `${message} (see djkey-guard --help)` : message);
    this.name = 'ArgvError';
  }
}

/** Levenshtein distance, small inputs only (command and option names). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest name within a typo's reach (distance ≤ 2, or a prefix of 3+ characters), if any. */
export function closest(word: string, names: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const distance = lower.length >= 3 && name.startsWith(lower) ? 1 : editDistance(lower, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.min(2, Math.max(1, Math.floor(word.length / 2))) ? best : undefined;
}

function flagName(raw: string): string {
  return raw.replace(/^-+/, '').replace(/=.*$/s, '');
}

type Token =
  | { kind: 'option-terminator' }
  | { kind: 'positional'; value: string }
  | { kind: 'option'; name: string; rawName: string; value?: string; inlineValue?: boolean };

/**
 * argv as tokens, the way node:util's parseArgs reads it with `strict: false` (its tokens are what
 * this module was written against): `--name=value`, `--name value` for a string option (the next
 * argument whatever it is), `-x` by its long name, a group `-qh` as one token per letter, `--`
 * ends the options, a lone `-` is positional. Written here because importing node:util costs a
 * commit hook more than the whole scan of a small commit (streams, workers, diff: ≈ 16 M instructions).
 */
export function argvTokens(argv: readonly string[]): Token[] {
  const shorts = new Map<string, string>();
  for (const [name, spec] of Object.entries(OPTIONS)) if (spec.short) shorts.set(spec.short, name);
  const isString = (name: string) => OPTIONS[name]?.type === 'string';
  const tokens: Token[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      tokens.push({ kind: 'option-terminator' });
      for (const rest of argv.slice(i + 1)) tokens.push({ kind: 'positional', value: rest });
      break;
    }
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      if (equals >= 0) {
        tokens.push({
          kind: 'option',
          name: arg.slice(2, equals),
          rawName: arg.slice(0, equals),
          value: arg.slice(equals + 1),
          inlineValue: true
        });
      } else {
        const name = arg.slice(2);
        const takes = isString(name) && i + 1 < argv.length;
        tokens.push(
          takes
            ? { kind: 'option', name, rawName: arg, value: argv[++i]!, inlineValue: false }
            : { kind: 'option', name, rawName: arg }
        );
      }
      continue;
    }
    if (arg.length < 2 || !arg.startsWith('-')) {
      tokens.push({ kind: 'positional', value: arg });
      continue;
    }
    for (let at = 1; at < arg.length; at++) {
      const letter = arg[at]!;
      const name = shorts.get(letter) ?? letter;
      if (isString(name)) {
        const inline = at + 1 < arg.length;
        if (inline) {
          tokens.push({
            kind: 'option',
            name,
            rawName: `-${letter}`,
            value: arg.slice(at + 1),
            inlineValue: true
          });
        } else if (i + 1 < argv.length) {
          tokens.push({ kind: 'option', name, rawName: `-${letter}`, value: argv[++i]!, inlineValue: false });
        } else tokens.push({ kind: 'option', name, rawName: `-${letter}` });
        break;
      }
      tokens.push({ kind: 'option', name, rawName: `-${letter}` });
    }
  }
  return tokens;
}

export function parseArgv(argv: readonly string[]): Parsed {
  // Every error is written here, from the tokens.
  const tokens = argvTokens(argv);
  const values: Values = {};
  const positionals: string[] = [];
  let afterTerminator = false;
  let afterDashDash = 0;
  for (const token of tokens) {
    if (token.kind === 'option-terminator') {
      afterTerminator = true;
      continue;
    }
    if (token.kind === 'positional') {
      positionals.push(token.value);
      if (afterTerminator) afterDashDash++;
      continue;
    }
    const spec = OPTIONS[token.name];
    if (!spec) {
      const guess = closest(flagName(token.rawName), Object.keys(OPTIONS));
      const shown = token.rawName.startsWith('--') ? `--${token.name}` : token.rawName;
      throw new ArgvError(
        `unknown option ${JSON.stringify(shown)}${guess ? `; did you mean --${guess}?` : ''}`
      );
    }
    if (spec.type === 'string') {
      // parseArgs hands a string option the next argument whatever it is; `--format --all` is a slip.
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
        throw new ArgvError(`--${token.name} needs a value${spec.value ? ` (${spec.value})` : ''}`);
      }
      values[token.name] = token.value;
    } else {
      if (token.value !== undefined)
        throw new ArgvError(`--${token.name} takes no value (got ${JSON.stringify(token.value)})`);
      values[token.name] = true;
    }
  }
  const beforeDashDash = positionals.length - afterDashDash;
  const first = beforeDashDash > 0 ? positionals[0] : undefined;
  const isCommand = first !== undefined && (SUBCOMMANDS as readonly string[]).includes(first);
  const command = isCommand ? first : 'scan';
  if (isCommand) positionals.shift();
  for (const name of Object.keys(values)) {
    const allowed = OPTIONS[name]?.commands;
    if (allowed && !allowed.includes(command)) {
      const where = allowed.map((c) => (c === 'scan' ? 'a scan' : c)).join(', ');
      throw new ArgvError(
        `--${name} does not apply to ${command === 'scan' ? 'a scan' : command} (only to ${where})`
      );
    }
  }
  if (positionals.length && !POSITIONALS[command]) {
    throw new ArgvError(
      `${command} takes no arguments (got ${positionals.map((p) => JSON.stringify(p)).join(' ')})`
    );
  }
  return { command, values, positionals, afterDashDash };
}
