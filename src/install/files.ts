/** Atomic file writes and byte-exact snapshots, so install never leaves a half-written file. */
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

/** A file as it was: bytes and permission bits, or a symlink target. */
export interface Snapshot {
  data: Buffer;
  mode: number;
  link?: string;
}

/** The file at `path`, or null when there is none. */
export function snapshot(path: string): Snapshot | null {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch {
    return null;
  }
  if (stat.isSymbolicLink())
    return { data: Buffer.from(readlinkSync(path)), mode: 0o777, link: readlinkSync(path) };
  if (!stat.isFile())
    throw new UsageError(`${path} is not a regular file; move it aside and run install again`);
  return { data: readFileSync(path), mode: stat.mode & 0o7777 };
}

export function readText(path: string): string | null {
  const snap = snapshot(path);
  return snap && !snap.link ? snap.data.toString('utf8') : null;
}

export function digest(snap: Snapshot | null): string | null {
  return snap
    ? createHash('sha256')
        .update(snap.link ? `link:${snap.link}` : snap.data)
        .update(`:${snap.mode}`)
        .digest('hex')
    : null;
}

/** Translate permission failures into the one clear message a user can act on. */
export function explainWriteError(error: unknown, path: string): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EEXIST') {
    throw new UsageError(
      `cannot write ${dirname(path)} (${code}); nothing was changed there. Make it writable, or install ` +
        `another way (--pre-commit, --husky).`
    );
  }
  throw error;
}

/** Write via a temp file in the same directory + rename, keeping `mode`. */
export function writeAtomic(path: string, data: string | Buffer, mode = 0o644): void {
  const temp = join(dirname(path), `.${basename(path)}.djkey-guard-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(temp, data, { mode });
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    explainWriteError(error, path);
  }
}

/** Put a snapshot back exactly (or remove the file when the snapshot says there was none). */
export function restore(path: string, snap: Snapshot | null): void {
  if (!snap) {
    rmSync(path, { force: true });
    return;
  }
  if (snap.link) {
    rmSync(path, { force: true });
    symlinkSync(snap.link, path);
    return;
  }
  writeAtomic(path, snap.data, snap.mode);
}

/** Remove a file if present (ENOENT is fine). */
export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
