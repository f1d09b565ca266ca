/** One install/uninstall run: the facts, the state record, and what gets reported. */
import { existsSync, lstatSync, mkdirSync, readlinkSync, realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { UsageError } from '../errors.js';
import type { GitOptions } from '../git.js';
import type { Facts } from './detect.js';
import { fromRoot } from './detect.js';
import { writeAtomic } from './files.js';
import { remember, type FileKind, type InstallState } from './state.js';

export type Status =
  | 'added'
  | 'already present'
  | 'updated'
  | 'removed'
  | 'restored'
  | 'not present'
  | 'ran'
  | 'kept';

export interface Item {
  status: Status;
  what: string;
}

/** What the user asked of install beyond the route. */
export interface InstallOptions {
  /** --no-install: never run the package manager. */
  noInstall?: boolean;
  /** --shared-hooks: a tracked core.hooksPath folder may be edited. */
  sharedHooks?: boolean;
  /** Said before a step the user should hear about first (the package manager runs their scripts). */
  say?: (line: string) => void;
}

export interface Session {
  facts: Facts;
  options: InstallOptions;
  env: NodeJS.ProcessEnv;
  git: GitOptions;
  state: InstallState;
  items: Item[];
  /** The one thing (or few) the user still has to do. */
  next: string[];
  /** Facts the user should know that are not a to-do (e.g. "this clone only"). */
  notes: string[];
  /** The hook is not active yet (a tool failed or is missing): install exits 2. */
  incomplete: boolean;
  /** Files written in this run: their digests are recorded at the end. */
  touched: Set<string>;
}

export function report(session: Session, status: Status, what: string): void {
  session.items.push({ status, what });
}

/** A path for messages: relative to the repository root when inside it. */
export function show(session: Session, path: string): string {
  return path === session.facts.root || path.startsWith(session.facts.root + '/')
    ? fromRoot(session.facts, path)
    : path;
}

/** Snapshot (once), then write atomically. */
export function writeTracked(
  session: Session,
  path: string,
  data: string | Buffer,
  kind: FileKind,
  mode?: number
): void {
  remember(session.state, path, kind);
  writeAtomic(path, data, mode);
  session.touched.add(path);
}

/** Create a folder, noting it so uninstall removes it again. */
export function makeDir(session: Session, dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true });
  if (!session.state.dirs.includes(dir)) session.state.dirs.push(dir);
}

/**
 * The file to edit for `path`: itself, or — when it is a symlink (a team's shared script or config)
 * — the file it links to, so the link stays a link. A link out of this repository, or to nothing,
 * is refused: install edits only this repository's files.
 */
export function editTarget(session: Session, path: string): string {
  let isLink = false;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch {
    return path;
  }
  if (!isLink) return path;
  const shown = show(session, path);
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    throw new UsageError(
      `${shown} is a symbolic link to ${readlinkSync(path)}, which does not exist; fix or remove the ` +
        `link, then run install again`
    );
  }
  const root = realpathSync(session.facts.root);
  if (!real.startsWith(root + sep)) {
    throw new UsageError(
      `${shown} links outside this repository (${real}); djkey-guard edits only this repository's ` +
        `files. Add djkey-guard to that file yourself, or replace the link.`
    );
  }
  return real;
}
