/**
 * words/: what every wing prints, below all of them — messages.ts holds every sentence (the engine's
 * finding texts, the commands' errors, the reports' advice), escape.ts makes paths and values safe.
 *
 * Text output is read by terminals and CI log parsers: a control character in a file name or a
 * value fragment could clear the screen (ESC[2J), rewrite a line (CR) or start a line of its own
 * that a CI runner executes as a workflow command (LF + `::error …::`). Such text is quoted the way
 * git quotes paths (core.quotepath): inside double quotes, C escapes for the usual controls and
 * octal UTF-8 bytes for the rest; printable text (non-ASCII letters too) is left alone.
 */

// C0 controls, DEL, C1 controls, line/paragraph separators, bidi embeddings/overrides/isolates
// (they can reorder what a reviewer sees), and lone surrogates.
const UNSAFE = new RegExp(
  '[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufeff]' +
    '|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]'
);
const UNSAFE_GLOBAL = new RegExp(UNSAFE.source, 'g');

const NAMED: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r'
};

function octal(char: string): string {
  // A lone surrogate has no UTF-8 form; show its code unit instead of U+FFFD.
  if (/^[\ud800-\udfff]$/.test(char)) return `\\u${char.charCodeAt(0).toString(16)}`;
  return [...Buffer.from(char, 'utf8')].map((byte) => '\\' + byte.toString(8).padStart(3, '0')).join('');
}

/** True when `text` holds a character that must not reach a terminal raw. */
export function needsQuoting(text: string): boolean {
  return UNSAFE.test(text);
}

/** `text` itself when safe, else `"…"` with git's escapes (`\n`, `\033`, `\"`, `\\`). */
export function quoteForTerminal(text: string): string {
  if (!needsQuoting(text)) return text;
  return `"${text.replace(/["\\]/g, (c) => '\\' + c).replace(UNSAFE_GLOBAL, (c) => NAMED[c] ?? octal(c))}"`;
}

/** Escape unsafe characters without adding quotes (for fragments inside an already quoted value). */
export function escapeInline(text: string): string {
  return needsQuoting(text) ? text.replace(UNSAFE_GLOBAL, (c) => NAMED[c] ?? octal(c)) : text;
}

// Our own colours: SGR sequences (ESC [ digits ; m) that picocolors writes.
const SGR = /\u001b\[[0-9;]*m/y;

/**
 * Last line of defence for a whole stderr text: every unsafe character except the line breaks and
 * tabs we print ourselves (and our colours, when on) is escaped. Fragments that could hold a line
 * break (paths) are quoted where they are printed; this catches anything else.
 */
export function sanitizeStream(text: string, color: boolean): string {
  if (!needsQuoting(text.replace(/[\n\t]/g, ''))) return text;
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (color && text[i] === '\u001b') {
      SGR.lastIndex = i;
      const match = SGR.exec(text);
      if (match) {
        out += match[0];
        i += match[0].length;
        continue;
      }
    }
    const code = text.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    out += char === '\n' || char === '\t' ? char : escapeInline(char);
    i += char.length;
  }
  return out;
}

/**
 * Text for a Markdown line (a job summary heading): one line, HTML and Markdown syntax shown as
 * characters — a branch named `<img src=x onerror=…>` or `[click](…)` is text, not markup.
 */
export function markdownText(text: string): string {
  return escapeInline(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1');
}
