/**
 * What a CI job judges, whatever the CI: the git ranges of the push or merge request, the commits
 * they need in the clone, and what to do when an old commit is gone. Providers (github.ts,
 * gitlab.ts) build a plan from their environment; fetch.ts fetches what it needs, and
 * commands/ci.ts judges it.
 */
export interface CiPlan {
  /** One line for the log: which event, which commits. */
  describe: string;
  /** git revision ranges for `history`; empty = nothing to judge (see `skip`). */
  ranges: string[];
  /** Commit ids the ranges name: fetched when the clone lacks them. */
  needs: string[];
  /** A branch whose commits are not judged (the default branch), as `origin/<name>`; fetched when missing. */
  excludeBranch?: string;
  /** Why there is nothing to judge (a deleted branch or tag). */
  skip?: string;
  /** Plan to use when a needed commit cannot be fetched (a force push erased `before`). */
  fallback?: CiPlan;
}

export const ZERO_SHA = /^0+$/;

/**
 * The commits a branch or tag tip brings that the default branch does not have: the first push of a
 * branch has no `before`. On the default branch itself, its whole ancestry.
 */
export function newRefPlan(
  describe: string,
  after: string,
  ref: string,
  defaultBranch: string | undefined
): CiPlan {
  const onDefault = !defaultBranch || ref === `refs/heads/${defaultBranch}`;
  if (onDefault)
    return {
      describe: `${describe}: every commit of ${after.slice(0, 12)}`,
      ranges: [after],
      needs: [after]
    };
  return {
    describe: `${describe}: commits not on ${defaultBranch}`,
    ranges: [`origin/${defaultBranch}..${after}`],
    needs: [after],
    excludeBranch: defaultBranch
  };
}

/** `before..after`, or the new-ref plan when `before` is missing (all zeros) or cannot be fetched. */
export function pushPlan(
  describe: string,
  before: string | undefined,
  after: string,
  ref: string,
  defaultBranch: string | undefined
): CiPlan {
  if (ZERO_SHA.test(after))
    return { describe, ranges: [], needs: [], skip: `${ref} was deleted: nothing to judge` };
  const fresh = newRefPlan(describe, after, ref, defaultBranch);
  if (!before || ZERO_SHA.test(before)) return fresh;
  return {
    describe: `${describe}: ${before.slice(0, 12)}..${after.slice(0, 12)}`,
    ranges: [`${before}..${after}`],
    needs: [before, after],
    fallback: fresh
  };
}
