/**
 * Jupyter notebooks (.ipynb, JSON): each cell's source is decoded and scanned in its own format —
 * code cells as Python (IPython `%env` and `!shell` lines as shell, `%%bash` / `%%writefile` cells
 * by their language), Markdown cells as Markdown — and outputs (printed env vars, `!cat .env`,
 * `diffsettings`) as Python and dotenv text. Offsets map back to the file, so findings carry the
 * notebook's own line numbers, minified or not. Invalid JSON (say, a merge conflict) falls back to
 * scanning each line that is a JSON string.
 */
import type { Candidate, Samples } from '../../types.js';
import { readShapes } from '../bind/index.js';
import { formatOf, type ExtractContext, type FormatReader } from './registry.js';
import { isName } from '../bind/names.js';
import {
  isStrictJson,
  join,
  mapped,
  readJson,
  readJsonString,
  slice,
  stripAnsi,
  type Mapped
} from '../../../parse/json.js';
import type { TreeNode } from '../../../parse/tree.js';
import { extractPython } from './python.js';

type Names = readonly string[];
type Extract = (text: string, names: Names) => Candidate[];

const SHELL_CELLS = new Set(['bash', 'sh', 'zsh', 'script', 'system', 'sx']);
const PYTHON_CELLS = new Set(['capture', 'time', 'timeit', 'prun', 'debug', 'cython']);
// `%env NAME=value`, `%env NAME value`, `%set_env NAME=value` (IPython's env magics).
const ENV_MAGIC = /^[ \t]*%(?:env|set_env)[ \t]+([A-Za-z_][A-Za-z0-9_]*)(?:[ \t]*=[ \t]*|[ \t]+)(.*)$/;

/** Find values bound to the guarded names in a notebook. */
export function extractNotebook(text: string, context: ExtractContext): Candidate[] {
  const names = context.names;
  const root = isStrictJson(text) ? readJson(text)[0] : undefined;
  if (!root) return run(stringLines(text), names, extractPython);
  const found: Candidate[] = [];
  for (const cell of cellsOf(root)) {
    const type = stringAt(field(cell, 'cell_type'))?.text;
    const source = textOf(field(cell, 'source') ?? field(cell, 'input'));
    if (source && type === 'markdown')
      found.push(...run(source, names, (t) => context.extract('markdown', t)));
    else if (source && type === 'raw')
      found.push(...run(source, names, (t) => context.extract('generic', t)));
    else if (source) found.push(...codeCell(source, context));
    const outputs = field(cell, 'outputs');
    for (const output of outputs?.kind === 'seq' ? outputs.items : []) {
      const data = field(output, 'data');
      for (const node of [field(output, 'text'), field(data, 'text/plain'), field(output, 'traceback')]) {
        const shown = textOf(node, node === field(output, 'traceback') ? '\n' : '');
        if (shown) found.push(...run(stripAnsi(shown), names, outputText));
      }
    }
  }
  return found;
}

/** Output text: a Python repr (`{'SECRET_KEY': '...'}`, diffsettings) or `NAME=value` lines. */
function outputText(text: string, names: Names): Candidate[] {
  return [...extractPython(text, names), ...readShapes('dotenv', text, names)];
}

/** Run an extractor on mapped text and move its offsets back into the file. */
function run(mapped: Mapped, names: Names, extract: Extract): Candidate[] {
  const back = (offset: number) => mapped.map[Math.max(0, Math.min(offset, mapped.map.length - 1))]!;
  return extract(mapped.text, names).map((candidate) => ({
    ...candidate,
    offset: back(candidate.offset),
    ...(candidate.nameOffset === undefined ? {} : { nameOffset: back(candidate.nameOffset) })
  }));
}

/** A code cell: a cell magic decides the language; line magics and `!` lines are shell. */
function codeCell(source: Mapped, context: ExtractContext): Candidate[] {
  const names = context.names;
  const firstLineEnd = source.text.indexOf('\n');
  const magic = /^%%[ \t]*([A-Za-z_]+)(.*)$/.exec(
    source.text.slice(0, firstLineEnd < 0 ? undefined : firstLineEnd)
  );
  if (magic) {
    const body = slice(source, firstLineEnd < 0 ? source.text.length : firstLineEnd + 1);
    const kind = magic[1]!.toLowerCase();
    if (SHELL_CELLS.has(kind)) return run(body, names, (t, n) => readShapes('shell', t, n));
    if (kind === 'writefile' || kind === 'file') {
      const path =
        magic[2]!
          .trim()
          .split(/\s+/)
          .filter((arg) => !arg.startsWith('-'))
          .pop() ?? '';
      return run(body, names, (t) => context.extract(formatOf(path), t));
    }
    if (!PYTHON_CELLS.has(kind)) return run(body, names, (t) => context.extract('generic', t));
    return pythonWithMagics(body, names);
  }
  return pythonWithMagics(source, names);
}

