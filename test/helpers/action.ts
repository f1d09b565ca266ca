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

/**
 * The step's environment as the runner builds it: each `NAME: ${{ inputs.<input> }}` line of the step's
 * `env:` block, the input given or else its `default:` in action.yml (so a test goes through the
 * action's own wiring, not a copy of it).
 */
export function actionEnv(given: Record<string, string | undefined>): Record<string, string> {
  const yaml = readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8');
  const defaults = new Map<string, string>();
  for (const match of yaml.matchAll(/\n {2}([\w-]+):\n(?: {4}.*\n| {6}.*\n)*? {4}default: '([^']*)'/g))
    defaults.set(match[1]!, match[2]!);
  const env: Record<string, string> = {};
  for (const match of yaml.matchAll(/\n {8}(\w+): \$\{\{ inputs\.([\w-]+) \}\}/g)) {
    assert.ok(defaults.has(match[2]!), `action.yml has a default for input ${match[2]}`);
    env[match[1]!] = given[match[2]!] ?? defaults.get(match[2]!)!;
  }
  return env;
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
  inputs: { sarif?: string; fetch?: string; 'allow-pragmas'?: string; sha?: string } = {},
  /** Extra environment (repository variables a workflow passes on). */
  extra: NodeJS.ProcessEnv = {}
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
    ...actionEnv(inputs),
    ...extra
  };
  const result = exec('bash', ['-e', '-c', actionScript()], { cwd: dir, env });
  return { ...result, summary: readFileSync(summary, 'utf8') };
}
