/**
 * Preconditions for every file fix/rotate would write (DESIGN §6, §9): a regular file (or nothing
 * yet) inside the work tree. A symlink that leaves the work tree, dangles, or is a `.gitignore`
 * (git does not read those) is refused, as are devices, FIFOs, sockets and directories — they are
 * never written through or replaced. A symlink to a regular file inside the tree is followed.
 */
import { accessSync, constants, lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { UsageError } from '../errors.js';

export interface Target {
  /** Root-relative path as planned. */
  display: string;
  /** Absolute path to write (the in-tree file a symlink points to, or the path itself). */
  path: string;
  /** The planned path is a symlink (its index entry is the link, not the content). */
  linked: boolean;
  exists: boolean;
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
};

function kind(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refuse(display: string, why: string): never {
  throw new UsageError(`${display} ${why}. Nothing was changed.`);
}

/** Check one planned path; throws a UsageError (exit 2) with a sentence saying what to do. */
export function checkTarget(root: string, display: string): Target {
  const realRoot = realpathSync(root);
  const full = join(root, display);
  // Every folder on the way must stay inside the work tree too (a linked `config/` folder).
  let parent: string;
  try {
    parent = realpathSync(dirname(full));
  } catch {
    parent = dirname(full); // created later; nothing to follow
  }
  if (!inside(realRoot, parent))
    refuse(
      display,
      `is inside a folder that links outside the repository (${parent}); fix will not write there`
    );
  let stat: Stats;
  try {
    stat = lstatSync(full);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { display, path: full, linked: false, exists: false };
    refuse(display, `cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  let path = full;
  let linked = false;
  if (stat.isSymbolicLink()) {
    if (basename(display) === '.gitignore')
      refuse(
        display,
        'is a symbolic link, and git does not read a .gitignore that is a symbolic link; replace it ' +
          'with a regular file, then run again'
      );
    let target: string;
    try {
      target = realpathSync(full);
    } catch {
      refuse(
        display,
        'is a symbolic link to nothing (dangling); remove it or point it at a file, then run again'
      );
    }
    if (!inside(realRoot, target))
      refuse(
        display,
        `is a symbolic link to ${target}, outside the repository; fix will not write through it. ` +
          `Replace it with a regular file (or remove it), then run again`
      );
    stat = statSync(target);
    path = target;
    linked = true;
    if (!stat.isFile())
      refuse(
        display,
        `is a symbolic link to ${kind(stat)} (${target}); fix will not write through it. Replace it ` +
          `with a regular file, then run again`
      );
  }
  if (stat.isDirectory() && basename(display) === '.env') {
    refuse(
      display,
      'is a directory — a virtualenv made with `python -m venv .env`? python-decouple reads .env as a ' +
        'file. Move the virtualenv (mv .env .venv), then run again'
    );
  }
  if (!stat.isFile()) refuse(display, `is ${kind(stat)}, not a regular file; fix will not replace it`);
  const why = whyNotWritable(path, stat);
  if (why) refuse(display, `cannot be written: ${why}; make it writable, then run again`);
  return { display, path, linked, exists: true };
}

/**
 * Why `path` can't be replaced, or undefined. Read-only bits count even for root (chmod 444 means "leave
 * it").
 */
function whyNotWritable(path: string, stat: Stats): string | undefined {
  if ((stat.mode & 0o222) === 0) return 'the file is read-only';
  try {
    accessSync(path, constants.W_OK);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EACCES'
      ? 'permission denied'
      : String((error as NodeJS.ErrnoException).code);
  }
  return folderNotWritable(dirname(path));
}

/** The folder must take a new file (temp + rename). */
export function folderNotWritable(dir: string): string | undefined {
  try {
    if ((statSync(dir).mode & 0o222) === 0) return 'its folder is read-only';
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return `its folder is not writable (${code})`;
  }
  return undefined;
}
