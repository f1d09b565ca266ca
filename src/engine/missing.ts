/**
 * Fail closed, fast and complete (DESIGN §4.7): an object a run needs and cannot read ends the run
 * with exit 2, naming every missing object (the first MISSING_SHOWN with a path and a commit that
 * reaches it, then a count) and carrying the findings made before it stopped, so every reporter can
 * show them as incomplete.
 */
import { UsageError } from '../errors.js';
import { commitIds, missingNames, type GitOptions } from '../git.js';
import { missingObjectsMessage } from '../words/messages.js';
import type { RunError } from '../types.js';

export const MISSING_SHOWN = 20;

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
 * them): fsck names a revision and path that reach each, and the first MISSING_SHOWN get a commit
 * id. `failure` is why git could not list them all (a missing commit stops rev-list too).
 */
export async function nameMissing(
  list: MissingList,
  failure: unknown,
  git: GitOptions
): Promise<{ list: MissingList; detail: string }> {
  const detail =
    failure === undefined ? '' : ((failure as { stderr?: string }).stderr?.trim() ?? String(failure));
  const unnamed = list.shown.filter((object) => object.path === undefined || object.commit === undefined);
  if (unnamed.length === 0) return { list, detail };
  const named = await missingNames(git).catch(() => new Map<string, { rev: string; path: string }>());
  const revs = unnamed.map((object) => named.get(object.oid)?.rev ?? '');
  const ids = await commitIds(
    revs.map((rev) => rev || 'HEAD'),
    git
  ).catch(() => []);
  unnamed.forEach((object, index) => {
    object.path ??= named.get(object.oid)?.path;
    object.commit ??= revs[index] ? ids[index] : undefined;
  });
  return { list, detail };
}
