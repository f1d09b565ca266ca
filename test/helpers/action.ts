/** The GitHub Action's own run script (from action.yml) run against real clones of a local origin. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { PROJECT_ROOT, exec, type Repo, type RunResult } from './repo.js';

export interface ActionFixture {
  repo: Repo;
  /** Where checkouts, event payloads and summaries go. */
  scratch: string;
  /** A bare clone of `repo`: the "GitHub" the checkouts come from. */
  origin: string;
}

/** The `run: |` block of action.yml, unindented. */
export function actionScript(): string {
  const yaml = readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8');
  const block = /\n {6}run: \|\n((?: {8}.*\n|\n)+)/.exec(yaml);
  assert.ok(block, 'action.yml has a run: | block');
  return block[1]!.replace(/^ {8}/gm, '');
}

let clones = 0;

/** A CI checkout of one branch: `--depth N` like actions/checkout's default (1), or the full history. */
export function checkout(fixture: ActionFixture, branch: string, depth?: number): string {
  const dir = join(fixture.scratch, `checkout-${++clones}`);
  const shallow = depth === undefined ? [] : ['--depth', String(depth)];
  exec('git', ['clone', '-q', ...shallow, '--branch', branch, `file://${fixture.origin}`, dir], {
    cwd: fixture.scratch,
    env: fixture.repo.env
  });
  return dir;
}

/** Run the action's script in `dir` for one event; the result carries the job summary it wrote. */
export function runAction(
  fixture: ActionFixture,
  dir: string,
  event: string,
  payload: unknown,
  inputs: { sarif?: string; fetch?: string; sha?: string } = {}
): RunResult & { summary: string } {
  const eventPath = join(fixture.scratch, `event-${clones}.json`);
  writeFileSync(eventPath, JSON.stringify(payload));
  const summary = join(fixture.scratch, `summary-${clones}.md`);
  writeFileSync(summary, '');
  const env = {
    ...fixture.repo.env,
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION_PATH: PROJECT_ROOT,
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_SHA: inputs.sha ?? (payload as { after?: string }).after ?? '',
    DJKEY_GUARD_SARIF: inputs.sarif ?? '',
    DJKEY_GUARD_FETCH: inputs.fetch ?? 'true'
  };
  const result = exec('bash', ['-e', '-c', actionScript()], { cwd: dir, env });
  return { ...result, summary: readFileSync(summary, 'utf8') };
}
