/**
 * Markdown/MDX and reStructuredText: code blocks go to the extractor of their language (untagged
 * ones to Python, shell and YAML together), inline code to the shell/Python/loose readers, and prose
 * only yields a key written as a clear assignment with a key-like value. Everything outside the
 * code being read is blanked to spaces first, so offsets, lines and columns stay those of the file.
 */
import type { Candidate, Samples } from '../../types.js';
import { fenceFormat, type ExtractContext, type Format, type FormatReader } from './registry.js';
import {
  markdownCode,
  rstCode,
  type CodeBlock,
  type DocumentCode,
  type Range
} from '../../../parse/markup.js';
import { looksLikeCode } from '../bind/located.js';
import { inPieces } from '../bind/pieces.js';
import { extractLooseLine } from '../bind/name-value.js';
import { isName, mentionsName } from '../bind/names.js';
import { looksKeyLike } from '../bind/values.js';

const LINE_FORMATS = new Set<Format>(['shell', 'dotenv', 'make', 'generic']);

interface Piece extends Range {
  transform?: (body: string) => string;
}

/** Interpreter prompts (`>>> `, `... `) and diff columns (`+`, `-`) become spaces: same length. */
const PROMPTS = (body: string) =>
  body.replace(/^([ \t]*)(?:>>>|\.\.\.)(?= |$)/gm, (prompt) => ' '.repeat(prompt.length));
const DIFF = (body: string) => body.replace(/^[+-]/gm, ' ');

/** `text[from, to)` with every character but line breaks turned into a space, a line at a time. */
function blank(text: string, from: number, to: number): string {
  let out = '';
  for (let pos = from; pos < to; ) {
    const eol = text.indexOf('\n', pos);
    const end = eol < 0 || eol >= to ? to : eol;
    out += ' '.repeat(end - pos);
    if (end < to) out += '\n';
    pos = end + 1;
  }
  return out;
}

/**
 * The text with everything outside `pieces` blanked (line breaks kept). Linear in the text: called
 * once per language, never per block (a guide with hundreds of blocks stays one pass each).
 */
function keepOnly(text: string, pieces: Piece[]): string {
  const parts: string[] = [];
  let pos = 0;
  for (const piece of [...pieces].sort((a, b) => a.start - b.start)) {
    if (piece.start < pos) continue;
    parts.push(blank(text, pos, piece.start));
    const body = text.slice(piece.start, piece.end);
    parts.push(piece.transform ? piece.transform(body) : body);
    pos = piece.end;
  }
  parts.push(blank(text, pos, text.length));
  return parts.join('');
}

/** Does an untagged block read as Python (assignments with spaces, keywords)? Then YAML would misread it. */
function looksLikePython(body: string): boolean {
  return / = |^[ \t]*(?:def|class|import|from|if|elif|else|for|while|with|try|except|return|print)\b/m.test(
    body
  );
}