/** Python source where `%magic` and `!shell` lines are blanked out and judged as shell. */
function pythonWithMagics(source: Mapped, names: Names): Candidate[] {
  const found: Candidate[] = [];
  const lines = source.text.split('\n');
  let lineStart = 0;
  lines.forEach((line, index) => {
    const trimmed = line.trimStart();
    if (trimmed.startsWith('%') || trimmed.startsWith('!')) {
      const body = slice(source, lineStart, lineStart + line.length);
      found.push(...run(body, names, magicLine));
      lines[index] = ' '.repeat(line.length);
    }
    lineStart += line.length + 1;
  });
  found.push(...run({ text: lines.join('\n'), map: source.map }, names, extractPython));
  return found;
}

/** One IPython line magic or shell escape. */
function magicLine(line: string, names: Names): Candidate[] {
  const env = ENV_MAGIC.exec(line);
  if (env) {
    if (!isName(env[1]!, names)) return [];
    let value = env[2]!.trimEnd();
    let offset = line.length - env[2]!.length;
    const quote = value[0];
    if (value.length >= 2 && (quote === '"' || quote === "'") && value.endsWith(quote)) {
      value = value.slice(1, -1);
      offset++;
    }
    return [{ name: env[1]!, value, offset, form: 'assign' }];
  }
  const shell = /^([ \t]*(?:!!?|%(?:sx|system)\b))/.exec(line);
  if (!shell) return [];
  const prefix = ' '.repeat(shell[1]!.length);
  return readShapes('shell', prefix + line.slice(prefix.length), names);
}

function field(node: TreeNode | null | undefined, key: string): TreeNode | undefined {
  if (node?.kind !== 'map') return undefined;
  // The last of duplicate keys wins, as in JSON.parse.
  for (let i = node.entries.length - 1; i >= 0; i--) {
    const entry = node.entries[i]!;
    if (entry.key.value === key) return entry.value ?? undefined;
  }
  return undefined;
}

function stringAt(node: TreeNode | undefined): Mapped | undefined {
  return node?.kind === 'scalar' && node.style === 'string' ? mapped(node) : undefined;
}

/** A multiline field: one string, or an array of strings (nbformat's usual one-per-line form). */
function textOf(node: TreeNode | undefined, separator = ''): Mapped | undefined {
  if (node?.kind === 'scalar') return stringAt(node);
  if (node?.kind !== 'seq') return undefined;
  const pieces = node.items.flatMap((item) => {
    const piece = stringAt(item);
    return piece ? [piece] : [];
  });
  return pieces.length ? join(pieces, separator) : undefined;
}

/** nbformat 4 `cells`, or nbformat 3 `worksheets[].cells`. */
function cellsOf(root: TreeNode): TreeNode[] {
  const cells = field(root, 'cells');
  if (cells?.kind === 'seq') return cells.items;
  const worksheets = field(root, 'worksheets');
  if (worksheets?.kind !== 'seq') return [];
  return worksheets.items.flatMap((sheet) => {
    const inner = field(sheet, 'cells');
    return inner?.kind === 'seq' ? inner.items : [];
  });
}

/**
 * Fallback for a notebook that is not valid JSON: every line that is exactly one JSON string
 * (how nbformat writes source lines) contributes its decoded text; other lines stay empty.
 */
function stringLines(text: string): Mapped {
  const pieces: Mapped[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const piece = stringLine(text, lineStart, lineEnd);
    pieces.push(piece ?? { text: '', map: [lineStart] });
    lineStart = lineEnd + 1;
  }
  return join(pieces, '\n');
}

/** The decoded string when [start, end) is `  "...",`; the trailing `\n` is dropped. */
function stringLine(text: string, start: number, end: number): Mapped | null {
  let open = start;
  while (open < end && (text[open] === ' ' || text[open] === '\t')) open++;
  if (text[open] !== '"') return null;
  let close = open + 1;
  while (close < end && text[close] !== '"') close += text[close] === '\\' ? 2 : 1;
  if (close >= end) return null;
  const rest = text.slice(close + 1, end).trim();
  if (rest !== '' && rest !== ',') return null;
  const decoded = mapped(readJsonString(text, open));
  if (!decoded.text.endsWith('\n')) return decoded;
  return {
    text: decoded.text.slice(0, -1),
    map: [...decoded.map.slice(0, -2), decoded.map[decoded.map.length - 1]!]
  };
}

