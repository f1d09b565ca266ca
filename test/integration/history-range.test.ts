/** `history <range>...`: exactly the commits of git revision ranges, and never a clean shallow result. */
import * as assert from 'uvu/assert';
import { commitFile, createRepo, type Repo, repoSuite } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';

const test = repoSuite('history <range>');

const sha = (repo: Repo, rev: string) => repo.git(['rev-parse', rev]).stdout.trim();

/** main: an old key in settings.py; topic (from main): README, then a new key in app.yml, then .env. */
function mainAndTopic(repo: Repo): { oldKey: string; newKey: string; keyCommit: string } {
  const oldKey = sampleKey(21);
  const newKey = sampleKey(22);
  commitFile(repo, 'mysite/settings.py', `SECRET_KEY = '${oldKey}'\n`);
  repo.git(['checkout', '-q', '-b', 'topic']);
  commitFile(repo, 'README.md', '# site\n');
  const keyCommit = commitFile(repo, 'deploy/app.yml', `env:\n  SECRET_KEY: "${newKey}"\n`);
  commitFile(repo, '.env', 'DEBUG=1\n', { message: 'env', force: true });
  return { oldKey, newKey, keyCommit };
}

test('blocks: main..topic reports the key and the .env the range adds, not the older key on main', ({
  repo
}) => {
  const { oldKey, newKey, keyCommit } = mainAndTopic(repo);
  const result = repo.run(['history', 'main..topic']);
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stdout, '1 Django key and 1 .env file found in 3 commits in main..topic');
  assert.match(result.stdout, new RegExp(`${keyCommit.slice(0, 7)} .* deploy/app.yml:2 `));
  assert.match(result.stdout, '.env ');
  assert.not.match(result.stdout, 'mysite/settings.py');
  assert.not.match(result.stdout + result.stderr, newKey);
  assert.not.match(result.stdout + result.stderr, oldKey);
});

test('passes: a clean range exits 0 and names the range; an empty range too', ({ repo }) => {
  mainAndTopic(repo);
  const clean = repo.run(['history', 'main..topic~2']);
  assert.is(clean.code, 0, clean.stderr);
  assert.match(clean.stdout, 'no Django keys or .env files in 1 commit in main..topic~2');
  const empty = repo.run(['history', 'topic..main']);
  assert.is(empty.code, 0, empty.stderr);
  assert.match(empty.stdout, 'no commits in topic..main');
});

test('ranges: A...B, several ranges and a single commit (its ancestry) follow git log', ({ repo }) => {
  const { keyCommit } = mainAndTopic(repo);
  repo.git(['checkout', '-q', 'main']);
  commitFile(repo, 'other.txt', 'x\n');
  const symmetric = repo.run(['history', '--format', 'json', 'main...topic']);
  assert.is(symmetric.code, 1, symmetric.stderr);
  const document = JSON.parse(symmetric.stdout);
  assert.is(document.commits, 4);
  assert.equal(document.ranges, ['main...topic']);
  assert.equal(
    document.findings.map((f: { path: string }) => f.path),
    ['deploy/app.yml', '.env']
  );

  // Several ranges combine as in git log: every positive end, minus everything any base reaches.
  repo.git(['checkout', '-q', '-b', 'other', 'main']);
  commitFile(repo, 'more.txt', 'y\n');
  const several = JSON.parse(repo.run(['history', '--format', 'json', 'main..topic', 'main..other']).stdout);
  assert.is(several.commits, 4);
  assert.equal(several.findings.map((f: { commit: string }) => f.commit)[0], keyCommit);

  // One commit-ish means its whole ancestry: the old key on main is found too.
  const ancestry = JSON.parse(repo.run(['history', '--format', 'json', 'topic']).stdout);
  assert.is(ancestry.commits, 4);
  assert.equal(
    ancestry.findings.map((f: { path: string }) => f.path),
    ['mysite/settings.py', 'deploy/app.yml', '.env']
  );
});

test('warns: a key already in a file the range edits was not added by the range (exit 0)', ({ repo }) => {
  const key = sampleKey(23);
  commitFile(repo, 'mysite/settings.py', `SECRET_KEY = '${key}'\n`);
  const base = sha(repo, 'HEAD');
  commitFile(repo, 'mysite/settings.py', `DEBUG = True\nSECRET_KEY = '${key}'\n`);
  const result = repo.run(['history', `${base}..HEAD`]);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, 'secret-key (warning)');
  assert.match(result.stdout, 'already in history before this range: rotate it');
  // Moving the key to another file (the old one deleted) is not adding it either.
  repo.git(['mv', 'mysite/settings.py', 'mysite/base.py']);
  repo.commit('split settings');
  assert.is(repo.run(['history', `${base}..HEAD`]).code, 0);
  // A new key on top does block.
  commitFile(repo, 'mysite/base.py', `SECRET_KEY = '${sampleKey(24)}'\n`);
  assert.is(repo.run(['history', `${base}..HEAD`]).code, 1);
});

