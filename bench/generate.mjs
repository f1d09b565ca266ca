/**
 * Deterministic benchmark repositories, built with `git fast-import` so that a 5,000-file history
 * or a 2,000-commit history takes about a second. Fake keys come from sampleKey() at run time.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sampleKey } from '../dist/rules/samples.js';

/** Hermetic git: no user config, fixed identity and dates, so every run builds the same objects. */
export const GIT_ENV = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  LANG: 'C.UTF-8',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
  NO_COLOR: '1'
};

export function git(dir, args, input) {
  const result = spawnSync('git', args, { cwd: dir, env: GIT_ENV, input, maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.toString();
}

/** A small deterministic PRNG (mulberry32), so content never depends on the run. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTENSIONS = ['py', 'py', 'py', 'js', 'md', 'yml', 'json', 'txt', 'html', 'cfg'];

/** Path and text of the n-th file: code-like lines, ~1–3 KB; every 40th mentions SECRET_KEY safely. */
export function fileAt(n, variant = 0) {
  const next = random(n * 7919 + variant);
  const ext = EXTENSIONS[n % EXTENSIONS.length];
  const path = `app${n % 40}/module_${n}.${ext}`;
  const lines = [`# module ${n} (revision ${variant})`];
  const count = 30 + Math.floor(next() * 60);
  for (let i = 0; i < count; i++) {
    lines.push(
      `value_${i} = compute(${Math.floor(next() * 1e6)}, "${Math.floor(next() * 1e9).toString(36)}")  # ` +
        `step ${i}`
    );
  }
  if (n % 40 === 0)
    lines.push("SECRET_KEY = config('SECRET_KEY')", "DEBUG = config('DEBUG', default=False, cast=bool)");
  return [path, lines.join('\n') + '\n'];
}

function data(text) {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

function commitHeader(ref, message, time, parent) {
  const who = `Bench <bench@example.invalid> ${time} +0000`;
  const from = parent ? `from ${parent}\n` : '';
  return `commit ${ref}\nauthor ${who}\ncommitter ${who}\n${data(message)}${from}`;
}

function fresh(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
}

/**
 * A repo whose HEAD holds `historyFiles` files (in commits of 500), checked out, with `staged`
 * new files written and `git add`ed. Returns the staged paths.
 */
export function stagedRepo(dir, { historyFiles, staged }) {
  fresh(dir);
  let stream = '';
  let time = 1704067200;
  for (let first = 0; first < historyFiles; first += 500) {
    stream += commitHeader('refs/heads/main', `files ${first}+`, time++);
    for (let n = first; n < Math.min(historyFiles, first + 500); n++) {
      const [path, text] = fileAt(n);
      stream += `M 100644 inline ${path}\n${data(text)}`;
    }
  }
  if (historyFiles === 0)
    stream +=
      commitHeader('refs/heads/main', 'initial', time++) + `M 100644 inline README.md\n${data('# bench\n')}`;
  git(dir, ['fast-import', '--quiet'], stream);
  git(dir, ['reset', '--hard', '-q']);
  const paths = [];
  for (let i = 0; i < staged; i++) {
    // The typical commit touches a settings module that reads the key the right way.
    const [path, text] = i === 0 ? fileAt(0, 1) : fileAt(historyFiles + i);
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
    paths.push(path);
  }
  for (let i = 0; i < paths.length; i += 2000) git(dir, ['add', '--', ...paths.slice(i, i + 2000)]);
  return paths;
}

/**
 * `commits` commits over a 200-file tree, each rewriting 2 files; every 250th commit pastes a
 * literal key into a settings module and the next one removes it; a side branch commits a .env.
 */
export function historyRepo(dir, commits) {
  fresh(dir);
  const files = 200;
  let stream = commitHeader('refs/heads/main', 'initial', 1704067200);
  for (let n = 0; n < files; n++) {
    const [path, text] = fileAt(n);
    stream += `M 100644 inline ${path}\n${data(text)}`;
  }
  for (let c = 1; c < commits; c++) {
    stream += commitHeader('refs/heads/main', `change ${c}`, 1704067200 + c * 60);
    for (const n of [(c * 7) % files, (c * 13 + 1) % files]) {
      const [path, text] = fileAt(n, c);
      const leak = c % 250 === 0 && n === (c * 7) % files ? `SECRET_KEY = '${sampleKey(c)}'\n` : '';
      stream += `M 100644 inline ${path}\n${data(text + leak)}`;
    }
  }
  stream += commitHeader('refs/heads/deploy', 'deploy config', 1704067200 + commits * 60, 'refs/heads/main');
  stream += `M 100644 inline .env.production\n${data(`SECRET_KEY=${sampleKey(99)}\nDEBUG=0\n`)}`;
  git(dir, ['fast-import', '--quiet'], stream);
  git(dir, ['reset', '--hard', '-q']);
}

const DOC_LANGS = ['python', 'bash', 'yaml', 'json', 'console', 'python', 'ini', 'text'];

/** Block `j` of doc `i`: prose, then a code block whose language and body depend on (i, j, variant). */
function docBlock(i, j, variant, rst) {
  const lang = DOC_LANGS[(i + j) % DOC_LANGS.length];
  const next = random(i * 100003 + j * 31 + variant);
  const body = [];
  if (lang === 'python') {
    body.push(
      `from decouple import config`,
      `SECRET_KEY = config('SECRET_KEY')`,
      `DEBUG = config('DEBUG', default=False, cast=bool)`,
      `ALLOWED_HOSTS = ['app${j}.example.com']`
    );
  } else if (lang === 'bash' || lang === 'console') {
    body.push(
      `$ export DJANGO_SETTINGS_MODULE=app${j}.settings`,
      `$ python manage.py migrate --noinput  # step ${Math.floor(next() * 1000)}`
    );
  } else if (lang === 'yaml') {
    body.push(
      `services:`,
      `  web${j}:`,
      `    environment:`,
      `      SECRET_KEY: \${SECRET_KEY}`,
      `      WORKERS: ${Math.floor(next() * 16)}`
    );
  } else if (lang === 'json') {
    body.push(`{"name": "app${j}", "workers": ${Math.floor(next() * 16)}, "debug": false}`);
  } else {
    body.push(`[app${j}]`, `workers = ${Math.floor(next() * 16)}`);
  }
  const prose =
    `Section ${j} (revision ${variant}): configure app${j} ` +
    `with ${Math.floor(next() * 1e6).toString(36)} before deploying; the key comes from the ` +
    `environment.`;
  if (rst)
    return (
      `Section ${j}\n${'-'.repeat(`Section ${j}`.length)}\n\n${prose}\n\n.. ` +
      `code-block:: ${lang}\n\n${body.map((line) => `   ${line}`).join('\n')}\n\n`
    );
  return `## Section ${j}\n\n${prose}\n\n\`\`\`${lang}\n${body.join('\n')}\n\`\`\`\n\n`;
}

/**
 * A documentation-heavy project: `files` Markdown/rST guides of `blocks` code blocks each, then
 * `commits` revisions, each editing a twentieth of one guide's blocks. One revision pastes a
 * literal key into a code block and the next removes it.
 */
export function docsRepo(dir, { files, blocks, commits }) {
  fresh(dir);
  const doc = (i, revision, leak) => {
    const rst = i % 2 === 1;
    let text = rst ? `Guide ${i}\n${'='.repeat(`Guide ${i}`.length)}\n\n` : `# Guide ${i}\n\n`;
    for (let j = 0; j < blocks; j++) text += docBlock(i, j, j % 20 === revision % 20 ? revision : 0, rst);
    if (leak)
      text += rst
        ? `.. code-block:: python\n\n   SECRET_KEY = '${sampleKey(revision)}'\n`
        : `\`\`\`python\nSECRET_KEY = '${sampleKey(revision)}'\n\`\`\`\n`;
    return [`docs/guide-${i}.${rst ? 'rst' : 'md'}`, text];
  };
  let stream = commitHeader('refs/heads/main', 'docs', 1704067200);
  for (let i = 0; i < files; i++) {
    const [path, text] = doc(i, 0, false);
    stream += `M 100644 inline ${path}\n${data(text)}`;
  }
  for (let c = 1; c < commits; c++) {
    stream += commitHeader('refs/heads/main', `docs ${c}`, 1704067200 + c * 60);
    const [path, text] = doc(c % files, c, c === Math.floor(commits / 2));
    stream += `M 100644 inline ${path}\n${data(text)}`;
  }
  git(dir, ['fast-import', '--quiet'], stream);
  git(dir, ['reset', '--hard', '-q']);
}
