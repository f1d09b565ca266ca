/** Files as text for editing, and back to the same bytes: BOM, line endings, encoding and mode kept. */
import { readFileSync, statSync } from 'node:fs';

export interface TextFile {
  /** LF-normalised text without BOM; what the editors see. */
  text: string;
  eol: '\n' | '\r\n';
  bom: boolean;
  encoding: 'utf-8' | 'latin1';
  /** Permission bits of an existing file. */
  mode?: number;
  exists: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parse bytes; the dominant line ending (CRLF when most lines use it) is what we write back. */
export function fromBytes(bytes: Buffer): Omit<TextFile, 'mode' | 'exists'> {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  let raw: string;
  let encoding: TextFile['encoding'] = 'utf-8';
  try {
    raw = utf8.decode(body);
  } catch {
    raw = body.toString('latin1');
    encoding = 'latin1';
  }
  const crlf = (raw.match(/\r\n/g) ?? []).length;
  const lf = (raw.match(/\n/g) ?? []).length;
  return { text: raw.replace(/\r\n/g, '\n'), eol: crlf > 0 && crlf * 2 >= lf ? '\r\n' : '\n', bom, encoding };
}

/** Read a work-tree file (a missing file reads as empty, `exists: false`). */
export function readTextFile(path: string): TextFile {
  try {
    const stat = statSync(path);
    return { ...fromBytes(readFileSync(path)), mode: stat.mode & 0o7777, exists: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { text: '', eol: '\n', bom: false, encoding: 'utf-8', exists: false };
    throw error;
  }
}

/** The bytes to write for edited text, in the file's own conventions. */
export function toBytes(text: string, like: Pick<TextFile, 'eol' | 'bom' | 'encoding'>): Buffer {
  const body = Buffer.from(like.eol === '\r\n' ? text.replace(/\n/g, '\r\n') : text, like.encoding);
  return like.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
