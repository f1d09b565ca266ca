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
    if (head?.[0] !== ':') continue;
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
  private current: { oid: string; type: string; size: number; remaining: number; keep: boolean } | null =
    null;

  constructor(
    private readonly maxSize: number,
    private readonly onObject: (object: BatchObject) => void
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
    const all =
      this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered, this.bufferedLength);
    this.buffered = [];
    this.bufferedLength = 0;
    return all;
  }
}

/** One commit of `git log --raw` as the log streams past. */
export interface LogCommit {
  oid: string;
  /** Author date, strict ISO 8601 (`%aI`). */
  date: string;
}

/** The `--format` that LogRawParser expects: a \x01 marks a commit header among the raw records. */
export const LOG_RAW_FORMAT = '%x01%H %aI';

/**
 * Incremental parser for `git log --raw -z --no-abbrev --format=%x01%H %aI`, NUL-separated:
 *   \x01<commit> <author date>\0\n:000000 100644 <zero> <blob> A\0path\0:100644 ... M\0other\0
 * A commit without changes is a header alone. Fields are split on NUL bytes before decoding, so a
 * chunk boundary inside a multi-byte path is harmless. Memory: one partial field at most.
 * https://git-scm.com/docs/git-log#_raw_output_format
 */
export class LogRawParser {
  private tail: Buffer = Buffer.alloc(0);
  private pending: string | null = null;

  constructor(
    private readonly onCommit: (commit: LogCommit) => void,
    private readonly onEntry: (entry: RawEntry) => void
  ) {}

  push(chunk: Buffer): void {
    const data = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    let start = 0;
    for (let nul = data.indexOf(0, start); nul >= 0; nul = data.indexOf(0, start)) {
      this.field(data.toString('utf8', start, nul));
      start = nul + 1;
    }
    this.tail = Buffer.from(data.subarray(start));
  }

  private field(raw: string): void {
    if (this.pending !== null) {
      // A path is taken verbatim (it may itself start with a newline). A merge's combined record
      // has one colon, mode and id per parent, then the result's:
      //   ::100644 100644 100644 <parent-1> <parent-2> <result> MM\0path\0
      // The first parent stands for "old"; a result of all zeros is a deletion.
      const parents = this.pending.length - this.pending.replace(/^:+/, '').length;
      const parts = this.pending.slice(parents).split(' ');
      const newOid = parts[2 * parents + 1]!;
      const rawStatus = parts[2 * parents + 2] ?? '';
      this.pending = null;
      this.onEntry({
        status: parents > 1 && /^0+$/.test(newOid) ? 'D' : (rawStatus[0] ?? ''),
        oldMode: parts[0]!,
        newMode: parts[parents]!,
        oldOid: parts[parents + 1]!,
        newOid,
        path: raw
      });
      return;
    }
    // git puts a newline between a commit's header and its first raw record.
    const field = raw.charCodeAt(0) === 0x0a ? raw.slice(1) : raw;
    if (field.charCodeAt(0) === 0x01) {
      const space = field.indexOf(' ');
      this.onCommit({ oid: field.slice(1, space), date: field.slice(space + 1) });
    } else if (field.charCodeAt(0) === 0x3a /* : */) {
      this.pending = field;
    }
  }
}

/**
 * `git ls-tree -r -z --full-tree <tree>` records:
 *   100644 blob <oid>\tpath\0
 * https://git-scm.com/docs/git-ls-tree#_output_format
 */
export function parseLsTree(out: string): Array<{ mode: string; type: string; oid: string; path: string }> {
  const entries: Array<{ mode: string; type: string; oid: string; path: string }> = [];
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, oid] = record.slice(0, tab).split(' ');
    entries.push({ mode: mode!, type: type!, oid: oid!, path: record.slice(tab + 1) });
  }
  return entries;
}

/**
 * The message of a raw commit or tag object (`git cat-file commit|tag <id>`): what follows the
 * first blank line after the headers.
 *   tree <id>\nparent <id>\nauthor …\ncommitter …\n\n<message>
 * https://git-scm.com/docs/git-cat-file#_batch_output
 */
export function objectMessage(data: Buffer): Buffer {
  const blank = data.indexOf('\n\n');
  return blank < 0 ? Buffer.alloc(0) : data.subarray(blank + 2);
}

/** The object a raw tag object names (`object <id>\ntype <type>\n…`), or undefined. */
export function taggedTarget(data: Buffer): { oid: string; type: string } | undefined {
  const match = /^object ([0-9a-f]{40,64})\ntype (\w+)\n/.exec(data.subarray(0, 200).toString('latin1'));
  return match ? { oid: match[1]!, type: match[2]! } : undefined;
}
