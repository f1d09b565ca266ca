/**
 * The GitHub Action (action.yml's own run script) and the GitLab template's `ci gitlab`, driven by
 * recorded event payloads / predefined variables against real shallow clones of a local "origin".
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from '../helpers/env.js';
import { CLI, PROJECT_ROOT, commitFile, createRepo, exec, type Repo } from '../helpers/repo.js';
import { insecureKey, sampleKey } from '../helpers/keys.js';
import { checkout as ciCheckout, runAction } from '../helpers/action.js';

interface Context {
  repo: Repo;
  origin: string;
  scratch: string;
  key: string;
  oldKey: string;
  /** main: c0 (an old key in legacy.py), c1; feature from main: f1 (key), f2 (removes it), f3. */
  shas: Record<string, string>;
}

const test = suite<Context>('ci: GitHub Action and GitLab template');

/** The `run:` block of action.yml, as the runner's bash would execute it. */
test.before.each((context) => {
  const repo = (context.repo = createRepo());
  context.scratch = tempDir('djkg-ci-');
  context.key = sampleKey(41);
  context.oldKey = insecureKey(42);
  const shas: Record<string, string> = {};
  shas.c0 = commitFile(repo, 'legacy.py', `SECRET_KEY = '${context.oldKey}'\n`);
  shas.c1 = commitFile(repo, 'README.md', '# site\n');
  repo.git(['checkout', '-q', '-b', 'feature']);
  shas.f1 = commitFile(repo, 'mysite/settings.py', `SECRET_KEY = '${context.key}'\n`);
  shas.f2 = commitFile(
    repo,
    'mysite/settings.py',
    "from decouple import config\nSECRET_KEY = config('SECRET_KEY')\n"
  );
  shas.f3 = commitFile(repo, 'app.py', 'print(1)\n');
  repo.git(['checkout', '-q', '-b', 'clean', 'main']);
  shas.k1 = commitFile(repo, 'docs.md', 'hello\n');
  repo.git(['checkout', '-q', 'main']);
  context.shas = shas;
  context.origin = join(context.scratch, 'origin.git');
  repo.git(['clone', '-q', '--bare', repo.dir, context.origin]);
});
test.after.each((context) => {
  context.repo.remove();
  exec('rm', ['-rf', context.scratch], { cwd: '/' });
});

const checkout = (context: Context, branch: string, depth = 1): string => ciCheckout(context, branch, depth);

const repository = { default_branch: 'main' };
const ZERO = '0'.repeat(40);

test(
  'pull_request: base..head of a shallow checkout is fetched and judged; summary, annotations and ' + 'SARIF',
  (context) => {
    const { shas } = context;
    const dir = checkout(context, 'feature');
    const sarif = join(context.scratch, 'out.sarif');
    const payload = {
      pull_request: { base: { sha: shas.c1, ref: 'main' }, head: { sha: shas.f3 } },
      repository
    };
    const result = runAction(context, dir, 'pull_request', payload, { sarif });
    assert.is(result.code, 1, result.stderr);
    assert.match(result.stderr, '1 Django key found in 3 commits');
    assert.match(result.summary, '### djkey-guard: pull request');
    assert.match(result.summary, 'mysite/settings.py:1');
    assert.match(
      result.stdout,
      /::error file=mysite\/settings.py,line=1,title=djkey-guard secret-key::SECRET_KEY literal/
    );
    assert.not.match(result.summary + result.stdout + result.stderr, context.key);
    assert.not.match(result.summary, 'legacy.py'); // on main before the pull request
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    assert.is(log.runs[0].results.length, 1);

    const clean = runAction(context, checkout(context, 'clean'), 'pull_request', {
      pull_request: { base: { sha: shas.c1 }, head: { sha: shas.k1 } },
      repository
    });
    assert.is(clean.code, 0, clean.stderr);
    assert.match(clean.summary, 'no Django keys or .env files in 1 commit');
  }
);

/** A `push` event for the checkout of `branch` (the repository payload added). */
const pushEvent = (context: Context, branch: string, payload: Record<string, unknown>) =>
  runAction(context, checkout(context, branch), 'push', { ...payload, repository });

test('push: before..after judges every commit of the push, not only the tip', (context) => {
  const { shas } = context;
  const result = pushEvent(context, 'feature', {
    before: shas.c1,
    after: shas.f3,
    ref: 'refs/heads/feature'
  });
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, 'in 3 commits');
  const later = pushEvent(context, 'feature', { before: shas.f2, after: shas.f3, ref: 'refs/heads/feature' });
  assert.is(later.code, 0, later.stderr);
});

