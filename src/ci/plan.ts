/**
 * What a CI job judges, whatever the CI: the git ranges of the push or merge request, the commits
 * they need in the clone, and what to do when an old commit is gone. Providers (github.ts,
 * gitlab.ts) build a plan from their environment; fetch.ts fetches what it needs, and
 * commands/ci.ts judges it.
 */
import { UsageError } from '../errors.js';
import { quoteForTerminal } from '../words/escape.js';

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
  /**
   * The commit whose config judges the range: what the repository already accepted (the pull
   * request's base, the push's `before`, the default branch for a new branch); null: the built-in
   * defaults (the first push of a repository). Never the commits being judged (DESIGN §11).
   */
  configBase: string | null;
}

export const ZERO_SHA = /^0+$/;

const SHA = /^[0-9a-f]{40,64}$/;
/** A branch name as git allows it, and nothing an option or a revision could hide in. */
const BRANCH = /^(?!-)(?!.*(?:\.\.|@\{|\/\/|\.lock$|\/$|\.$))[A-Za-z0-9._/+-]+$/;

/**
 * Checks what a CI event payload says before it reaches git: a payload can be crafted (a
 * `workflow_dispatch` input, a forged event file, a branch named like markup), and its `before`
 * becomes a `git fetch` argument, its default branch a refspec. Exit 2 on anything else.
 */
export function checkedBranch(name: string | undefined, what: string): string | undefined {
  if (name === undefined || name === '') return undefined;
  if (!BRANCH.test(name))
    throw new UsageError(`ci: the ${what} ${quoteForTerminal(JSON.stringify(name))} is not a branch name`);
  return name;
}

export function checkedSha(value: string | undefined, what: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!SHA.test(value))
    throw new UsageError(`ci: the ${what} ${quoteForTerminal(JSON.stringify(value))} is not a commit id`);
  return value;
}

/** A ref from a payload or CI variable, as it may be printed to a CI log (no line breaks, no controls). */
export const shownRef = (ref: string): string => quoteForTerminal(ref);

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
  defaultBranch = checkedBranch(defaultBranch, 'default branch');
  const onDefault = !defaultBranch || ref === `refs/heads/${defaultBranch}`;
  if (onDefault)
    return {
      describe: `${describe}: every commit of ${after.slice(0, 12)}`,
      ranges: [after],
      needs: [after],
      configBase: null
    };
  return {
    describe: `${describe}: commits not on ${defaultBranch}`,
    ranges: [`origin/${defaultBranch}..${after}`],
    needs: [after],
    excludeBranch: defaultBranch,
    configBase: `origin/${defaultBranch}`
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
  before = checkedSha(before, '"before" commit');
  if (ZERO_SHA.test(after))
    return {
      describe,
      ranges: [],
      needs: [],
      skip: `${shownRef(ref)} was deleted: nothing to judge`,
      configBase: null
    };
  const fresh = newRefPlan(describe, after, ref, defaultBranch);
  if (!before || ZERO_SHA.test(before)) return fresh;
  return {
    describe: `${describe}: ${before.slice(0, 12)}..${after.slice(0, 12)}`,
    ranges: [`${before}..${after}`],
    needs: [before, after],
    fallback: fresh,
    configBase: before
  };
}
