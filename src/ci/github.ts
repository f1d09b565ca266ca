/**
 * GitHub Actions: the range from the event that started the workflow (GITHUB_EVENT_NAME and the
 * payload at GITHUB_EVENT_PATH).
 *   pull_request(_target)  base.sha..head.sha   (what the pull request brings; not the merge commit)
 *   push                   before..after; first push of a branch or tag (before all zeros): the
 *                          commits not on the default branch; a deletion: nothing
 *   merge_group            base_sha..head_sha
 *   anything else          the ancestry of GITHUB_SHA (schedule, workflow_dispatch)
 * https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { pushPlan, shownRef, type CiPlan } from './plan.js';

interface Payload {
  before?: string;
  after?: string;
  ref?: string;
  deleted?: boolean;
  repository?: { default_branch?: string };
  pull_request?: { base?: { sha?: string; ref?: string }; head?: { sha?: string } };
  merge_group?: { base_sha?: string; head_sha?: string };
}

function readPayload(env: NodeJS.ProcessEnv): Payload {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Payload;
  } catch (error) {
    throw new UsageError(`ci github: cannot read the event payload ${path}: ${(error as Error).message}`);
  }
}

const sha = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{40,64}$/.test(value);

/** The plan for this workflow run. */
export function githubPlan(env: NodeJS.ProcessEnv): CiPlan {
  const event = shownRef(env.GITHUB_EVENT_NAME ?? '');
  const payload = readPayload(env);
  const defaultBranch = payload.repository?.default_branch;
  if (event === 'pull_request' || event === 'pull_request_target') {
    const base = payload.pull_request?.base?.sha;
    const head = payload.pull_request?.head?.sha;
    if (!sha(base) || !sha(head))
      throw new UsageError(`ci github: the ${event} payload has no base.sha/head.sha`);
    return {
      describe: `pull request: ${base.slice(0, 12)}..${head.slice(0, 12)}`,
      ranges: [`${base}..${head}`],
      needs: [base, head],
      configBase: base
    };
  }
  if (event === 'push') {
    const after = payload.after ?? env.GITHUB_SHA;
    const ref = payload.ref ?? env.GITHUB_REF ?? '';
    if (!sha(after)) throw new UsageError('ci github: the push payload has no "after" commit');
    if (payload.deleted)
      return {
        describe: 'push',
        ranges: [],
        needs: [],
        skip: `${shownRef(ref)} was deleted: nothing to judge`,
        configBase: null
      };
    return pushPlan(`push to ${shownRef(ref)}`, payload.before, after, ref, defaultBranch);
  }
  if (event === 'merge_group') {
    const base = payload.merge_group?.base_sha;
    const head = payload.merge_group?.head_sha;
    if (!sha(base) || !sha(head))
      throw new UsageError('ci github: the merge_group payload has no base_sha/head_sha');
    return {
      describe: `merge queue: ${base.slice(0, 12)}..${head.slice(0, 12)}`,
      ranges: [`${base}..${head}`],
      needs: [base, head],
      configBase: base
    };
  }
  const head = env.GITHUB_SHA;
  if (!sha(head))
    throw new UsageError(
      'ci github: not in a GitHub Actions run (GITHUB_EVENT_NAME / GITHUB_SHA are not set)'
    );
  return {
    describe: `${event || 'run'}: every commit of ${head.slice(0, 12)}`,
    ranges: [head],
    needs: [head],
    // A scheduled or manual run judges a commit the repository already has.
    configBase: head
  };
}
