/**
 * GitLab CI: the range from the predefined variables.
 * merge request pipeline  CI_MERGE_REQUEST_DIFF_BASE_SHA..(CI_MERGE_REQUEST_SOURCE_BRANCH_SHA or
 * CI_COMMIT_SHA)
 *   branch or tag pipeline  CI_COMMIT_BEFORE_SHA..CI_COMMIT_SHA; all zeros (a new branch or tag,
 *                           or a pipeline not started by a push): the commits not on CI_DEFAULT_BRANCH
 * https://docs.gitlab.com/ci/variables/predefined_variables/
 */
import { UsageError } from '../errors.js';
import { newRefPlan, pushPlan, shownRef, type CiPlan } from './plan.js';

const sha = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{40,64}$/.test(value);

/** The plan for this pipeline. */
export function gitlabPlan(env: NodeJS.ProcessEnv): CiPlan {
  const head = env.CI_COMMIT_SHA;
  if (!sha(head)) throw new UsageError('ci gitlab: not in a GitLab CI job (CI_COMMIT_SHA is not set)');
  const base = env.CI_MERGE_REQUEST_DIFF_BASE_SHA;
  if (sha(base)) {
    const source = sha(env.CI_MERGE_REQUEST_SOURCE_BRANCH_SHA)
      ? env.CI_MERGE_REQUEST_SOURCE_BRANCH_SHA
      : head;
    return {
      describe: `merge request: ${base.slice(0, 12)}..${source.slice(0, 12)}`,
      ranges: [`${base}..${source}`],
      needs: [base, source],
      configBase: base
    };
  }
  const ref = env.CI_COMMIT_TAG
    ? `refs/tags/${env.CI_COMMIT_TAG}`
    : env.CI_COMMIT_BRANCH
      ? `refs/heads/${env.CI_COMMIT_BRANCH}`
      : '';
  if (!ref) return newRefPlan(`pipeline for ${head.slice(0, 12)}`, head, '', env.CI_DEFAULT_BRANCH);
  return pushPlan(
    `pipeline for ${shownRef(ref)}`,
    env.CI_COMMIT_BEFORE_SHA,
    head,
    ref,
    env.CI_DEFAULT_BRANCH
  );
}
