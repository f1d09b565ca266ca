/**
 * What install changed, kept in the git dir (never committed), so uninstall undoes exactly that:
 * each touched file's bytes and mode before the first change, config values, created folders.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { digest, restore, snapshot, writeAtomic, type Snapshot } from './files.js';

export type FileKind =
  | 'husky-hook'
  | 'package-json'
  | 'lockfile'
  | 'pre-commit-config'
  | 'git-hook'
  | 'chained-hook'
  | 'pre-commit-hook'
  | 'gitignore';

/** A JSON member install set (package.json): uninstall puts `previous` back only if it is still `value`. */
export interface JsonEdit {
  key: string[];
  value: unknown;
  /** Absent: the member did not exist before install. */
  previous?: unknown;
}

export interface FileRecord {
  path: string;
  kind: FileKind;
  before: { data: string; mode: number; link?: string } | null;
  /** Digest after our last write; a different digest at uninstall means the user edited it since. */
  after: string | null;
  /** package.json: each member install set, so an edited file loses exactly those. */
  json?: JsonEdit[];
}

/** Note that install set `key` to `value` in the JSON file `path` (the first previous value is kept). */
export function rememberJson(
  state: InstallState,
  path: string,
  key: string[],
  value: unknown,
  previous: unknown
): void {
  const record = remember(state, path, 'package-json');
  record.json ??= [];
  const same = record.json.find((edit) => edit.key.join('\0') === key.join('\0'));
  if (same) same.value = value;
  else record.json.push({ key, value, ...(previous === undefined ? {} : { previous }) });
}

export interface InstallState {
  version: 1;
  route: string;
  files: FileRecord[];
  /** `after`: the value install set (uninstall leaves a value the user changed since). */
  config: { key: string; before: string | null; after?: string }[];
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

/**
 * On disk every path is relative to the git dir that holds the record (`../.husky/pre-commit`,
 * `hooks/pre-commit`), so a copied or moved repository reads paths into itself, never into the
 * original (`cp -a repo copy && cd copy && djkey-guard uninstall` cleans the copy only). In memory
 * they are absolute. An old record's absolute path outside this repository is dropped.
 */
function mapPaths(state: InstallState, map: (path: string) => string | null): InstallState {
  const files = state.files.flatMap((record) => {
    const path = map(record.path);
    return path === null ? [] : [{ ...record, path }];
  });
  const dirs = state.dirs.flatMap((dir) => map(dir) ?? []);
  const modulesDir = state.nodeModules ? map(state.nodeModules.dir) : null;
  const nodeModules =
    state.nodeModules && modulesDir !== null ? { ...state.nodeModules, dir: modulesDir } : undefined;
  return { ...state, files, dirs, nodeModules };
}

function inside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/** The record of this repository, paths made absolute; `within` bounds an old absolute record. */
export function loadState(commonDir: string, within: readonly string[] = []): InstallState | null {
  const path = statePath(commonDir);
  if (!existsSync(path)) return null;
  let saved: InstallState;
  try {
    saved = JSON.parse(readFileSync(path, 'utf8')) as InstallState;
  } catch {
    return null;
  }
  const bounds = [commonDir, ...within];
  return mapPaths(saved, (entry) => {
    if (!isAbsolute(entry)) return resolve(commonDir, entry);
    return bounds.some((dir) => inside(entry, dir)) ? entry : null;
  });
}

export function saveState(commonDir: string, state: InstallState): void {
  mkdirSync(stateDir(commonDir), { recursive: true });
  // Inside the repository (git dir or the work tree around it): relative. A hooks folder elsewhere
  // (an absolute core.hooksPath) stays absolute, as the copied config still names it.
  const portable = mapPaths(state, (path) =>
    inside(path, dirname(commonDir)) ? relative(commonDir, path).split(sep).join('/') || '.' : path
  );
  writeAtomic(statePath(commonDir), JSON.stringify(portable, null, 2) + '\n');
}

/** Record a file's current bytes once, before install first changes it. */
export function remember(state: InstallState, path: string, kind: FileKind): FileRecord {
  let record = state.files.find((file) => file.path === path);
  if (!record) {
    const snap = snapshot(path);
    record = {
      path,
      kind,
      before: snap ? { data: snap.data.toString('base64'), mode: snap.mode, link: snap.link } : null,
      after: digest(snap)
    };
    state.files.push(record);
  }
  return record;
}

export function beforeSnapshot(record: FileRecord): Snapshot | null {
  return record.before
    ? { data: Buffer.from(record.before.data, 'base64'), mode: record.before.mode, link: record.before.link }
    : null;
}

/** Restore a file byte for byte if nobody changed it since install; false if it was edited. */
export function restoreIfUntouched(record: FileRecord): boolean {
  if (digest(snapshot(record.path)) !== record.after) return false;
  restore(record.path, beforeSnapshot(record));
  return true;
}
