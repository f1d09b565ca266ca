/**
 * Bytes → text for scanning: BOMs, UTF-8 with a Latin-1 fallback, UTF-16 and UTF-32 (with or without BOM),
 * binary sniffing.
 */

const SNIFF_BYTES = 8000;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');

export type Decoded = { text: string; encoding: string } | { binary: true };

type Wide = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/**
 * Decode a blob. UTF-32 and UTF-16 are recognised by their BOM, or without one by where the NULs
 * of mostly-ASCII text fall (every other byte, or three bytes in four) — before the NUL check,
 * since such text is full of NULs. Anything else with a NUL in the first 8 KB is binary, as git
 * itself judges. Invalid UTF-8 falls back to Latin-1 so that a key in a legacy-encoded file is
 * still seen.
 */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0)
    return wide(bytes.subarray(4), 'utf-32le') ?? { binary: true };
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)
    return wide(bytes.subarray(4), 'utf-32be') ?? { binary: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: utf16le.decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: utf16be.decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  if (sniff.includes(0)) {
    const guess = guessWide(sniff, bytes.length);
    return (guess && wide(bytes, guess)) || { binary: true };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { text: latin1.decode(body), encoding: 'latin1' };
  }
}

/**
 * Which wide encoding the NULs of a BOM-less blob point to, if any: in UTF-16LE text that is mostly
 * ASCII the odd bytes are NUL and the even ones are not; UTF-32LE has three NULs in every four.
 */
function guessWide(sniff: Uint8Array, length: number): Wide | null {
  const zeros = [0, 0, 0, 0];
  const units = sniff.length - (sniff.length % 4);
  if (units < 4) return null;
  for (let i = 0; i < units; i++) if (sniff[i] === 0) zeros[i % 4]!++;
  const quarter = units / 4;
  const mostly = (count: number) => count >= 0.9 * quarter;
  const rarely = (count: number) => count <= 0.1 * quarter;
  if (length % 4 === 0) {
    if (rarely(zeros[0]!) && mostly(zeros[2]!) && mostly(zeros[3]!)) return 'utf-32le';
    if (mostly(zeros[0]!) && mostly(zeros[1]!) && rarely(zeros[3]!)) return 'utf-32be';
  }
  if (length % 2 !== 0) return null;
  if (rarely(zeros[0]! + zeros[2]!) && mostly((zeros[1]! + zeros[3]!) / 2)) return 'utf-16le';
  if (mostly((zeros[0]! + zeros[2]!) / 2) && rarely(zeros[1]! + zeros[3]!)) return 'utf-16be';
  return null;
}

/** Decode wide text, or null when it does not read as text (control characters, invalid code points). */
function wide(bytes: Uint8Array, encoding: Wide): Decoded | null {
  let text: string;
  if (encoding === 'utf-16le') text = utf16le.decode(bytes);
  else if (encoding === 'utf-16be') text = utf16be.decode(bytes);
  else {
    if (bytes.length % 4 !== 0) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const little = encoding === 'utf-32le';
    const parts: string[] = [];
    for (let i = 0; i < bytes.length; i += 4) {
      const point = view.getUint32(i, little);
      if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return null;
      parts.push(String.fromCodePoint(point));
    }
    text = parts.join('');
  }
  // Text has no NULs or other C0 controls beyond blanks and line breaks; binary read as wide does.
  if (/[\u0000-\u0008\u000e-\u001a\u001c-\u001f\ufffd]/.test(text.slice(0, SNIFF_BYTES))) return null;
  return { text, encoding };
}

/**
 * Text of a blob from cat-file, or null when it is skipped (over the size cap, missing, binary) — counted in
 * `skipped`.
 */
export function blobText(
  object: { type: string; data: Buffer | null },
  skipped: { binary: number; large: number }
): string | null {
  if (object.data === null) {
    if (object.type !== 'missing') skipped.large++;
    return null;
  }
  const decoded = decode(object.data);
  if ('binary' in decoded) {
    skipped.binary++;
    return null;
  }
  return decoded.text;
}
