/**
 * DESIGN §7: text output never passes a control character through raw. A file name with a newline
 * followed by `::error …::` must not become a CI workflow-command line; ESC and CR in a name or in
 * the shown characters of a value are escaped the way git quotes paths — for every command.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { quoteForTerminal, sanitizeStream } from '../../src/words/escape.js';
import { shellQuote } from '../../src/words/messages.js';
import { mask } from '../../src/rules/mask.js';
import { createRepo, type Repo, repoSuite, firstCommit } from '../helpers/repo.js';
import { sampleKey } from '../helpers/keys.js';

const ESC = '\u001b';
const HOSTILE = `x\n::error title=pwned::owned ${ESC}[2J\r${'\u009b'}31m`;

/** No raw control character (other than the line breaks) and no line that starts a workflow command. */
function clean(text: string, label: string): void {
  assert.not.match(
    text,
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/,
    `${label}: raw control character in\n${JSON.stringify(text)}`
  );
  for (const line of text.split('\n'))
    assert.not.ok(/^\s*::/.test(line), `${label}: workflow-command line ${JSON.stringify(line)}`);
}

const unit = suite('escape (pure)');

unit('git-style quoting of unsafe names; safe ones untouched', () => {
  assert.is(quoteForTerminal('mysite/settings.py'), 'mysite/settings.py');
  assert.is(quoteForTerminal('café/ünï.py'), 'café/ünï.py');
  assert.is(quoteForTerminal('a\nb'), '"a\\nb"');
  assert.is(quoteForTerminal(`a${ESC}[2J`), '"a\\033[2J"');
  assert.is(quoteForTerminal('a\rb"c\\'), '"a\\rb\\"c\\\\"');
  assert.is(quoteForTerminal('a\u009bb'), '"a\\302\\233b"');
  assert.is(quoteForTerminal('a\u202eb'), '"a\\342\\200\\256b"');
  clean(quoteForTerminal(HOSTILE), 'quote');
});

unit('the whole-stream guard keeps our line breaks and colours, escapes the rest', () => {
  assert.is(sanitizeStream('a\nb\tc\n', false), 'a\nb\tc\n');
  assert.is(sanitizeStream(`${ESC}[31mred${ESC}[39m`, true), `${ESC}[31mred${ESC}[39m`);
  assert.is(sanitizeStream(`${ESC}[2Jx`, false), '\\033[2Jx');
  assert.is(sanitizeStream('a\rb', true), 'a\\rb');
});

unit('shell quoting stays one pasteable word', () => {
  assert.is(shellQuote('.env'), "'.env'");
  assert.is(shellQuote("it's/.env"), "'it'\\''s/.env'");
  assert.is(shellQuote('a\nb/.env'), "$'a\\nb/.env'");
});

unit('a masked value never carries a control character to a terminal once quoted', () => {
  const masked = mask(`${ESC}[2J${sampleKey(3)}`);
  clean(sanitizeStream(masked, false), 'mask');
});

unit.run();

const cli = repoSuite('escape: every command', firstCommit);

cli('scan and history: a hostile .env name and a key whose first characters are controls', ({ repo }) => {
  const r = repo as Repo;
  const dir = HOSTILE;
  r.write(`${dir}/.env`, `SECRET_KEY=${sampleKey(5)}\n`);
  r.write(`${dir}/settings.py`, `SECRET_KEY = '${ESC}[2J\r${sampleKey(6)}'\n`);
  r.git(['add', '--', `${dir}/.env`, `${dir}/settings.py`]);
  const scan = r.run([]);
  assert.is(scan.code, 1, scan.stderr);
  assert.match(scan.stderr, '\\n::error title=pwned::');
  clean(scan.stderr, 'scan');
  const all = r.run(['--all']);
  clean(all.stderr, 'scan --all');
  r.commit('hostile');
  const history = r.run(['history']);
  assert.is(history.code, 1, history.stderr);
  clean(history.stderr, 'history');
  // A path argument echoed back in an error is quoted too.
  const arg = r.run([`nothing\n::error::x${ESC}[2J`]);
  assert.is(arg.code, 2);
  clean(arg.stderr, 'path argument');
});

cli('install: a repository folder with control characters in its name', () => {
  const r = createRepo({ init: false });
  try {
    const dir = `${r.dir}/odd\n::error title=x::${ESC}[2J`;
    r.git(['init', '-q', '-b', 'main', dir]);
    const run = r.run(['install', '--git-hook'], { cwd: dir });
    clean(run.stderr, 'install');
    const un = r.run(['uninstall'], { cwd: dir });
    clean(un.stderr, 'uninstall');
  } finally {
    r.remove();
  }
});

cli.run();