test('push: a first push (before all zeros) judges the commits not on the default branch', (context) => {
  const { shas } = context;
  const feature = pushEvent(context, 'feature', {
    before: ZERO,
    after: shas.f3,
    ref: 'refs/heads/feature',
    created: true
  });
  assert.is(feature.code, 1, feature.stderr);
  assert.match(feature.stderr, 'commits not on main');
  assert.match(feature.stderr, 'in 3 commits');
  assert.not.match(feature.stderr, 'legacy.py');
  const clean = pushEvent(context, 'clean', {
    before: ZERO,
    after: shas.k1,
    ref: 'refs/heads/clean',
    created: true
  });
  assert.is(clean.code, 0, clean.stderr);
  // The default branch's own first push: its whole ancestry (the old key is found).
  const first = pushEvent(context, 'main', {
    before: ZERO,
    after: shas.c1,
    ref: 'refs/heads/main',
    created: true
  });
  assert.is(first.code, 1, first.stderr);
  assert.match(first.stderr, 'legacy.py');
});

test('push: a deleted branch judges nothing; a new tag on the default branch, nothing new', (context) => {
  const { shas } = context;
  const deleted = pushEvent(context, 'main', {
    before: shas.f3,
    after: ZERO,
    ref: 'refs/heads/feature',
    deleted: true
  });
  assert.is(deleted.code, 0, deleted.stderr);
  assert.match(deleted.stderr, 'deleted: nothing to judge');
  context.repo.git(['push', '-q', context.origin, `${shas.c1}:refs/tags/v1`]);
  const tag = pushEvent(context, 'v1', { before: ZERO, after: shas.c1, ref: 'refs/tags/v1', created: true });
  assert.is(tag.code, 0, tag.stderr);
  assert.match(tag.stderr, 'no commits in origin/main..');
});

test('push: a force push whose "before" is gone judges the commits not on the default branch', (context) => {
  const { shas } = context;
  const gone = 'f'.repeat(40);
  const result = pushEvent(context, 'feature', {
    before: gone,
    after: shas.f3,
    ref: 'refs/heads/feature',
    forced: true
  });
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, 'cannot be fetched');
  assert.match(result.stderr, 'in 3 commits');
});

test('fetch: false on a shallow checkout exits 2 with how to deepen, never a clean result', (context) => {
  const { shas } = context;
  const result = runAction(
    context,
    checkout(context, 'feature'),
    'push',
    { before: shas.c1, after: shas.f3, ref: 'refs/heads/feature', repository },
    { fetch: 'false' }
  );
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, 'fetch-depth: 0');
});

test('gitlab: merge request, branch push, new branch and tag pipelines from CI variables', (context) => {
  const { shas } = context;
  const run = (dir: string, vars: Record<string, string>) =>
    exec(process.execPath, [CLI, 'ci'], {
      cwd: dir,
      env: { ...context.repo.env, GITLAB_CI: 'true', CI_DEFAULT_BRANCH: 'main', ...vars }
    });
  const mr = run(checkout(context, 'feature', 3), {
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_COMMIT_SHA: shas.f3,
    CI_MERGE_REQUEST_DIFF_BASE_SHA: shas.c1,
    CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: shas.f3
  });
  assert.is(mr.code, 1, mr.stderr);
  assert.match(mr.stderr, 'djkey-guard ci gitlab: merge request');
  assert.match(mr.stderr, 'in 3 commits');
  const push = run(checkout(context, 'feature', 2), {
    CI_COMMIT_BRANCH: 'feature',
    CI_COMMIT_SHA: shas.f3,
    CI_COMMIT_BEFORE_SHA: shas.f2
  });
  assert.is(push.code, 0, push.stderr);
  const fresh = run(checkout(context, 'feature'), {
    CI_COMMIT_BRANCH: 'feature',
    CI_COMMIT_SHA: shas.f3,
    CI_COMMIT_BEFORE_SHA: ZERO
  });
  assert.is(fresh.code, 1, fresh.stderr);
  assert.match(fresh.stderr, 'commits not on main');
  const clean = run(checkout(context, 'clean'), {
    CI_COMMIT_BRANCH: 'clean',
    CI_COMMIT_SHA: shas.k1,
    CI_COMMIT_BEFORE_SHA: ZERO
  });
  assert.is(clean.code, 0, clean.stderr);
  const template = readFileSync(join(PROJECT_ROOT, 'ci/gitlab-ci.yml'), 'utf8');
  assert.match(template, 'ci gitlab');
  assert.match(template, 'GIT_DEPTH: "0"');
});

test('errors: no CI environment, or a payload that is not JSON, exits 2 with a clear message', (context) => {
  const dir = checkout(context, 'main');
  const none = exec(process.execPath, [CLI, 'ci'], { cwd: dir, env: context.repo.env });
  assert.is(none.code, 2);
  assert.match(none.stderr, 'not in GitHub Actions or GitLab CI');
  const bad = join(context.scratch, 'bad.json');
  writeFileSync(bad, '{nope');
  const broken = exec(process.execPath, [CLI, 'ci', 'github'], {
    cwd: dir,
    env: { ...context.repo.env, GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: bad }
  });
  assert.is(broken.code, 2);
  assert.match(broken.stderr, 'cannot read the event payload');
  assert.ok(existsSync(dir));
});

test.run();
