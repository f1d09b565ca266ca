/**
 * Where nobody else can say no (the server, CI), every blob is judged whatever its bytes and size
 * (DESIGN §11): the client's "binary, not read" and "too large, not read" are skips a pusher
 * could aim for (one NUL before the key line, a 40 MB file).
 *  - text with stray NUL bytes is still text: the NULs become spaces;
 *  - UTF-16 without a BOM (every other byte NUL) is decoded as UTF-16;
 *  - a truly binary blob is judged by what a binary can carry in plain bytes: its printable runs (a
 *    `django-insecure-` token, `SECRET_KEY=<value>` in an embedded env); a compiled module (.pyc,
 *    known by its header) by its exact marshalled strings: when one is a guarded name, each
 *    key-shaped constant is judged as bound to it (`SECRET_KEY = '<value>'` compiled);
 *  - NOT read: compressed or encoded content (zip, wheel, gzip, images, base64): a heuristic that
 *    promised them would be a false comfort (docs/ci-and-server.md says so);
 *  - a blob over the read cap streams through `git cat-file blob` in windows that overlap by
 *    OVERLAP_BYTES, cut at line starts, so memory stays bounded and no construct the detector reads
 *    (name and value a few lines apart) is split without also being seen whole.
 */
import { decode } from '../decode.js';
import { streamBlob, type GitOptions } from '../git.js';

const SNIFF = 64 << 10;
/** Bytes per window of a large blob. */
export const WINDOW_BYTES = 4 << 20;
/** Bytes each window repeats from the previous one: far more than any multi-line binding spans. */
export const OVERLAP_BYTES = 256 << 10;
/** Shortest printable run worth reading in a binary (a Django key is 50). */
const MIN_RUN = 6;

const isControl = (byte: number) =>
  byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c;

/** How the bytes look: text, text in UTF-16 without a BOM, or binary. */
function classify(bytes: Buffer): 'text' | 'utf-16le' | 'utf-16be' | 'binary' {
  const sniff = bytes.subarray(0, SNIFF);
  let nul = 0;
  let nulOdd = 0;
  let control = 0;
  for (let index = 0; index < sniff.length; index++) {
    const byte = sniff[index]!;
    if (byte === 0) {
      nul++;
      if (index % 2 === 1) nulOdd++;
    } else if (isControl(byte)) control++;
  }
  if (nul > sniff.length / 4 && control < sniff.length / 100) {
    if (nulOdd > nul * 0.95) return 'utf-16le';
    if (nulOdd < nul * 0.05) return 'utf-16be';
  }
  // A few stray NULs in otherwise clean text (a paste, an editor accident, a crafted byte).
  if (nul <= Math.max(8, sniff.length / 200) && control <= sniff.length / 200) return 'text';
  return 'binary';
}

/**
 * A compiled Python module: a 16-byte header (3.7+; 12 bytes in 3.3–3.6, 8 before) whose magic
 * number ends in CR LF, then the marshalled module code object (`c`, maybe | FLAG_REF 0x80).
 * https://github.com/python/cpython/blob/main/Lib/importlib/_bootstrap_external.py (_code_to_timestamp_pyc)
 */
function isPyc(bytes: Buffer): boolean {
  if (bytes.length < 20 || bytes[2] !== 0x0d || bytes[3] !== 0x0a) return false;
  return [16, 12, 8].some((offset) => (bytes[offset]! & 0x7f) === 0x63);
}

/**
 * Strings a Python .pyc marshals, exactly: a short ASCII string is `z`/`Z` (0x7a/0x5a, maybe | 0x80)
 * and a one-byte length; a longer one `a`/`A`/`u`/`t` and a four-byte little-endian length.
 * https://github.com/python/cpython/blob/main/Python/marshal.c
 */
function marshalStrings(bytes: Buffer): string[] {
  const found: string[] = [];
  for (let index = 0; index + 2 < bytes.length; index++) {
    const type = bytes[index]! & 0x7f;
    let length = -1;
    let start = 0;
    if (type === 0x7a || type === 0x5a) {
      length = bytes[index + 1]!;
      start = index + 2;
    } else if (
      (type === 0x61 || type === 0x41 || type === 0x75 || type === 0x74) &&
      index + 5 < bytes.length
    ) {
      length = bytes.readUInt32LE(index + 1);
      start = index + 5;
    }
    if (length < 4 || length > 4096 || start + length > bytes.length) continue;
    const value = bytes.subarray(start, start + length);
    if (value.every((byte) => byte >= 0x20 && byte < 0x7f)) {
      found.push(value.toString('latin1'));
      index = start + length - 1;
    }
  }
  return found;
}