test(
  'merges: a key written in the merge itself is found; what a merge takes from a branch outside the ' +
    'range is not',
  ({ repo }) => {
    commitFile(repo, 'README.md', '# site\n');
    repo.git(['checkout', '-q', '-b', 'topic']);
    commitFile(repo, 'app.py', 'print(1)\n');
    repo.git(['checkout', '-q', 'main']);
    // main gains a key after topic forked (let in some other way); topic then merges main in.
    commitFile(repo, 'legacy/settings.py', `SECRET_KEY = '${sampleKey(26)}'\n`);
    repo.git(['checkout', '-q', 'topic']);
    repo.git(['merge', '-q', '--no-edit', 'main']);
    const update = repo.run(['history', 'main..topic']);
    assert.is(update.code, 0, update.stderr);
    // An evil merge: the merge commit adds a key of its own.
    repo.git(['checkout', '-q', '-b', 'evil', 'topic~1']);
    repo.git(['merge', '-q', '--no-commit', 'main'], { allowFail: true });
    repo.write('conf/prod.env.yml', `SECRET_KEY: "${sampleKey(27)}"\n`);
    repo.git(['add', 'conf/prod.env.yml']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'merge main']);
    const evil = repo.run(['history', '--format', 'json', 'main..evil']);
    assert.is(evil.code, 1, evil.stderr);
    assert.equal(
      JSON.parse(evil.stdout).findings.map((f: { path: string }) => f.path),
      ['conf/prod.env.yml']
    );
    const all = JSON.parse(repo.run(['history', '--format', 'json']).stdout);
    assert.equal(all.findings.map((f: { path: string }) => f.path).sort(), [
      'conf/prod.env.yml',
      'legacy/settings.py'
    ]);
  }
);

test('bare repository: history and ranges work without a work tree, with the config HEAD carries', ({
  repo
}) => {
  const { keyCommit } = mainAndTopic(repo);
  commitFile(repo, '.djkeyguardignore', 'deploy/\n');
  const bare = createRepo({ init: false });
  try {
    bare.git(['clone', '-q', '--bare', repo.dir, bare.dir]);
    bare.git(['symbolic-ref', 'HEAD', 'refs/heads/main']);
    const range = bare.run(['history', '--format', 'json', 'main..topic~1']);
    assert.is(range.code, 1, range.stderr);
    const found = JSON.parse(range.stdout).findings;
    assert.equal(
      found.map((f: { path: string }) => f.path),
      ['deploy/app.yml', '.env']
    );
    assert.is(found[0].commit, keyCommit);
    // A range is judged with the config of its base (main), not the ignore file topic brings
    // (DESIGN §11): deploy/ is not excused, whatever HEAD is.
    bare.git(['symbolic-ref', 'HEAD', 'refs/heads/topic']);
    const own = JSON.parse(bare.run(['history', '--format', 'json', 'main..topic']).stdout);
    assert.equal(
      own.findings.map((f: { path: string }) => f.path),
      ['deploy/app.yml', '.env']
    );
  } finally {
    bare.remove();
  }
});

test('sarif: a range as SARIF on stdout, exit 1, nothing unmasked', ({ repo }) => {
  const { newKey } = mainAndTopic(repo);
  const result = repo.run(['history', '--format', 'sarif', 'main..topic']);
  assert.is(result.code, 1, result.stderr);
  const log = JSON.parse(result.stdout);
  assert.is(log.runs[0].results.length, 2);
  assert.not.match(result.stdout, newKey);
});

test('errors: an unknown revision or an option-like range exits 2 with a clear message', ({ repo }) => {
  mainAndTopic(repo);
  const unknown = repo.run(['history', 'main..nosuchbranch']);
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, 'history: cannot read the range "main..nosuchbranch"');
  assert.match(unknown.stderr, 'origin/main..HEAD');
  assert.not.match(unknown.stderr, '    at ');
  const dashed = repo.run(['history', '--', '--output=/tmp/x']);
  assert.is(dashed.code, 2);
  assert.match(dashed.stderr, 'is not a revision range');
});

test('shallow: a range past the boundary exits 2 with how to deepen; one inside it is judged', ({ repo }) => {
  commitFile(repo, 'a.txt', '1\n');
  commitFile(repo, 'mysite/settings.py', `SECRET_KEY = '${sampleKey(25)}'\n`);
  commitFile(repo, 'b.txt', '2\n');
  commitFile(repo, 'c.txt', '3\n');
  const clone = createRepo({ init: false });
  try {
    clone.git(['clone', '-q', '--depth', '2', `file://${repo.dir}`, clone.dir]);
    const inside = clone.run(['history', 'HEAD~1..HEAD']);
    assert.is(inside.code, 0, inside.stderr);
    const past = clone.run(['history', 'HEAD']);
    assert.is(past.code, 2, past.stderr);
    assert.match(past.stderr, 'shallow clone');
    assert.match(past.stderr, 'fetch-depth: 0');
    assert.match(past.stderr, 'git fetch --unshallow');
    const all = clone.run(['history']);
    assert.is(all.code, 2, all.stderr);
    // The base of the range is not in the clone at all.
    const missing = clone.run(['history', `${sha(repo, 'HEAD~3')}..HEAD`]);
    assert.is(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, 'git fetch --unshallow');
    clone.git(['fetch', '-q', '--unshallow']);
    assert.is(clone.run(['history', 'HEAD']).code, 1);
  } finally {
    clone.remove();
  }
});

test.run();
