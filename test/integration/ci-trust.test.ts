/**
 * CI judges a change with the config the repository already accepted (DESIGN §11), through the
 * action's own run script and `ci gitlab`, against real clones of a local origin; crafted event
 * payloads cannot inject workflow commands, markup or git options.
 */
import { readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from '../helpers/env.js';
import { CLI, PROJECT_ROOT, commitFile, createRepo, exec, type Repo } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';
import { checkout as ciCheckout, runAction as runScript } from '../helpers/action.js';

interface Context {
  repo: Repo;
  origin: string;
  scratch: string;
  base: string;
  head: string;
}

const test = suite<Context>('ci: the config of the base judges the change');

test.before.each((context) => {
  const repo = (context.repo = createRepo());
  context.scratch = tempDir('djkg-ci-trust-');
  context.base = commitFile(repo, 'README.md', '# site\n');
  repo.git(['checkout', '-q', '-b', 'feature']);
  // The pull request switches its own check off: '*' in .djkeyguardignore, then a key.
  commitFile(repo, '.djkeyguardignore', '*\n');
  commitFile(repo, 'mysite/settings.py', `SECRET_KEY = '${sampleKey(61)}'\n`);
  context.head = commitFile(
    repo,
    'ok.py',
    `# djkey-guard: allow\nSECRET_KEY = '${sampleKey(62)}'  # djkey-guard: allow\n`
  );
  repo.git(['checkout', '-q', 'main']);
  context.origin = join(context.scratch, 'origin.git');
  repo.git(['clone', '-q', '--bare', repo.dir, context.origin]);
});
test.after.each((context) => {
  context.repo.remove();
  exec('rm', ['-rf', context.scratch], { cwd: '/' });
});

/** `djkey-guard ci gitlab` in `dir` as a merge request pipeline of `branch` at `sha` on context.base. */
function gitlabJob(context: Context, dir: string, sha: string, branch: string, vars: NodeJS.ProcessEnv = {}) {
  return exec(process.execPath, [CLI, 'ci', 'gitlab'], {
    cwd: dir,
    env: {
      ...context.repo.env,
      GITLAB_CI: 'true',
      CI_COMMIT_SHA: sha,
      CI_MERGE_REQUEST_DIFF_BASE_SHA: context.base,
      CI_COMMIT_BRANCH: branch,
      CI_DEFAULT_BRANCH: 'main',
      ...vars
    }
  });
}
const checkout = (context: Context, branch: string): string => ciCheckout(context, branch);
const runAction = (context: Context, dir: string, event: string, payload: unknown) =>
  runScript(context, dir, event, payload, { sha: context.head });

test(
  "pull_request: the PR's own '*' does not apply; the summary names the config's commit; pragmas are " +
    'listed',
  (context) => {
    const dir = checkout(context, 'feature');
    const result = runAction(context, dir, 'pull_request', {
      pull_request: { base: { sha: context.base, ref: 'main' }, head: { sha: context.head } },
      repository: { default_branch: 'main' }
    });
    assert.is(result.code, 1, result.stderr);
    assert.match(result.stderr, 'mysite/settings.py');
    assert.match(result.stderr, `read from commit ${context.base.slice(0, 12)}`);
    assert.match(result.stderr, 'this change edits .djkeyguardignore');
    assert.match(result.stderr, 'its patterns apply once this change is accepted');
    assert.match(result.stderr, 'allowed by pragma: ok.py:2');
    assert.match(result.summary, `read from commit ${context.base.slice(0, 12)}`);
    assert.not.match(result.stderr + result.summary + result.stdout, sampleKey(61));
    assert.not.match(result.stderr + result.summary, sampleKey(62));
  }
);

test(
  'JSON and SARIF of a range and of the job carry the config commit, its changes and the pragmas ' +
    '(SARIF: suppressions of kind inSource)',
  (context) => {
    const dir = checkout(context, 'feature');
    const json = exec(
      process.execPath,
      [CLI, 'history', '--format', 'json', `${context.base}..${context.head}`],
      { cwd: dir, env: context.repo.env }
    );
    assert.is(json.code, 1, json.stderr);
    const document = JSON.parse(json.stdout);
    assert.equal(document.config, { from: [context.base], changes: ['.djkeyguardignore'] });
    assert.equal(
      document.pragmas.map((p: any) => [p.path, p.line, p.name, p.commit]),
      [['ok.py', 2, 'SECRET_KEY', context.head]]
    );
    assert.match(document.pragmas[0].masked, /…' \(\d+ chars\)$/);
    assert.is(document.pragmasRefused, undefined);
    const refused = JSON.parse(
      exec(
        process.execPath,
        [CLI, 'history', '--format', 'json', '--refuse-pragmas', `${context.base}..${context.head}`],
        {
          cwd: dir,
          env: context.repo.env
        }
      ).stdout
    );
    assert.is(refused.pragmasRefused, 'setting');
    assert.equal(refused.pragmas, []);
    assert.ok(refused.findings.some((f: any) => f.path === 'ok.py' && f.pragmaRefused === true));

    const sarifFile = join(context.scratch, 'out.sarif');
    const action = runScript(
      context,
      dir,
      'pull_request',
      {
        pull_request: { base: { sha: context.base, ref: 'main' }, head: { sha: context.head } },
        repository: { default_branch: 'main' }
      },
      { sha: context.head, sarif: sarifFile }
    );
    assert.is(action.code, 1, action.stderr);
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
    const run = sarif.runs[0];
    assert.equal(run.properties.config, { from: [context.base], changes: ['.djkeyguardignore'] });
    const suppressed = run.results.filter((r: any) => r.suppressions);
    assert.is(suppressed.length, 1);
    assert.is(suppressed[0].locations[0].physicalLocation.artifactLocation.uri, 'ok.py');
    assert.is(suppressed[0].locations[0].physicalLocation.region.startLine, 2);
    assert.equal(
      suppressed[0].suppressions.map((x: any) => [x.kind, x.status]),
      [['inSource', 'accepted']]
    );
    assert.ok(
      run.results.some(
        (r: any) =>
          !r.suppressions && r.locations[0].physicalLocation.artifactLocation.uri === 'mysite/settings.py'
      )
    );
    const all = json.stdout + readFileSync(sarifFile, 'utf8');
    assert.not.match(all, sampleKey(61));
    assert.not.match(all, sampleKey(62));
  }
);

test('new branch push: judged with the default branch config; gitlab MR: with its base', (context) => {
  const dir = checkout(context, 'feature');
  const push = runAction(context, dir, 'push', {
    before: '0'.repeat(40),
    after: context.head,
    ref: 'refs/heads/feature',
    repository: { default_branch: 'main' }
  });
  assert.is(push.code, 1, push.stderr);
  assert.match(push.stderr, 'mysite/settings.py');
  const gitlab = gitlabJob(context, checkout(context, 'feature'), context.head, 'feature');
  assert.is(gitlab.code, 1, gitlab.stderr);
  assert.match(gitlab.stderr, `read from commit ${context.base.slice(0, 12)}`);
});

test(
  'hostile payloads: a ref cannot start a workflow command or markup; before and default_branch ' +
    'cannot reach git as options',
  (context) => {
    const dir = checkout(context, 'feature');
    const evil = 'refs/heads/x\n::error title=pwned::owned\n<img src=x onerror=alert(1)>';
    const deleted = runAction(context, dir, 'push', {
      deleted: true,
      before: context.base,
      after: '0'.repeat(40),
      ref: evil,
      repository: { default_branch: 'main' }
    });
    assert.is(deleted.code, 0, deleted.stderr);
    const lines = (deleted.stdout + deleted.stderr).split('\n');
    assert.ok(!lines.some((line) => line.startsWith('::')), 'no line starts a workflow command');
    // The heading is Markdown: markup in it is escaped; the report below sits in a code fence (text).
    const heading = deleted.summary.split('\n')[0]!;
    assert.not.match(heading, '<img');
    assert.match(heading, '&lt;img');
    assert.not.match(heading, '\n');
    const outside = deleted.summary.replace(/^(`{3,})text\n[\s\S]*?\n\1$/m, '');
    assert.not.match(outside.split('\n').slice(1).join('\n'), '<img');

    // A push of the feature head: `before`, the ref pushed, the repository's default branch.
    const push = (before: string, ref: string, defaultBranch: string) =>
      runAction(context, dir, 'push', {
        before,
        after: context.head,
        ref,
        repository: { default_branch: defaultBranch }
      });
    const option = '--upload-pack=touch /tmp/djkg-pwned';
    const optionBefore = push(option, 'refs/heads/feature', 'main');
    assert.is(optionBefore.code, 2, optionBefore.stderr);
    assert.match(optionBefore.stderr, 'is not a commit id');
    const optionBranch = push('0'.repeat(40), 'refs/heads/feature', option);
    assert.is(optionBranch.code, 2, optionBranch.stderr);
    assert.match(optionBranch.stderr, 'is not a branch name');
    const markup = push('0'.repeat(40), 'refs/heads/<b>bold</b>', 'main');
    assert.is(markup.code, 1, markup.stderr);
    assert.match(markup.summary.split('\n')[0]!, '&lt;b&gt;bold&lt;/b&gt;');
  }
);

/** A branch `name` off main holding one key behind an allow pragma, pushed to origin; its head. */
function pragmaBranch(
  context: Context,
  name: string,
  from = 'main',
  extra?: () => void,
  file = 'fixtures/demo.py'
): string {
  const { repo } = context;
  repo.git(['checkout', '-q', '-b', name, from]);
  extra?.();
  const head = commitFile(repo, file, `SECRET_KEY = '${sampleKey(63)}'  # djkey-guard: allow\n`);
  repo.git(['checkout', '-q', 'main']);
  repo.git(['push', '-q', context.origin, `${name}:${name}`]);
  return head;
}

const pullRequest = (base: string, head: string) => ({
  pull_request: { base: { sha: base, ref: 'main' }, head: { sha: head } },
  repository: { default_branch: 'main' }
});

test('pull_request with allow-pragmas false (the action input): the pragma is a finding', (context) => {
  const head = pragmaBranch(context, 'pragma');
  const dir = checkout(context, 'pragma');
  const honoured = runScript(context, dir, 'pull_request', pullRequest(context.base, head), { sha: head });
  assert.is(honoured.code, 0, honoured.stderr);
  assert.match(honoured.stderr, 'allowed by pragma: fixtures/demo.py:1');
  const refused = runScript(context, dir, 'pull_request', pullRequest(context.base, head), {
    sha: head,
    'allow-pragmas': 'false'
  });
  assert.is(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /fixtures\/demo\.py:1\s+secret-key/);
  assert.match(refused.stderr, 'allow pragma refused');
  assert.match(refused.stderr, 'allow pragmas refused (DJKEY_GUARD_ALLOW_PRAGMAS=false');
  assert.not.match(refused.stderr, 'allowed by pragma');
  assert.match(refused.stdout, /^::error file=fixtures\/demo\.py,line=1/m);
  assert.match(refused.summary, 'allow pragmas refused');
  assert.not.match(refused.stderr + refused.stdout + refused.summary, sampleKey(63));
  // GitLab: the same switch as a project CI/CD variable.
  const gitlab = gitlabJob(context, checkout(context, 'pragma'), head, 'pragma', {
    DJKEY_GUARD_ALLOW_PRAGMAS: 'false'
  });
  assert.is(gitlab.code, 1, gitlab.stderr);
  assert.match(gitlab.stderr, 'allow pragma refused');
  // history <range> by hand: --refuse-pragmas.
  const range = exec(process.execPath, [CLI, 'history', '--refuse-pragmas', `${context.base}..${head}`], {
    cwd: dir,
    env: context.repo.env
  });
  assert.is(range.code, 1, range.stderr + range.stdout);
});

test(
  '"allowPragmas": false on the base refuses pragmas; a pull request that sets it back to true is ' +
    'still judged by the base',
  (context) => {
    const { repo } = context;
    const base = commitFile(repo, '.djkeyguard.json', '{ "allowPragmas": false }\n');
    repo.git(['push', '-q', context.origin, 'main:main']);
    const head = pragmaBranch(context, 'flip', 'main', () =>
      commitFile(repo, '.djkeyguard.json', '{ "allowPragmas": true }\n')
    );
    const dir = checkout(context, 'flip');
    const result = runScript(context, dir, 'pull_request', pullRequest(base, head), { sha: head });
    assert.is(result.code, 1, result.stderr);
    assert.match(result.stderr, /fixtures\/demo\.py:1\s+secret-key/);
    assert.match(result.stderr, 'allow pragma refused');
    assert.match(result.stderr, '"allowPragmas": false in the config of the base');
    assert.match(result.stderr, 'this change edits .djkeyguard.json');
    // Once accepted on main, the new setting applies: the next pull request's pragma is honoured.
    repo.git(['checkout', '-q', 'main']);
    repo.git(['merge', '-q', '--ff-only', 'flip']);
    repo.git(['push', '-q', context.origin, 'main:main']);
    const accepted = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    const next = pragmaBranch(context, 'next', 'main', undefined, 'fixtures/other.py');
    const later = runScript(context, checkout(context, 'next'), 'pull_request', pullRequest(accepted, next), {
      sha: next
    });
    assert.is(later.code, 0, later.stderr);
    assert.match(later.stderr, 'allowed by pragma: fixtures/other.py:1');
    // The client hook obeys the same setting: with "allowPragmas": false a pragma blocks the commit.
    commitFile(repo, '.djkeyguard.json', '{ "allowPragmas": false }\n');
    repo.write('demo2.py', `SECRET_KEY = '${sampleKey(65)}'  # djkey-guard: allow\n`);
    repo.git(['add', 'demo2.py']);
    const scan = exec(process.execPath, [CLI], { cwd: repo.dir, env: repo.env });
    assert.is(scan.code, 1, scan.stderr);
  }
);

test('the GitLab template installs from one pinned source variable, never a registry name', () => {
  const template = readFileSync(join(PROJECT_ROOT, 'ci/gitlab-ci.yml'), 'utf8');
  assert.match(template, 'DJKEY_GUARD_SOURCE');
  assert.not.match(template, /npx/);
  assert.match(template, '"$DJKEY_GUARD_SOURCE"');
  const action = readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8');
  assert.match(action, '$GITHUB_ACTION_PATH/dist/cli.js');
  assert.not.match(action, /npx|npm install/);
});

test('a missing object fails the job (exit 2), named; the findings made and SARIF come too', (context) => {
  const dir = checkout(context, 'feature');
  // Objects loose, as a broken cache leaves them, then one blob of the change gone.
  const packs = join(dir, '.git/objects/pack');
  for (const name of readdirSync(packs).filter((file) => file.endsWith('.pack'))) {
    const moved = join(context.scratch, name);
    renameSync(join(packs, name), moved);
    rmSync(join(packs, name.replace(/\.pack$/, '.idx')));
    exec('sh', ['-c', `git unpack-objects -q < '${moved}'`], { cwd: dir, env: context.repo.env });
  }
  const lost = exec('git', ['rev-parse', `${context.head}:ok.py`], { cwd: dir, env: context.repo.env });
  const oid = lost.stdout.trim();
  rmSync(join(dir, '.git/objects', oid.slice(0, 2), oid.slice(2)));
  const sarif = join(context.scratch, 'ci.sarif');
  const result = gitlabJob(context, dir, context.head, 'feature', {
    DJKEY_GUARD_FETCH: 'false',
    DJKEY_GUARD_SARIF: sarif
  });
  assert.is(result.code, 2, result.stderr);
  const line = result.stderr.split('\n').find((row) => row.includes(oid)) ?? '';
  assert.match(line, `ok.py  in commit ${context.head.slice(0, 12)}`, result.stderr);
  assert.match(result.stderr, 'incomplete: the run stopped at a missing object');
  assert.match(result.stderr, 'mysite/settings.py');
  assert.not.match(result.stderr, sampleKey(61));
  const run = JSON.parse(readFileSync(sarif, 'utf8')).runs[0];
  assert.is(run.invocations[0].executionSuccessful, false);
  assert.ok(run.results.length > 0, 'the partial findings are in the SARIF');
});

test.run();
