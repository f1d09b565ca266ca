/**
 * Where nobody else can say no (the server, CI), every blob is judged whatever its bytes and size
 * (DESIGN §11): the client's "binary, not read" and "too large, not read" are skips a pusher
 * could aim for (one NUL before the key line, a 40 MB file).
 *  - text with stray NUL bytes is still text: the NULs become spaces;
 *  - UTF-16 without a BOM (every other byte NUL) is decoded as UTF-16;
 *  - a truly binary blob is judged by what a binary can carry: its printable runs (a
 *    `django-insecure-` token, `SECRET_KEY=<value>` in an embedded env), and the strings of a
 *    marshalled .pyc paired with a guarded name it also holds (`SECRET_KEY = '<value>'` compiled);
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
 * Strings a Python .pyc marshals: a short ASCII string is `z`/`Z` (0x7a/0x5a, maybe | 0x80) and
 * a one-byte length; a longer one `a`/`A`/`u`/`t` and a four-byte little-endian length.
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
    if (length < 16 || length > 4096 || start + length > bytes.length) continue;
    const value = bytes.subarray(start, start + length);
    if (value.every((byte) => byte >= 0x20 && byte < 0x7f)) {
      found.push(value.toString('latin1'));
      index = start + length - 1;
    }
  }
  return found;
}

/** A value that could be a key: long, no spaces, letters and digits mixed (not a dotted module path). */
const keyLike = (value: string) =>
  value.length >= 20 &&
  !/\s|:\/\//.test(value) &&
  /\d/.test(value) &&
  /[A-Za-z]/.test(value) &&
  !/^[\w.]+$/.test(value);

/** The text a binary is judged by: its printable runs, one a line, plus compiled bindings. */
function binaryText(bytes: Buffer, names: readonly string[]): string {
  const runs = bytes.toString('latin1').match(new RegExp(`[\\x20-\\x7e]{${MIN_RUN},}`, 'g')) ?? [];
  const lines = [...runs];
  // A compiled settings module keeps the name and the literal apart (co_names vs co_consts):
  // when the binary holds a guarded name, each key-like string it holds is judged as bound to it.
  const name = names.find((guarded) => runs.some((run) => run.includes(guarded)));
  if (name) {
    const strings = new Set([...marshalStrings(bytes), ...runs.flatMap((run) => run.split(/[^\x21-\x7e]+/))]);
    for (const value of strings)
      if (keyLike(value) && !value.includes("'") && !value.includes('\\')) lines.push(`${name} = '${value}'`);
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
