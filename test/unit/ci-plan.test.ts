/** The CI range planners, from recorded payloads and variables (no git: the e2e side is action.test.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { githubPlan } from '../../src/ci/github.js';
import { gitlabPlan } from '../../src/ci/gitlab.js';
import { tempDir } from '../helpers/env.js';

const test = suite('ci plans');
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);
const dir = tempDir('djkg-plan-');
let n = 0;

function github(event: string, payload: unknown, extra: Record<string, string> = {}) {
  const path = join(dir, `event-${++n}.json`);
  writeFileSync(path, JSON.stringify(payload));
  return githubPlan({ GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: path, ...extra });
}

const repository = { default_branch: 'main' };

test('github: pull_request and pull_request_target judge base..head (never the merge commit)', () => {
  for (const event of ['pull_request', 'pull_request_target']) {
    const plan = github(
      event,
      { pull_request: { base: { sha: A }, head: { sha: B } } },
      { GITHUB_SHA: 'c'.repeat(40) }
    );
    assert.equal(plan.ranges, [`${A}..${B}`]);
    assert.equal(plan.needs, [A, B]);
  }
});

test('github: push before..after, with the default-branch plan as fallback', () => {
  const plan = github('push', { before: A, after: B, ref: 'refs/heads/topic', repository });
  assert.equal(plan.ranges, [`${A}..${B}`]);
  assert.equal(plan.fallback?.ranges, [`origin/main..${B}`]);
});

test(
  'github: first push of a branch or tag (before all zeros): not on the default branch; of the ' +
    'default branch: its ancestry',
  () => {
    assert.equal(
      github('push', { before: ZERO, after: B, ref: 'refs/heads/topic', created: true, repository }).ranges,
      [`origin/main..${B}`]
    );
    assert.equal(
      github('push', { before: ZERO, after: B, ref: 'refs/tags/v1', created: true, repository })
        .excludeBranch,
      'main'
    );
    assert.equal(
      github('push', { before: ZERO, after: B, ref: 'refs/heads/main', created: true, repository }).ranges,
      [B]
    );
  }
);

test('github: a deletion judges nothing; merge_group; other events judge the ancestry of GITHUB_SHA', () => {
  const deleted = github('push', {
    before: A,
    after: ZERO,
    ref: 'refs/heads/topic',
    deleted: true,
    repository
  });
  assert.equal(deleted.ranges, []);
  assert.match(deleted.skip ?? '', 'deleted');
  assert.equal(github('merge_group', { merge_group: { base_sha: A, head_sha: B } }).ranges, [`${A}..${B}`]);
  assert.equal(github('workflow_dispatch', {}, { GITHUB_SHA: B }).ranges, [B]);
});

test('github: a payload without the commits it needs, or no run at all, is a usage error', () => {
  assert.throws(() => github('pull_request', { pull_request: {} }), /no base.sha\/head.sha/);
  assert.throws(() => githubPlan({}), /not in a GitHub Actions run/);
});

test('gitlab: merge request (diff base..source head), push, new branch, tag', () => {
  const mr = gitlabPlan({
    CI_COMMIT_SHA: 'c'.repeat(40),
    CI_MERGE_REQUEST_DIFF_BASE_SHA: A,
    CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: B
  });
  assert.equal(mr.ranges, [`${A}..${B}`]);
  // A branch or tag pipeline: [before, branch, tag] → ranges (CI_DEFAULT_BRANCH is main).
  const pipelines: Array<[string, { CI_COMMIT_BRANCH: string } | { CI_COMMIT_TAG: string }, string[]]> = [
    [A, { CI_COMMIT_BRANCH: 'topic' }, [`${A}..${B}`]],
    [ZERO, { CI_COMMIT_BRANCH: 'topic' }, [`origin/main..${B}`]],
    [ZERO, { CI_COMMIT_TAG: 'v1' }, [`origin/main..${B}`]],
    [ZERO, { CI_COMMIT_BRANCH: 'main' }, [B]]
  ];
  for (const [before, ref, ranges] of pipelines) {
    const env = { CI_COMMIT_SHA: B, CI_COMMIT_BEFORE_SHA: before, CI_DEFAULT_BRANCH: 'main', ...ref };
    assert.equal(gitlabPlan(env).ranges, ranges, JSON.stringify(ref));
  }
  assert.throws(() => gitlabPlan({}), /not in a GitLab CI job/);
});

test.run();
