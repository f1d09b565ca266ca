/**
 * What a run judges, as lists of blobs to read: the staged change (index vs HEAD, with HEAD's side
 * of what it replaces) and every tracked file. The commit walk streams its own blobs (commit-walk.ts,
 * stopping at the shallow boundary git.ts reads); a push is walks over the new tips.
 */
import { trackedEntries, type GitOptions } from '../git.js';
import { GITLINK_MODE, SYMLINK_MODE, type RawEntry } from '../parse-z.js';

export interface Target {
  path: string;
  mode: string;
  oid: string;
}

export interface Targets {
  /** The blobs to judge: what the commit adds or modifies (or every tracked file). */
  current: Target[];
  /**
   * HEAD's blobs of the files the commit modifies, deletes or renames from: a key already there
   * is not new (DESIGN §3, "judged by content"). Empty for `--all`.
   */
  prior: Target[];
}

export const isZeroOid = (oid: string): boolean => /^0+$/.test(oid);

/** A blob id that holds file content (not a gitlink, a symlink's target or "none"). */
const hasContent = (oid: string, mode: string): boolean =>
  !isZeroOid(oid) && mode !== GITLINK_MODE && mode !== SYMLINK_MODE;

/** Every tracked file (the index); `pathspecs` as given on the command line (relative to `git.cwd`). */
export async function trackedTargets(git: GitOptions, pathspecs: readonly string[]): Promise<Targets> {
  const entries = await trackedEntries(git, pathspecs);
  return {
    current: entries.map((entry) => ({ path: entry.path, mode: entry.mode, oid: entry.oid })),
    prior: []
  };
}

/** The staged change as `git diff --cached --raw` lists it: what the commit brings, and what it replaces. */
export function stagedTargets(entries: readonly RawEntry[]): Targets {
  return {
    current: entries
      .filter((entry) => entry.status !== 'D' && !isZeroOid(entry.newOid))
      .map((entry) => ({ path: entry.path, mode: entry.newMode, oid: entry.newOid })),
    prior: entries
      .filter((entry) => hasContent(entry.oldOid, entry.oldMode))
      .map((entry) => ({ path: entry.path, mode: entry.oldMode, oid: entry.oldOid }))
  };
}
