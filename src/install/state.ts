/**
 * What install changed, kept in the git dir (never committed), so uninstall undoes exactly that:
 * each touched file's bytes and mode before the first change, config values, created folders.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { digest, restore, snapshot, writeAtomic, type Snapshot } from './files.js';

export type FileKind = 'husky-hook' | 'package-json' | 'lockfile' | 'pre-commit-config' | 'git-hook' | 'chained-hook' | 'pre-commit-hook';

export interface FileRecord {
  path: string;
  kind: FileKind;
  before: { data: string; mode: number; link?: string } | null;
  /** Digest after our last write; a different digest at uninstall means the user edited it since. */
  after: string | null;
}

export interface InstallState {
  version: 1;
  route: string;
  files: FileRecord[];
  config: { key: string; before: string | null }[];
  /** Folders install created (removed again by uninstall). */
  dirs: string[];
  /** node_modules install populated: removed if it did not exist, re-synced otherwise. */
  nodeModules?: { dir: string; existed: boolean; manager: string };
}

export function stateDir(commonDir: string): string {
  return join(commonDir, 'djkey-guard');
}

function statePath(commonDir: string): string {
  return join(stateDir(commonDir), 'state.json');
}

export function loadState(commonDir: string): InstallState | null {
  const path = statePath(commonDir);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as InstallState;
  } catch {
    return null;
  }
}

export function saveState(commonDir: string, state: InstallState): void {
  mkdirSync(stateDir(commonDir), { recursive: true });
  writeAtomic(statePath(commonDir), JSON.stringify(state, null, 2) + '\n');
}

/** Record a file's current bytes once, before install first changes it. */
export function remember(state: InstallState, path: string, kind: FileKind): FileRecord {
  let record = state.files.find((file) => file.path === path);
  if (!record) {
    const snap = snapshot(path);
    record = { path, kind, before: snap ? { data: snap.data.toString('base64'), mode: snap.mode, link: snap.link } : null, after: digest(snap) };
    state.files.push(record);
  }
  return record;
}

/** Note what a file looks like now (after our write). */
export function settle(state: InstallState, path: string): void {
  const record = state.files.find((file) => file.path === path);
  if (record) record.after = digest(snapshot(path));
}

export function beforeSnapshot(record: FileRecord): Snapshot | null {
  return record.before ? { data: Buffer.from(record.before.data, 'base64'), mode: record.before.mode, link: record.before.link } : null;
}

/** Restore a file byte for byte if nobody changed it since install; false if it was edited. */
export function restoreIfUntouched(record: FileRecord): boolean {
  if (digest(snapshot(record.path)) !== record.after) return false;
  restore(record.path, beforeSnapshot(record));
  return true;
}
