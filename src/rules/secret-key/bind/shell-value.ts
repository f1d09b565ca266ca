/**
 * The shell modes of the `NAME sep value` reader (name-value.ts): dotenv files, shell scripts,
 * Procfiles, Makefiles, CI `run:` lines — `KEY=value`, `export`, `set`, `$env:`, inline env prefixes
 * (`SECRET_KEY=x python manage.py`, `heroku config:set`, `docker run -e`), and `NAME=value` strings
 * inside other formats' values.
 */
import type { Candidate } from '../../types.js';
import {
  linePrefix,
  looksKeyLike,
  quoteInterpolates,
  readBare,
  readQuoted,
  skipBlanks,
  type ValueToken
} from './values.js';

/**
 * dotenv: bare values run to the end of the line; shell: to whitespace; make: `?=`, `:=`;
 * loose: like shell, for files of unknown format (often code that embeds shell in strings), where
 * an unquoted value must also look like a key (`SECRET_KEY=os.environ[...]` is code, not a key).
 */
export type ShellMode = 'dotenv' | 'shell' | 'make' | 'loose';

// What may precede the name at the start of a line: indentation, a comment marker (a commented-out
// key is still published), and the keywords that introduce an assignment.
const LINE_PREFIX = new RegExp(
  String.raw`^[ \t]*(?:(?:#|\/\/|;|REM\b|::)[ \t]*)?(?:(?:export|set(?:[ \t]+-[A-Za-z]+)*|setenv|` +
    String.raw`declare(?:[ \t]+-[a-z]+)*|readonly|local|typeset|env)[ \t]+"?|\$env:)?$`,
  'i'
);
/** Prefixes whose name and value are separated by blanks, not `=`: csh `setenv`, fish `set -gx`. */
const BLANK_SEPARATED = /^(?:setenv|set(?:[ \t]+-[A-Za-z]+)+)$/i;
/** Calls whose arguments are a name and its value (the text before the name's opening quote). */
const SETTER_CALL = /(?:SetEnvironmentVariable|setenv|putenv|Set-Item|setdefault)[ \t]*\([ \t]*$/i;
/** PowerShell assigns expressions: an unquoted word after `$env:NAME =` is a command it runs. */
const POWERSHELL_PREFIX = /\$env:$/i;
/**
 * A command or sub-expression as the value: fish `(cmd args)`, PowerShell `(& cmd)` / `(cmd args)` and
 * .NET calls (`[Convert]::ToBase64String(…)`).
 * Django's alphabet has `(` but keys hold no blanks, so `(` + a word + a blank is code.
 */
const SUBEXPRESSION = /^\((?:&[ \t]*)?[A-Za-z_][\w.\-\\/]*[ \t)]|^\[[A-Za-z_][\w.]*\]::[A-Za-z_]\w*[ \t]*\(/;
// A backslash ends a bare value too: in code that embeds shell (`'SECRET_KEY=x\n'`) it starts an
// escape of the host language, and Django keys never contain one.
// An HTML page escapes a key's `&` as `&amp;`: that `;` is the entity's, not the shell's.
const SHELL_STOP = /[\s|<>`'"\\]|(?<!&(?:amp|lt|gt|quot|#39|#x27|#34));/;

/**
 * A shell word: up to whitespace or a metacharacter. `&` is in Django's key alphabet, so a lone
 * `&` glued to more key characters (`t_&y3…`) stays in the value; `&&` or `&` before a blank
 * (`x=1 & cmd`, `x=1&&cmd`) ends it as the shell would.
 */
function readShellWord(text: string, pos: number): ValueToken {
  const token = readBare(text, pos, SHELL_STOP);
  const cut = token.value.search(/&(?:&|$)/);
  if (cut < 0) return token;
  return { value: token.value.slice(0, cut), offset: pos, end: pos + cut, quoted: false };
}

const ANSI_C: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?'
};

/**
 * bash's `$'…'` (https://www.gnu.org/software/bash/manual/bash.html#ANSI_002dC-Quoting): no
 * interpolation, backslash escapes decoded (`\x41`, `\u00e9`, `\101`, `\'`). `pos` is the quote.
 */
function readAnsiC(text: string, pos: number): ValueToken | null {
  let value = '';
  for (let i = pos + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'") return { value, offset: pos + 1, end: i + 1, quoted: true, quote: "'" };
    if (ch === '\n') return null;
    if (ch !== '\\' || i + 1 >= text.length) {
      value += ch;
      continue;
    }
    const rest = text.slice(i + 1, i + 10);
    const code =
      /^x([0-9A-Fa-f]{1,2})/.exec(rest) ??
      /^u([0-9A-Fa-f]{1,4})/.exec(rest) ??
      /^U([0-9A-Fa-f]{1,8})/.exec(rest) ??
      /^([0-7]{1,3})/.exec(rest);
    if (code) {
      const number = parseInt(code[1]!, /^[0-7]/.test(code[0]) ? 8 : 16);
      value += number <= 0x10ffff ? String.fromCodePoint(number) : '';
      i += code[0].length;
    } else {
      value += ANSI_C[rest[0]!] ?? '\\' + rest[0];
      i++;
    }
  }
  return null;
}

/** The value after `=` (or whitespace for `setenv`), honouring the mode's quoting and comment rules. */
function readValue(text: string, pos: number, mode: ShellMode, atLineStart: boolean): ValueToken | null {
  const ch = text[pos];
  if (ch === '$' && text[pos + 1] === "'") return readAnsiC(text, pos + 1);
  if (ch === '"' || ch === "'") {
    const token = readQuoted(text, pos, mode === 'dotenv');
    // "$(cmd "with" quotes)": a shell runs the command; the quoted text is cut at the inner quote.
    if (token && mode !== 'dotenv' && ch === '"' && /^(?:\$\(|`)/.test(token.value)) return null;
    return token;
  }
  // Command substitution is computed in shells; dotenv readers (decouple, compose) take the text
  // as it is, and classifyValue already treats a whole `$(...)` as a reference.
  if (mode !== 'dotenv' && (ch === '`' || (ch === '$' && text[pos + 1] === '('))) return null;
  if (mode !== 'dotenv' && SUBEXPRESSION.test(text.slice(pos, pos + 80))) return null;
  if (mode === 'loose') {
    const token = readShellWord(text, pos);
    return looksKeyLike(token.value) ? token : null;
  }
  if (mode === 'shell' || !atLineStart) return readShellWord(text, pos);
  // dotenv/make: the rest of the line, minus an inline ` # comment`.
  const token = readBare(text, pos, /[\r]/);
  const comment = token.value.search(/[ \t]#/);
  const value = (comment >= 0 ? token.value.slice(0, comment) : token.value).trimEnd();
  return { value, offset: pos, end: pos + value.length, quoted: false };
}

/** Does `prefix` (the line up to a name) leave a double quote or backtick open? */
function insideOuterQuotes(prefix: string): boolean {
  let double = false;
  let backtick = false;
  let single = false;
  for (let i = 0; i < prefix.length; i++) {
    const ch = prefix[i];
    if (ch === '\\' && !single) i++;
    else if (ch === "'" && !double && !backtick) single = !single;
    else if (ch === '"' && !single) double = !double;
    else if (ch === '`' && !single) backtick = !backtick;
  }
  return double || backtick;
}

/**
 * The value after a shell-like `NAME` at `start` (name-value.ts's loop has already checked the name
 * and what precedes it). Returns where to resume when the value ran past other names.
 */
export function bindShell(
  text: string,
  start: number,
  name: string,
  mode: ShellMode,
  found: Candidate[]
): number | undefined {
  const before = text[start - 1] ?? '';
  // Bounded look-back: a name deep inside a megabyte-long line is not at a line start anyway.
  const prefix = linePrefix(text, start);
  const atLineStart = prefix !== null && LINE_PREFIX.test(prefix);
  let pos = start + name.length;
  if (text[pos] === '"' && before === '"') pos++; // set "NAME=value" / "NAME"=...
  const keyword = (prefix ?? '').trim().replace(/^(?:#|\/\/|;|REM\b|::)[ \t]*/i, '');
  if (atLineStart) {
    pos = skipBlanks(text, pos);
    const op = /^(?:\?=|:=|::=|\+=|=)/.exec(text.slice(pos, pos + 3));
    if (op) pos += op[0].length;
    else if (!BLANK_SEPARATED.test(keyword) || pos === start + name.length) return;
    const afterOperator = pos;
    pos = skipBlanks(text, pos);
    // `SECRET_KEY=  # generate one with …`: an empty value and a comment.
    if (pos > afterOperator && text[pos] === '#') return;
  } else if (text[pos] === '=') {
    pos++;
  } else if (SETTER_CALL.test(linePrefix(text, start - 1, 96) ?? '') && `'"`.includes(before)) {
    // `[Environment]::SetEnvironmentVariable('SECRET_KEY', '…', 'User')`, `os.setenv("SECRET_KEY", "…")`.
    const comma = new RegExp(`^${before === "'" ? "'" : '"?'}[ \\t]*,[ \\t]*`).exec(
      text.slice(pos, pos + 16)
    );
    const quoted = comma ? readQuoted(text, pos + comma[0].length) : null;
    if (quoted)
      found.push({
        name,
        value: quoted.value,
        offset: quoted.offset,
        form: 'assign',
        interpolates: insideOuterQuotes(linePrefix(text, start) ?? '') ? undefined : quoteInterpolates(quoted)
      });
    return;
  } else {
    // `NAME = '…'` inside a command (a `sed -i "s/SECRET_KEY = ''/SECRET_KEY = '…'/"` edit of
    // settings.py, a `python -c "…"` one-liner): the Python assignment it writes, quoted values only.
    const python = /^[ \t]*=[ \t]*(?=['"])/.exec(text.slice(pos, pos + 16));
    if (!python || mode === 'dotenv') return;
    const quoted = readQuoted(text, pos + python[0].length);
    if (quoted) found.push({ name, value: quoted.value, offset: quoted.offset, form: 'assign' });
    return;
  }
  if (
    mode !== 'dotenv' &&
    POWERSHELL_PREFIX.test(keyword) &&
    !/^['"$@(]/.test(text[pos] ?? '') &&
    /^[A-Za-z]/.test(text[pos] ?? '')
  )
    return;
  let valueMode = mode;
  if (mode === 'make') {
    // A recipe line (tab-indented) is a shell command, and make's `$$` is the shell's `$`:
    // `$$(cmd)` is computed, `$${NAME:-<lit>}` a default.
    if (prefix?.startsWith('\t')) valueMode = 'shell';
    if (text[pos] === '$' && text[pos + 1] === '$') pos++;
  }
  const token = readValue(text, pos, valueMode, atLineStart);
  if (!token) return;
  // make expands `${…}` before any shell sees the quotes; a quote inside an outer double-quoted or
  // backtick string (`sh -c "export KEY='${X}'"`) is the outer one's text, so only a value whose quotes
  // are the line's own says.
  const interpolates =
    mode === 'make' ? true : insideOuterQuotes(prefix ?? '') ? undefined : quoteInterpolates(token);
  found.push({ name, value: token.value, offset: token.offset, form: 'assign', interpolates });
  return token.end;
}
