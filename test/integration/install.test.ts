/** install: text edits (husky line, pre-commit block, package.json), route choice, failure modes. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { addHuskyLine, huskyLine, removeHuskyLine } from '../../src/install/husky.js';
import {
  addPreCommitBlock,
  HOOK_TYPES_LINE,
  PRE_COMMIT_ENTRY,
  removePreCommitBlock
} from '../../src/install/pre-commit.js';
import { deleteJson, setJson } from '../../src/install/json-edit.js';
import { addLintStagedLines, lintStagedLine, proofLines, withTask } from '../../src/install/lint-staged.js';
import { createRepo, exec, PROJECT_ROOT, repoSuite } from '../helpers/repo.js';
import { tempDir } from '../helpers/env.js';

const text = suite('install: text edits');
const LINE = huskyLine('');

text('husky: our line goes after the header, before cd/exec/exit, LF and final newline kept', () => {
  assert.is(addHuskyLine('', LINE), `${LINE}\n`);
  assert.is(addHuskyLine('npm test\n', LINE), `${LINE}\nnpm test\n`);
  assert.is(
    addHuskyLine('#!/usr/bin/env sh\n# lint\n\nexec npx lint-staged\n', LINE),
    `#!/usr/bin/env sh\n# lint\n\n${LINE}\nexec npx lint-staged\n`
  );
  assert.is(
    addHuskyLine('#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\nexit 0\n', LINE),
    `#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n${LINE}\nexit 0\n`
  );
  assert.is(addHuskyLine('echo a\r\n', LINE), `${LINE}\r\necho a\r\n`);
  assert.is(addHuskyLine(`x\n${LINE}\n`, LINE), null);
});

text('husky: removing our line restores the file exactly; monorepo paths are quoted when needed', () => {
  for (const original of ['npm test\n', '#!/bin/sh\n\nexec x\n', '# only a comment\n']) {
    assert.is(removeHuskyLine(addHuskyLine(original, LINE)!), original);
  }
  assert.match(huskyLine('frontend'), ' sh frontend/node_modules/djkey-guard/hooks/pre-commit || exit $? ;;');
  assert.match(huskyLine('web app'), " sh 'web app/node_modules/djkey-guard/hooks/pre-commit' || exit $? ;;");
  assert.is(removeHuskyLine(`${huskyLine('web app')}\nnpm test\n`), 'npm test\n');
  // The older line is ours too: removed, and replaced by the checking one on the next install.
  assert.is(removeHuskyLine('sh node_modules/djkey-guard/hooks/pre-commit\nnpm test\n'), 'npm test\n');
  assert.is(
    addHuskyLine('sh node_modules/djkey-guard/hooks/pre-commit\nnpm test\n', LINE),
    `${LINE}\nnpm test\n`
  );
});

text(
  'husky: the line blocks (exit 2) when the package hook script is emptied or cut, and runs it when whole',
  () => {
    const dir = tempDir('djkg-husky-line-');
    try {
      const script = join(dir, 'node_modules/djkey-guard/hooks/pre-commit');
      mkdirSync(dirname(script), { recursive: true });
      const whole = readFileSync(join(PROJECT_ROOT, 'hooks/pre-commit'), 'utf8');
      const run = () => exec('sh', ['-c', `${LINE}\necho after-our-line`], { cwd: dir });
      for (const damaged of ['', whole.slice(0, 200), 'exit 0\n']) {
        writeFileSync(script, damaged);
        const result = run();
        assert.is(result.code, 2, JSON.stringify(damaged.slice(0, 20)));
        assert.match(result.stderr, 'missing or damaged');
        assert.not.match(result.stdout, 'after-our-line');
      }
      rmSync(script);
      assert.is(run().code, 2, 'missing');
      // Whole: it runs (here, a stand-in with the real last line that exits 1 like a finding).
      writeFileSync(script, `echo judged >&2\nexit 1\n${whole.trimEnd().split('\n').pop()}\n`);
      const result = run();
      assert.is(result.code, 1);
      assert.match(result.stderr, 'judged');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
);

text('lint-staged: the proof lines wrap the line that runs it (ours after the header, or yours)', () => {
  const { before, after } = proofLines('');
  const ours = lintStagedLine('');
  assert.is(addLintStagedLines('', ''), `${before}\n${ours}\n${after}\n`);
  assert.is(
    addLintStagedLines('#!/bin/sh\n# lint\nnpm test\n', ''),
    `#!/bin/sh\n# lint\n${before}\n${ours}\n${after}\nnpm test\n`
  );
  // The user's own lint-staged line is wrapped, not doubled; a comment that names it is not a run.
  assert.is(
    addLintStagedLines('# runs lint-staged\r\nnpx lint-staged\r\nexit 0\r\n', ''),
    `# runs lint-staged\r\n${before}\r\nnpx lint-staged\r\n${after}\r\nexit 0\r\n`
  );
  for (const original of ['', 'npm test\n', 'npx lint-staged\n', '#!/bin/sh\nexec x\n']) {
    const added = addLintStagedLines(original, 'web app')!;
    assert.is(addLintStagedLines(added, 'web app'), null, 'idempotent');
    assert.is(removeHuskyLine(added), original);
  }
  // An earlier install's single line is replaced by the checking form.
  const old = 'node_modules/.bin/lint-staged  # added by djkey-guard install --lint-staged\n';
  assert.is(addLintStagedLines(old, ''), `${before}\n${ours}\n${after}\n`);
});

text(
  'lint-staged: the hook lines block (exit 2) when lint-staged passes but djkey-guard proved nothing',
  () => {
    const repo = createRepo();
    try {
      const bin = join(repo.dir, 'node_modules/.bin/lint-staged');
      const hook = addLintStagedLines('', '')!;
      const commit = (lintStaged: string, env: NodeJS.ProcessEnv = {}) => {
        mkdirSync(dirname(bin), { recursive: true });
        writeFileSync(bin, `#!/bin/sh\n${lintStaged}\n`, { mode: 0o755 });
        return exec('sh', ['-c', `${hook}echo hook-done`], { cwd: repo.dir, env: { ...repo.env, ...env } });
      };
      // Nothing staged that lint-staged would see: nothing to prove.
      assert.is(commit('exit 0').code, 0);
      repo.write('app/views.py', 'x = 1\n');
      repo.stage('app/views.py');
      for (const damaged of ['exit 0', `exec node ${join(repo.dir, 'empty.js')} "$@"`]) {
        writeFileSync(join(repo.dir, 'empty.js'), '');
        const result = commit(damaged);
        assert.is(result.code, 2, damaged);
        assert.match(result.stderr, 'did not judge this commit');
        assert.not.match(result.stdout, 'hook-done');
      }
      assert.is(commit('exit 1').code, 1, 'a lint-staged failure still blocks');
      // The real CLI proves each run (lint-staged may split the files over several).
      const cli = join(PROJECT_ROOT, 'dist/cli.js');
      const whole = commit(`node ${cli} app/views.py && node ${cli} app/views.py`);
      assert.is(whole.code, 0, whole.stderr);
      assert.match(whole.stdout, 'hook-done');
      assert.not.ok(existsSync(join(repo.dir, '.git/djkey-guard-proof')), 'the proof file is removed');
      repo.write('app/settings.py', 'SECRET_KEY = config("SECRET_KEY")\n');
      assert.is(commit(`node ${cli} "$@"`, { DJKEY_GUARD: '0' }).code, 0, 'DJKEY_GUARD=0 still proves');
    } finally {
      repo.remove();
    }
  }
);

text('pre-commit: the entry blocks (exit 2) when the copy in its cache is emptied or cut', () => {
  const dir = tempDir('djkg-entry-');
  try {
    mkdirSync(join(dir, 'bin'));
    const run = (cli: string) => {
      writeFileSync(join(dir, 'bin/djkey-guard'), cli, { mode: 0o755 });
      return exec('sh', ['-c', PRE_COMMIT_ENTRY], {
        cwd: dir,
        env: { PATH: `${join(dir, 'bin')}:${process.env.PATH}` }
      });
    };
    const real = readFileSync(join(PROJECT_ROOT, 'dist/cli.js'), 'utf8');
    for (const damaged of ['', '#!/usr/bin/env node\n', '#!/bin/sh\nexit 0\n']) {
      const result = run(damaged);
      assert.is(result.code, 2, JSON.stringify(damaged));
      assert.match(result.stderr, 'did not judge this commit');
    }
    assert.ok(real.length > 100);
    // Whole: the CLI's own exit code comes through (here 2: not a git repository), proof given.
    const whole = run(`#!/bin/sh\nexec node ${join(PROJECT_ROOT, 'dist/cli.js')} --version\n`);
    assert.is(whole.code, 0, whole.stderr);
    assert.not.match(whole.stderr, 'did not judge');
    // An earlier install's bare entry is upgraded, and the published hook uses the same entry.
    const bare = addPreCommitBlock('repos:\n', 'x')!.replace(PRE_COMMIT_ENTRY, 'djkey-guard');
    assert.is(addPreCommitBlock(bare, 'x'), addPreCommitBlock('repos:\n', 'x'));
    assert.match(
      readFileSync(join(PROJECT_ROOT, '.pre-commit-hooks.yaml'), 'utf8'),
      `    entry: ${PRE_COMMIT_ENTRY}\n`
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

text('pre-commit: block lands at the end of repos:, before later keys and their comments', () => {
  const config =
    '# top\nrepos:\n  - repo: https://example.invalid/black\n    rev: 1.0\n    hooks:\n      - id: ' +
    'black\n\n# ci\nci:\n  autofix: true\n';
  const out = addPreCommitBlock(config, 'djkey-guard@1.0.0')!;
  assert.ok(
    out.startsWith(
      `# top\n${HOOK_TYPES_LINE}\nrepos:\n  - repo: https://example.invalid/black\n    rev: 1.0\n    ` +
        `hooks:\n      - id: black\n  # djkey-guard`
    )
  );
  assert.ok(out.endsWith('pass_filenames: false\n\n# ci\nci:\n  autofix: true\n'));
  assert.is(addPreCommitBlock(out, 'x'), null);
  assert.is(removePreCommitBlock(out), config);
  assert.match(
    addPreCommitBlock('repos: []\n', 'djkey-guard@1.0.0')!,
    /^default_install_hook_types: .*\nrepos:\n# djkey-guard/
  );
  // A config that already names its hook types keeps them; ours is taken out by what it is.
  const typed = 'default_install_hook_types: [pre-commit]\nrepos: []\n';
  assert.not.match(addPreCommitBlock(typed, 'x')!, HOOK_TYPES_LINE);
  assert.is(
    removePreCommitBlock(addPreCommitBlock(typed, 'x')!),
    'default_install_hook_types: [pre-commit]\nrepos:\n'
  );
});

text("package.json: members added and removed with the file's own indentation", () => {
  const tabbed = '{\n\t"name": "x",\n\t"files": ["a", "b"]\n}';
  const added = setJson(tabbed, ['devDependencies', 'djkey-guard'], '^1.0.0');
  assert.is(
    added,
    '{\n\t"name": "x",\n\t"files": ["a", "b"],\n\t"devDependencies": {\n\t\t"djkey-guard": "^1.0.0"\n\t}\n}'
  );
  assert.is(deleteJson(added, ['devDependencies']), tabbed);
  const inline = '{ "scripts": { "test": "uvu" } }\n';
  assert.is(
    setJson(inline, ['scripts', 'prepare'], 'husky || true'),
    '{ "scripts": { "test": "uvu", "prepare": "husky || true" } }\n'
  );
  assert.equal(withTask('eslint --fix'), ['eslint --fix', 'djkey-guard']);
  assert.is(withTask(['djkey-guard']), null);
});

text.run();

const cli = repoSuite('install: command');

cli('passes: from an npm prepare script outside a repository it says why and exits 0', ({ repo }) => {
  const dir = tempDir('djkg-norepo-');
  const result = repo.run(['install'], { cwd: dir, env: { ...repo.env, npm_lifecycle_event: 'prepare' } });
  assert.is(result.code, 0);
  assert.match(result.stderr, 'hook not installed (prepare script)');
});

cli('fails: outside a repository (by hand) with exit 2', ({ repo }) => {
  const result = repo.run(['install'], { cwd: tempDir('djkg-norepo-') });
  assert.is(result.code, 2);
  assert.match(result.stderr, 'not inside a git work tree');
});

cli('fails: --husky without any package.json, and two routes at once', ({ repo }) => {
  const husky = repo.run(['install', '--husky']);
  assert.is(husky.code, 2);
  assert.match(husky.stderr, 'never creates one');
  assert.is(repo.run(['install', '--husky', '--git-hook']).code, 2);
});

cli('fails: an unwritable hooks folder leaves nothing half-written', ({ repo }) => {
  writeFileSync(join(repo.dir, 'blocker'), '');
  repo.git(['config', 'core.hooksPath', 'blocker']);
  const result = repo.run(['install']);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, 'cannot write');
  assert.not.ok(existsSync(join(repo.dir, '.git/djkey-guard')));
});

cli('passes: a local core.hooksPath is respected and only set locally', ({ repo }) => {
  repo.git(['config', 'core.hooksPath', '.githooks']);
  assert.is(repo.run(['install']).code, 0);
  assert.match(readFileSync(join(repo.dir, '.githooks/pre-commit'), 'utf8'), 'djkey-guard pre-commit hook');
  assert.is(readFileSync(String(repo.env.GIT_CONFIG_GLOBAL), 'utf8'), '');
  repo.run(['uninstall']);
  assert.not.ok(existsSync(join(repo.dir, '.githooks')));
});

cli('fails: the hook blocks with instructions when node cannot be found', ({ repo }) => {
  const script = readFileSync(join(PROJECT_ROOT, 'hooks/pre-commit'), 'utf8').replace(
    /for dir in [^;]*;/s,
    'for dir in "$HOME/none";'
  );
  repo.write('tool/hooks/pre-commit', script);
  repo.write('tool/dist/cli.js', 'process.exit(0);\n');
  const sh = exec('sh', ['-c', 'command -v sh'], { cwd: repo.dir }).stdout.trim();
  const result = exec(sh, ['tool/hooks/pre-commit'], {
    cwd: repo.dir,
    env: { ...repo.env, PATH: '/nonexistent' }
  });
  assert.is(result.code, 2);
  assert.match(result.stderr, 'node was not found');
  assert.match(result.stderr, '~/.config/djkey-guard/init.sh');
  assert.match(result.stderr, 'git commit --no-verify');
});

cli.run();
