/**
 * Fail closed, fast and complete (DESIGN §4.7): an object a run needs and cannot read ends the run
 * with exit 2, naming every missing object (the first MISSING_SHOWN with a path and a commit that
 * reaches it, then a count) and carrying the findings made before it stopped, so every reporter can
 * show them as incomplete.
 */
import { UsageError } from '../errors.js';
import { commitIds, logRaw, missingNames, type GitOptions } from '../git.js';
import { missingObjectsMessage } from '../words/messages.js';
import type { RunError } from '../types.js';

export const MISSING_SHOWN = 20;
const TREE_MODE = '040000';

export interface MissingObject {
  oid: string;
  /**
   * Where the run met it (or where the commit's tree holds it); unknown when the tree above it is missing
   * too.
   */
  path?: string;
  /** A commit that reaches it; none for the index (a staged scan). */
  commit?: string;
}

/** The run could not read everything it needed; `partial` holds what it found before it stopped. */
export class MissingObjectsError<R = unknown> extends UsageError {
  constructor(
    readonly missing: MissingObject[],
    readonly count: number,
    readonly partial: R,
    /** git's own words when it stopped for a reason the list cannot show (a missing commit). */
    readonly detail = ''
  ) {
    super(missingObjectsMessage(missing, count, detail));
    this.name = 'MissingObjectsError';
  }

  /** The error as data, for a report that carries it (JSON, SARIF). */
  get report(): RunError {
    return { message: this.message, missing: this.missing, count: this.count };
  }

  /** The same error around another shape of the partial result (a command's, keyed fingerprints). */
  with<S>(partial: S): MissingObjectsError<S> {
    return new MissingObjectsError(this.missing, this.count, partial, this.detail);
  }
}

/** Collects missing objects as they are met: every one counted, the first MISSING_SHOWN kept. */
export class MissingList {
  readonly shown: MissingObject[] = [];
  private readonly seen = new Set<string>();
  count = 0;

  add(object: MissingObject): void {
    if (this.seen.has(object.oid)) return;
    this.seen.add(object.oid);
    this.count++;
    if (this.shown.length < MISSING_SHOWN) this.shown.push(object);
  }
}

/**
 * Name the missing objects of `list` (ids, or ids with a path and a commit when the reader met
 * them — `met` holds those): fsck names a revision and path that reach each from a ref, and the
 * first MISSING_SHOWN get a commit id. Objects no ref reaches (a push's new commits, in quarantine)
 * are named from a walk of `revisions`. `failure` is why git could not list them all (a missing
 * commit stops rev-list too).
 */
export async function nameMissing(
  list: MissingList,
  failure: unknown,
  git: GitOptions,
  met?: MissingList,
  revisions?: readonly string[]
): Promise<{ list: MissingList; detail: string }> {
  const detail =
    failure === undefined ? '' : ((failure as { stderr?: string }).stderr?.trim() ?? String(failure));
  const unnamed = () =>
    list.shown.filter((object) => object.path === undefined || object.commit === undefined);
  for (const object of unnamed()) {
    const seen = met?.shown.find((other) => other.oid === object.oid);
    object.path ??= seen?.path;
    object.commit ??= seen?.commit;
  }
  const byRef = unnamed();
  if (byRef.length === 0) return { list, detail };
  const named = await missingNames(git).catch(() => new Map<string, { rev: string; path: string }>());
  const revs = byRef.map((object) => named.get(object.oid)?.rev ?? '');
  const ids = await commitIds(
    revs.map((rev) => rev || 'HEAD'),
    git
  ).catch(() => []);
  byRef.forEach((object, index) => {
    object.path ??= named.get(object.oid)?.path;
    object.commit ??= revs[index] ? ids[index] : undefined;
  });
  const left = new Map(unnamed().map((object) => [object.oid, object]));
  if (left.size > 0 && revisions?.length) await nameFromWalk(left, revisions, git);
  return { list, detail };
}

/**
 * The first commit of `revisions` (oldest first) that writes each object of `left`, and its path (a
 * tree's with a trailing `/`). git log stops at a missing tree it must diff into: what it named
 * before that is kept.
 */
async function nameFromWalk(
  left: Map<string, MissingObject>,
  revisions: readonly string[],
  git: GitOptions
): Promise<void> {
  let commit = '';
  await logRaw(
    ['-t', ...revisions],
    (found) => {
      commit = found.oid;
    },
    (entry) => {
      const object = left.get(entry.newOid);
      if (!object) return;
      object.path ??= entry.newMode === TREE_MODE ? `${entry.path}/` : entry.path;
      object.commit ??= commit;
      left.delete(entry.newOid);
    },
    git
  ).catch(() => {});
}