const CELL_WRAPPERS = /^(?:\*\*|__|[`'"*_])+|(?:\*\*|__|[`'"*_])+$/g;

/** `| SECRET_KEY | <value> |`: a table row naming the key, then one key-like word in the next cell. */
function tableRow(text: string, line: Range, names: readonly string[]): Candidate[] {
  const row = text.slice(line.start, line.end);
  if (!/^[ \t]*\|/.test(row) || row.length > 4096) return [];
  const found: Candidate[] = [];
  const cells: Range[] = [];
  let start = row.indexOf('|') + 1;
  for (let i = start; i <= row.length; i++) {
    if (i === row.length || (row[i] === '|' && row[i - 1] !== '\\')) {
      cells.push({ start, end: i });
      start = i + 1;
    }
  }
  cells.forEach((cell, index) => {
    const next = cells[index + 1];
    if (!next || !isName(row.slice(cell.start, cell.end).trim().replace(CELL_WRAPPERS, ''), names)) return;
    const raw = row.slice(next.start, next.end);
    const value = raw.trim().replace(CELL_WRAPPERS, '');
    if (/\s/.test(value) || !looksKeyLike(value)) return;
    found.push({
      name: row.slice(cell.start, cell.end).trim().replace(CELL_WRAPPERS, ''),
      value,
      offset: line.start + next.start + raw.indexOf(value),
      form: 'assign'
    });
  });
  return found;
}

function extractFromCode(text: string, code: DocumentCode, context: ExtractContext): Candidate[] {
  const names = context.names;
  const known = new Map<Format, Piece[]>();
  const unknown: Piece[] = [];
  const unknownYaml: Piece[] = [];
  for (const block of code.blocks as CodeBlock[]) {
    const body = text.slice(block.start, block.end);
    if (!mentionsName(body, names)) continue;
    const lang = block.lang;
    const transform =
      lang === 'pycon' || lang === 'ipython'
        ? PROMPTS
        : lang === 'diff' || lang === 'patch'
          ? DIFF
          : undefined;
    const piece: Piece = { start: block.start, end: block.end, transform };
    const format = fenceFormat(lang);
    if (format) {
      const list = known.get(format);
      if (list) list.push(piece);
      else known.set(format, [piece]);
    } else {
      unknown.push(piece);
      if (!looksLikePython(transform ? transform(body) : body)) unknownYaml.push(piece);
    }
  }
  const found: Candidate[] = [];
  // Line-oriented readers go through inPieces: they are quadratic on a huge line full of names.
  const read = (format: Format, body: string) =>
    LINE_FORMATS.has(format)
      ? inPieces(body, (piece) => (mentionsName(piece, names) ? context.extract(format, piece) : []))
      : context.extract(format, body);
  for (const [format, pieces] of known) found.push(...read(format, keepOnly(text, pieces)));
  const notCode = (candidate: Candidate) => !looksLikeCode(candidate.value);
  if (unknown.length > 0) {
    const body = keepOnly(text, unknown);
    found.push(...context.extract('python', body), ...read('shell', body).filter(notCode));
  }
  // Untagged text is often documentation (`SECRET_KEY: required`): a bare YAML value must look like a key.
  const clearYaml = (candidate: Candidate) =>
    candidate.form === 'fallback' ||
    `'"`.includes(text[candidate.offset - 1] ?? '') ||
    looksKeyLike(candidate.value);
  if (unknownYaml.length > 0)
    found.push(
      ...context.extract('yaml', keepOnly(text, unknownYaml)).filter((c) => notCode(c) && clearYaml(c))
    );
  const spans = code.spans.filter((span) => mentionsName(text.slice(span.start, span.end), names));
  if (spans.length > 0) {
    const body = keepOnly(text, spans);
    // Inline code is a fragment of anything (`environ.Env(SECRET_KEY=(str, '…'))` is Python): an
    // unquoted value must look like a key, as in files of unknown format.
    const loose = inPieces(body, (piece) =>
      mentionsName(piece, names) ? context.extract('generic', piece) : []
    );
    found.push(...context.extract('python', body), ...loose.filter(notCode));
  }
  for (const line of code.prose) {
    if (!mentionsName(text.slice(line.start, line.end), names)) continue;
    found.push(...extractLooseLine(text, line.start, line.end, names, true), ...tableRow(text, line, names));
  }
  // Several readers may see the same value; the first (the block's own language) wins.
  const seen = new Set<number>();
  return found.filter((candidate) => !seen.has(candidate.offset) && seen.add(candidate.offset) !== undefined);
}

const samples: Samples = {
  hit: [
    // A fence keeps its language's rule: Python does not interpolate `${…}`, the shell does.
    ['README.md', 'Settings:\n\n```python\nSECRET_KEY = "k9#x{{KEY}}${PATH}"\n```\n'],
    ['README.md', "# mysite\n\n## Settings\n\n```python\nSECRET_KEY = '{{KEY}}'\n```\n"],
    ['README.md', 'Deploy:\n\n```bash\nexport SECRET_KEY={{MEMORABLE}}\n./deploy.sh\n```\n'],
    ['README.md', 'Create `.env`:\n\n```env\nDEBUG=1\nSECRET_KEY={{KEY}}\n```\n'],
    ['README.md', '~~~yaml\nservices:\n  web:\n    environment:\n      SECRET_KEY: "{{KEY}}"\n~~~\n'],
    ['README.md', '```\nSECRET_KEY={{MEMORABLE}}\n```\n'],
    ['README.md', '```\nservices:\n  web:\n    environment:\n      - SECRET_KEY={{KEY}}\n```\n'],
    ['docs/docker.md', '```dockerfile\nFROM python:3.12\nENV SECRET_KEY={{KEY}}\n```\n'],
    ['docs/heroku.md', '```json\n{"env": {"SECRET_KEY": {"value": "{{KEY}}"}}}\n```\n'],
    ['docs/fly.md', '```toml\n[env]\n  SECRET_KEY = "{{KEY}}"\n```\n'],
    ['docs/settings.md', '```ini\n[settings]\nSECRET_KEY={{KEY}}\n```\n'],
    ['README.md', 'Example:\n\n    SECRET_KEY={{KEY}}\n\nThen run the server.\n'],
    ['README.md', 'Run it with `SECRET_KEY={{MEMORABLE}} python manage.py runserver` locally.\n'],
    ['README.md', 'The staging key is SECRET_KEY={{KEY}} until we rotate it.\n'],
    [
      'docs/deploy.mdx',
      'import Tabs from "@theme/Tabs";\n\n```sh title="deploy"\nheroku config:set ' +
        "SECRET_KEY='{{KEY}}'\n```\n"
    ],
    ['README.md', '1. Set the key:\n   ```console\n   $ export DJANGO_SECRET_KEY="{{KEY}}"\n   ```\n'],
    ['docs/settings.rst', "Settings\n========\n\n.. code-block:: python\n\n    SECRET_KEY = '{{KEY}}'\n"],
    ['docs/deploy.rst', '.. code:: bash\n   :caption: deploy\n\n   export SECRET_KEY={{MEMORABLE}}\n'],
    ['docs/deploy.rst', 'Put this in your environment::\n\n    SECRET_KEY={{KEY}}\n'],
    ['docs/deploy.rst', 'Use ``SECRET_KEY={{MEMORABLE}}`` on the staging box.\n'],
    ['README.md', '| Variable | Value |\n|---|---|\n| `DEBUG` | `1` |\n| `SECRET_KEY` | `{{KEY}}` |\n']
  ],
  miss: [
    ['README.md', 'Deploy:\n\n```sh\nexport SECRET_KEY="k9#x{{KEY}}${PATH}"\n```\n'],
    [
      'docs/install/kubernetes.md',
      '```shell\nkubectl create secret generic web --from-file=secret-key=./secret-key.txt\n```\n'
    ],
    ['README.md', 'Set `SECRET_KEY` in your environment before running the server.\n'],
    [
      'README.md',
      '| Variable | Meaning |\n|---|---|\n| SECRET_KEY | required |\n| `SECRET_KEY_FALLBACKS` | ' +
        'comma-separated old keys |\n\nSECRET_KEY: required, read from the environment.\n'
    ],
    [
      'README.md',
      '| Name | Example |\n|---|---|\n| SECRET_KEY | `your-secret-key-here-change-me` |\n| ' +
        'DJANGO_SECRET_KEY | `os.environ.get("X")` |\n'
    ],
    ['README.md', "```python\nSECRET_KEY = config('SECRET_KEY')\n```\n"],
    [
      'README.md',
      '```bash\nexport SECRET_KEY="$(python -c \'from django.core.management.utils import ' +
        'get_random_secret_key as g; print(g())\')"\n```\n'
    ],
    ['README.md', '```\nSECRET_KEY=your-secret-key-here\n```\n'],
    ['README.md', '```yaml\nenv:\n  SECRET_KEY: ${{ secrets.SECRET_KEY }}\n```\n'],
    [
      'README.md',
      "```\nSECRET_KEY = os.environ.get('SECRET_KEY')\nDEBUG = os.environ.get('DEBUG') == '1'\n```\n"
    ],
    ['README.md', "```\nSECRET_KEY: str = env.str('SECRET_KEY')\n```\n"],
    [
      'README.md',
      'Generate one with `python -c "from django.core.management.utils import get_random_secret_key; ' +
        'print(get_random_secret_key())"` and store it as SECRET_KEY.\n'
    ],
    [
      'docs/settings.rst',
      'SECRET_KEY\n    Required. The key Django signs sessions with.\n\n.. note::\n\n   SECRET_KEY: set ' +
        'it in the environment.\n'
    ],
    ['docs/settings.rst', '.. code-block:: python\n\n    SECRET_KEY = env("SECRET_KEY")\n'],
    [
      'CHANGELOG.md',
      '- Read SECRET_KEY from the environment (was hard-coded in settings.py).\n- Rename ' +
        'STRIPE_SECRET_KEY={{KEY}} handling.\n'
    ]
  ]
};

/** Markdown/MDX: code blocks by language, inline code, clear prose assignments. */
export const markdownFormat: FormatReader = {
  extract: (text, context) => extractFromCode(text, markdownCode(text), context),
  samples
};

/** reStructuredText: the same, over its literal blocks and directives. */
export const rstFormat: FormatReader = {
  extract: (text, context) => extractFromCode(text, rstCode(text), context),
  samples
};
