/**
 * Make the clone hold what a plan needs. CI checkouts are shallow by default (GitHub: one commit,
 * GitLab: GIT_DEPTH 20 or 50), and a range judged on a truncated history could look clean. So:
 * a shallow clone is deepened to the full history of the needed commits (`fetch --unshallow`),
 * a complete clone fetches only the commits it lacks (a fork's pull request head), and the default
 * branch is fetched when the plan excludes it. Nothing is fetched when all is there already.
 */
import { fetchRefs, objectTypes, shallowCommits, type GitOptions } from '../git.js';
import type { CiPlan } from './plan.js';

/** Ids among `oids` that are not commits in this clone (one batch-check for all). */
async function missing(oids: readonly string[], options: GitOptions): Promise<string[]> {
  const types = await objectTypes(
    oids.map((oid) => `${oid}^{commit}`),
    options
  );
  return oids.filter((_, index) => types[index]?.type !== 'commit');
}

async function hasRef(ref: string, options: GitOptions): Promise<boolean> {
  return (await objectTypes([`${ref}^{commit}`], options))[0]?.type === 'commit';
}

/** Fetch what the plan lacks from `remote`; false when git could not get it (then try the fallback). */
export async function fetchFor(
  plan: CiPlan,
  remote: string,
  options: GitOptions,
  log: (line: string) => void
): Promise<boolean> {
  const shallow = (await shallowCommits(options)).size > 0;
  const lacking = await missing(plan.needs, options);
  const refspecs: string[] = [];
  if (
    plan.excludeBranch &&
    (shallow || !(await hasRef(`refs/remotes/${remote}/${plan.excludeBranch}`, options)))
  ) {
    refspecs.push(`+refs/heads/${plan.excludeBranch}:refs/remotes/${remote}/${plan.excludeBranch}`);
  }
  if (!shallow && lacking.length === 0 && refspecs.length === 0) return true;
  const wanted = shallow ? [...plan.needs, ...refspecs] : [...lacking, ...refspecs];
  const flags = ['--no-tags', '--quiet', ...(shallow ? ['--unshallow'] : [])];
  log(`djkey-guard: git fetch ${[...flags, remote, ...wanted].join(' ')}`);
  try {
    await fetchRefs(remote, wanted, flags, options);
    return (await missing(plan.needs, options)).length === 0;
  } catch (error) {
    log(`djkey-guard: fetch failed: ${(error as Error).message.split('\n')[0]}`);
    return false;
  }
}