/** Format strings: two or more `%(name)s` fields, or nothing but strftime fields and separators. */
const NAMED_FIELD = /%\(\w+\)[sdifr]/g;
const STRFTIME = /^(?:%[a-zA-Z]|[-:./ T,_]|%%)+$/;
/** A dotted module path or an identifier (`django.db.backends.sqlite3`, `oauth2_provider`). */
const DOTTED = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*$/;
/** A path of words (`America/Argentina/Buenos_Aires`, `static/v2/`): each segment a word, a short number. */
const WORD_PATH = /^(?:[A-Za-z][A-Za-z_.-]*\d{0,4}|\.{1,2})?(?:\/(?:[A-Za-z][A-Za-z_.-]*\d{0,4}|\.{1,2})?)+$/;

const classes = (value: string): number =>
  [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((kind) => kind.test(value)).length;

/**
 * A string constant that could be a key: 20+ characters, no spaces, and none of what settings
 * modules hold in plenty — URLs, file and zone paths, dotted module paths and identifiers (a hex
 * token or a mixed-case one with digits still counts), format strings, CSP hashes (`sha256-…`).
 */
export function keyShaped(value: string): boolean {
  if (value.length < 20 || /\s|:\/\//.test(value) || /^[.~]{0,2}\//.test(value)) return false;
  if (/^'?sha(?:256|384|512)-/.test(value) || WORD_PATH.test(value)) return false;
  // An identifier passes only as a token: hex, or lower and upper case with digits (token_urlsafe).
  const token =
    /^[\da-f]{32,}$/i.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value));
  if (DOTTED.test(value) && (value.includes('.') || !token)) return false;
  if ((value.match(NAMED_FIELD) ?? []).length >= 2 || STRFTIME.test(value)) return false;
  return /[A-Za-z]/.test(value) && classes(value) >= 2;
}

/**
 * The text a binary is judged by: its printable runs, one a line (a `django-insecure-` token, a
 * `NAME=value` line carried in plain bytes). A compiled module (.pyc) keeps a binding's name and
 * literal apart (co_names vs co_consts): when one of its strings IS a guarded name, each of its
 * key-shaped string constants is judged as bound to that name.
 */
function binaryText(bytes: Buffer, names: readonly string[]): string {
  const lines = [...(bytes.toString('latin1').match(new RegExp(`[\\x20-\\x7e]{${MIN_RUN},}`, 'g')) ?? [])];
  if (!isPyc(bytes)) return lines.join('\n');
  const strings = new Set(marshalStrings(bytes));
  const name = names.find((guarded) => strings.has(guarded));
  if (name)
    for (const value of strings) {
      if (!keyShaped(value)) continue;
      const quote = value.includes("'") ? '"' : "'";
      if (!value.includes(quote) && !value.includes('\\')) lines.push(`${name} = ${quote}${value}${quote}`);
    }
  return lines.join('\n');
}

/** Text for the detector from any bytes (see the header); `binary` says it came from printable runs. */
export function anyText(bytes: Buffer, names: readonly string[]): { text: string; binary: boolean } {
  const decoded = decode(bytes);
  if ('text' in decoded) return { text: decoded.text, binary: false };
  const kind = classify(bytes);
  if (kind === 'utf-16le' || kind === 'utf-16be')
    return { text: new TextDecoder(kind).decode(bytes), binary: false };
  if (kind === 'text') {
    const cleaned = Buffer.from(bytes);
    for (let index = cleaned.indexOf(0); index >= 0; index = cleaned.indexOf(0, index + 1))
      cleaned[index] = 0x20;
    const again = decode(cleaned);
    if ('text' in again) return { text: again.text, binary: false };
  }
  return { text: binaryText(bytes, names), binary: true };
}

const newlines = (bytes: Buffer): number => {
  let count = 0;
  for (let index = bytes.indexOf(0x0a); index >= 0; index = bytes.indexOf(0x0a, index + 1)) count++;
  return count;
};

/**
 * Stream a blob too large to hold (`git cat-file blob <oid>`) in overlapping windows; `onWindow`
 * gets each window's bytes and the number of lines before it (to add to a hit's line).
 */
export async function readInWindows(
  oid: string,
  options: GitOptions,
  onWindow: (bytes: Buffer, linesBefore: number) => void
): Promise<void> {
  let parts: Buffer[] = [];
  let size = 0;
  let linesBefore = 0;
  const flush = (last: boolean) => {
    const window = Buffer.concat(parts, size);
    onWindow(window, linesBefore);
    if (last) return;
    // Keep the tail from a line start, so the next window begins on a whole line.
    let cut = Math.max(0, window.length - OVERLAP_BYTES);
    const lineStart = window.indexOf(0x0a, cut);
    cut = lineStart >= 0 ? lineStart + 1 : cut;
    linesBefore += newlines(window.subarray(0, cut));
    const tail = window.subarray(cut);
    parts = [Buffer.from(tail)];
    size = tail.length;
  };
  await streamBlob(oid, options, (chunk) => {
    parts.push(chunk);
    size += chunk.length;
    if (size >= WINDOW_BYTES + OVERLAP_BYTES) flush(false);
  });
  flush(true);
}
