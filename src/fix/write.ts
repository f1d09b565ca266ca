/**
 * All-or-nothing writes: every target is checked first, every new content goes to a temp file
 * next to its target, and only then are the temp files renamed into place. A failure before the
 * renames removes the temp files and leaves every target untouched.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, chownSync, constants, lstatSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

export interface PendingWrite {
  /** Absolute path. */
  path: string;
  /** Root-relative path, for messages. */
  display: string;
  bytes: Buffer;
  /** Mode for a new file. */
  newMode?: number;
}

/** Why `path` can't be replaced, or undefined. Read-only bits count even for root (chmod 444 means "leave it"). */
function whyNotWritable(path: string): string | undefined {
  const dir = dirname(path);
  try {
    const stat = statSync(path);
    if ((stat.mode & 0o222) === 0) return 'the file is read-only';
    accessSync(path, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String(code);
  }
  try {
    if ((statSync(dir).mode & 0o222) === 0) return 'its directory is read-only';
    accessSync(dir, constants.W_OK);
  } catch (error) {
    return `its directory is not writable (${(error as NodeJS.ErrnoException).code})`;
  }
  return undefined;
}

/** Write every file or none. Throws UsageError (exit 2) naming the file that can't be written. */
export function writeAll(writes: readonly PendingWrite[]): void {
  const targets = writes.map((write) => {
    let path = write.path;
    try {
      if (lstatSync(path).isSymbolicLink()) path = realpathSync(path);
    } catch {
      // new file
    }
    return { ...write, path };
  });
  for (const target of targets) {
    const why = whyNotWritable(target.path);
    if (why) throw new UsageError(`cannot write ${target.display}: ${why}. Nothing was changed; make it writable and run again.`);
  }
  const temps: string[] = [];
  try {
    for (const target of targets) {
      const temp = join(dirname(target.path), `.${basename(target.path)}.djkey-guard-${randomBytes(4).toString('hex')}.tmp`);
      temps.push(temp);
      let mode = target.newMode ?? 0o644;
      let owner: { uid: number; gid: number } | undefined;
      try {
        const stat = statSync(target.path);
        mode = stat.mode & 0o7777;
        owner = { uid: stat.uid, gid: stat.gid };
      } catch {
        // new file: newMode
      }
      writeFileSync(temp, target.bytes, { mode: 0o600, flag: 'wx' });
      chmodSync(temp, mode);
      if (owner && process.getuid?.() === 0) {
        try {
          chownSync(temp, owner.uid, owner.gid);
        } catch {
          // keep root ownership rather than fail
        }
      }
    }
  } catch (error) {
    for (const temp of temps) rmSync(temp, { force: true });
    throw new UsageError(`could not write ${(error as Error).message}. Nothing was changed.`);
  }
  targets.forEach((target, index) => renameSync(temps[index]!, target.path));
}
