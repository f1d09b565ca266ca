/** One install/uninstall run: the facts, the state record, and what gets reported. */
import { existsSync, mkdirSync } from 'node:fs';
import type { GitOptions } from '../git.js';
import type { Facts } from './detect.js';
import { fromRoot } from './detect.js';
import { writeAtomic } from './files.js';
import { remember, type FileKind, type InstallState } from './state.js';

export type Status = 'added' | 'already present' | 'updated' | 'removed' | 'restored' | 'not present' | 'ran' | 'kept';

export interface Item {
  status: Status;
  what: string;
}

export interface Session {
  facts: Facts;
  env: NodeJS.ProcessEnv;
  git: GitOptions;
  state: InstallState;
  items: Item[];
  /** The one thing (or few) the user still has to do. */
  next: string[];
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
  return path === session.facts.root || path.startsWith(session.facts.root + '/') ? fromRoot(session.facts, path) : path;
}

/** Snapshot (once), then write atomically. */
export function writeTracked(session: Session, path: string, data: string | Buffer, kind: FileKind, mode?: number): void {
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