/* Samples (see samples.ts for the stand-ins). */
type Cell = { cell_type: 'code' | 'markdown' | 'raw'; source: string | string[]; outputs?: unknown[] };

/** A notebook as nbformat writes it: one JSON string per source line, indent 1. */
function notebook(cells: Cell[], indent = 1): string {
  const full = cells.map((cell) => ({
    cell_type: cell.cell_type,
    metadata: {},
    source: Array.isArray(cell.source) ? cell.source : cell.source.split(/(?<=\n)/),
    ...(cell.cell_type === 'code' ? { execution_count: 1, outputs: cell.outputs ?? [] } : {})
  }));
  return JSON.stringify({ cells: full, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, indent) + '\n';
}

const code = (source: string | string[], outputs?: unknown[]): Cell => ({
  cell_type: 'code',
  source,
  outputs
});
const markdown = (source: string): Cell => ({ cell_type: 'markdown', source });
const stream = (text: string) => ({ output_type: 'stream', name: 'stdout', text: text.split(/(?<=\n)/) });
const N = 'notebooks/explore.ipynb';

const samples: Samples = {
  hit: [
    [N, notebook([code("import os\nimport django\nSECRET_KEY = '{{KEY}}'\n")])],
    [
      N,
      notebook([
        markdown('# Setup\n'),
        code("import os\nos.environ['DJANGO_SECRET_KEY'] = '{{KEY}}'\ndjango.setup()")
      ])
    ],
    [
      N,
      notebook([
        code(
          'from django.conf import settings\nsettings.configure(\n    DEBUG=True,\n    ' +
            'SECRET_KEY="{{MEMORABLE}}",\n)'
        )
      ])
    ],
    [N, notebook([code("os.environ.setdefault('SECRET_KEY', '{{KEY}}')")])],
    [N, notebook([code('%env SECRET_KEY={{KEY}}\nimport django')])],
    [N, notebook([code('%load_ext dotenv\n!SECRET_KEY={{MEMORABLE}} python manage.py check')])],
    [N, notebook([code("%%bash\nexport SECRET_KEY='{{KEY}}'\npython manage.py migrate\n")])],
    [N, notebook([code('%%writefile .env\nDEBUG=1\nSECRET_KEY={{KEY}}\n')])],
    [N, notebook([code('%env', [stream("{'HOME': '/home/me',\n 'SECRET_KEY': '{{KEY}}'}\n")])])],
    [N, notebook([code('!cat .env', [stream('DEBUG=1\nSECRET_KEY={{KEY}}\n')])])],
    [N, notebook([markdown("Use this in settings.py:\n\n```python\nSECRET_KEY = '{{KEY}}'\n```\n")])],
    [N, notebook([code("SECRET_KEY = '{{KEY}}'")], 0)],
    [N, notebook([code(["# SECRET_KEY = '{{INSECURE}}'\n", "SECRET_KEY = config('SECRET_KEY')"])])],
    [
      N,
      JSON.stringify(
        {
          nbformat: 3,
          worksheets: [{ cells: [{ cell_type: 'code', input: ["SECRET_KEY = '{{KEY}}'\n"], outputs: [] }] }]
        },
        null,
        1
      )
    ],
    [
      N,
      '{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [\n<<<<<<< HEAD\n    "SECRET_KEY = ' +
        "'{{KEY}}'\\n\",\n=======\n    \"SECRET_KEY = config('SECRET_KEY')\\n\",\n>>>>>>> main\n   " +
        ']\n  }\n ]\n}\n'
    ]
  ],
  miss: [
    [N, notebook([code("from decouple import config\nSECRET_KEY = config('SECRET_KEY')\n")])],
    [N, notebook([code("os.environ['SECRET_KEY'] = getpass.getpass('SECRET_KEY: ')")])],
    [N, notebook([code('%env SECRET_KEY=change-me')])],
    [N, notebook([code("os.environ.setdefault('SECRET_KEY', 'not-a-secret')")])],
    [N, notebook([code('print(len(settings.SECRET_KEY))', [stream('50\n')])])],
    [N, notebook([markdown('Set `SECRET_KEY` in your environment before running this notebook.\n')])],
    [N, notebook([code("STRIPE_SECRET_KEY = '{{KEY}}'")])],
    [N, notebook([code('%env', [stream("{'SECRET_KEY': '<your-secret-key>'}\n")])])],
    [N, '{ "cells": [ not json SECRET_KEY']
  ]
};

export const notebookFormat: FormatReader = { extract: extractNotebook, samples };
