/** install: text edits (husky line, pre-commit block, package.json), route choice, failure modes. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { addHuskyLine, huskyLine, removeHuskyLine } from '../../src/install/husky.js';
import { addPreCommitBlock, HOOK_TYPES_LINE, removePreCommitBlock } from '../../src/install/pre-commit.js';
import { deleteJson, setJson } from '../../src/install/json-edit.js';
import { withTask } from '../../src/install/lint-staged.js';
import { exec, PROJECT_ROOT, repoSuite } from '../helpers/repo.js';
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
