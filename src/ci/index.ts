/**
 * ci/: the CI providers of `djkey-guard ci`. Each provider file (github.ts, gitlab.ts) turns its job's
 * environment into a plan (plan.ts: the ranges to judge, the commits they need); fetch.ts makes the
 * clone hold them. A new provider: its file here and its entry in PROVIDERS.
 */
import type { CiPlan } from './plan.js';

export interface Provider {
  /** Its name in messages. */
  label: string;
  /** Is this job running under it (the variable the provider documents)? */
  detects(env: NodeJS.ProcessEnv): boolean;
  /** The plan for this job, its module loaded on use. */
  plan(env: NodeJS.ProcessEnv): Promise<CiPlan>;
  /** Writes the job summary (GITHUB_STEP_SUMMARY) and annotations (workflow commands on stdout). */
  summary?: true;
}

export const PROVIDERS = {
  github: {
    label: 'GitHub Actions',
    detects: (env) => env.GITHUB_ACTIONS === 'true',
    plan: async (env) => (await import('./github.js')).githubPlan(env),
    summary: true
  },
  gitlab: {
    label: 'GitLab CI',
    detects: (env) => env.GITLAB_CI === 'true',
    plan: async (env) => (await import('./gitlab.js')).gitlabPlan(env)
  }
} satisfies Record<string, Provider>;

export type ProviderName = keyof typeof PROVIDERS;
