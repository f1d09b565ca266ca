/** Bytes → text for scanning: BOMs, UTF-8 with a Latin-1 fallback, UTF-16, binary sniffing. */

const SNIFF_BYTES = 8000;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');

export type Decoded = { text: string; encoding: string } | { binary: true };

/**
 * Decode a blob. UTF-16 is recognised by its BOM (before the NUL check, since UTF-16 text is full
 * of NULs); anything else with a NUL in the first 8 KB is binary, as git itself judges.
 * Invalid UTF-8 falls back to Latin-1 so that a key in a legacy-encoded file is still seen.
 */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: utf16le.decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: utf16be.decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  if (sniff.includes(0)) return { binary: true };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { text: latin1.decode(body), encoding: 'latin1' };
  }
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
