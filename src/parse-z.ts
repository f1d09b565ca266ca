/** Pure parsers for git's machine-readable output. No I/O here. */

/** Mode of a submodule entry (gitlink) and of a symlink. */
export const GITLINK_MODE = '160000';
export const SYMLINK_MODE = '120000';

export interface RawEntry {
  /** A, M, T, C, R, D, U (C and R only without --no-renames). */
  status: string;
  oldMode: string;
  newMode: string;
  oldOid: string;
  newOid: string;
  path: string;
}

/**
 * `git diff --raw -z --no-abbrev` records, NUL-separated:
 *   :100644 100644 <old-oid> <new-oid> M\0path\0
 *   :000000 100644 <zero-oid> <new-oid> A\0other path\0
 *   :100644 100644 <old> <new> R086\0from\0to\0     (renames only without --no-renames)
 * https://git-scm.com/docs/git-diff#_raw_output_format
 */
export function parseRawDiff(out: string): RawEntry[] {
  const fields = out.split('\0');
  const entries: RawEntry[] = [];
  for (let i = 0; i < fields.length; i++) {
    const head = fields[i];
    if (!head || head[0] !== ':') continue;
    const [oldMode, newMode, oldOid, newOid, rawStatus] = head.slice(1).split(' ');
    const status = (rawStatus ?? '')[0] ?? '';
    let path = fields[++i] ?? '';
    if (status === 'R' || status === 'C') path = fields[++i] ?? path;
    entries.push({ status, oldMode: oldMode!, newMode: newMode!, oldOid: oldOid!, newOid: newOid!, path });
  }
  return entries;
}

export interface IndexEntry {
  mode: string;
  oid: string;
  stage: number;
  path: string;
}

/**
 * `git ls-files -s -z` records:
 *   100644 <oid> 0\tpath\0
 * https://git-scm.com/docs/git-ls-files#_output
 */
export function parseLsFiles(out: string): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, oid, stage] = record.slice(0, tab).split(' ');
    entries.push({ mode: mode!, oid: oid!, stage: Number(stage), path: record.slice(tab + 1) });
  }
  return entries;
}

/** One object from `git cat-file --batch`; `data` is null when it was over the size cap. */
export interface BatchObject {
  oid: string;
  type: string;
  size: number;
  data: Buffer | null;
}

/**
 * Incremental parser for `git cat-file --batch` output, so memory stays flat in the number of
 * objects (each object is handed on and dropped). Format per object:
 *   <oid> SP <type> SP <size> LF <contents> LF
 *   <oid> SP missing LF
 * https://git-scm.com/docs/git-cat-file#_batch_output
 * Objects larger than `maxSize` are counted but their bytes are discarded as they stream past.
 */
export class BatchParser {
  private buffered: Buffer[] = [];
  private bufferedLength = 0;
  private current: { oid: string; type: string; size: number; remaining: number; keep: boolean } | null = null;

  constructor(
    private readonly maxSize: number,
    private readonly onObject: (object: BatchObject) => void,
  ) {}

  push(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.current) {
        const take = Math.min(this.current.remaining, chunk.length - pos);
        if (this.current.keep) this.append(chunk.subarray(pos, pos + take));
        this.current.remaining -= take;
        pos += take;
        if (this.current.remaining === 0) this.finishObject();
        continue;
      }
      const newline = chunk.indexOf(0x0a, pos);
      if (newline < 0) {
        this.append(chunk.subarray(pos));
        return;
      }
      this.append(chunk.subarray(pos, newline));
      pos = newline + 1;
      const header = this.take().toString('utf8');
      if (header === '') continue; // the LF that ends an object's contents
      const [oid, type, size] = header.split(' ');
      if (type === 'missing' || size === undefined) {
        this.onObject({ oid: oid!, type: 'missing', size: 0, data: null });
        continue;
      }
      const bytes = Number(size);
      this.current = { oid: oid!, type: type!, size: bytes, remaining: bytes, keep: bytes <= this.maxSize };
      if (bytes === 0) this.finishObject();
    }
  }

  private finishObject(): void {
    const { oid, type, size, keep } = this.current!;
    this.current = null;
    this.onObject({ oid, type, size, data: keep ? this.take() : null });
  }

  private append(part: Buffer): void {
    if (part.length === 0) return;
    this.buffered.push(part);
    this.bufferedLength += part.length;
  }

  private take(): Buffer {
    const all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered, this.bufferedLength);
    this.buffered = [];
    this.bufferedLength = 0;
    return all;
  }
}
