/**
 * Jupyter notebooks (.ipynb, JSON): each cell's source is decoded and scanned in its own format —
 * code cells as Python (IPython `%env` and `!shell` lines as shell, `%%bash` / `%%writefile` cells
 * by their language), Markdown cells as Markdown — and outputs (printed env vars, `!cat .env`,
 * `diffsettings`) as Python and dotenv text. Offsets map back to the file, so findings carry the
 * notebook's own line numbers, minified or not. Invalid JSON (say, a merge conflict) falls back to
 * scanning each line that is a JSON string.
 */
import type { Candidate } from '../../types.js';
import { readNameValues } from '../bind/name-value.js';
import { formatOf, type ExtractContext, type FormatReader } from './registry.js';
import { isName } from '../bind/names.js';
import {
  decode,
  join,
  parseJson,
  slice,
  stripAnsi,
  type JsonNode,
  type Mapped
} from '../../../parse/json.js';
import { extractPython } from './python.js';

import { samples } from './notebook-samples.js';

type Names = readonly string[];
type Extract = (text: string, names: Names) => Candidate[];

const SHELL_CELLS = new Set(['bash', 'sh', 'zsh', 'script', 'system', 'sx']);
const PYTHON_CELLS = new Set(['capture', 'time', 'timeit', 'prun', 'debug', 'cython']);
// `%env NAME=value`, `%env NAME value`, `%set_env NAME=value` (IPython's env magics).
const ENV_MAGIC = /^[ \t]*%(?:env|set_env)[ \t]+([A-Za-z_][A-Za-z0-9_]*)(?:[ \t]*=[ \t]*|[ \t]+)(.*)$/;

/** Find values bound to the guarded names in a notebook. */
export function extractNotebook(text: string, context: ExtractContext): Candidate[] {
  const names = context.names;
  const root = parseJson(text);
  if (!root) return run(stringLines(text), names, extractPython);
  const found: Candidate[] = [];
  for (const cell of cellsOf(root)) {
    const type = stringAt(text, field(cell, 'cell_type'))?.text;
    const source = textOf(text, field(cell, 'source') ?? field(cell, 'input'));
    if (source && type === 'markdown')
      found.push(...run(source, names, (t) => context.extract('markdown', t)));
    else if (source && type === 'raw')
      found.push(...run(source, names, (t) => context.extract('generic', t)));
    else if (source) found.push(...codeCell(source, context));
    const outputs = field(cell, 'outputs');
    for (const output of outputs?.kind === 'array' ? outputs.items : []) {
      const data = field(output, 'data');
      for (const node of [field(output, 'text'), field(data, 'text/plain'), field(output, 'traceback')]) {
        const shown = textOf(text, node, node === field(output, 'traceback') ? '\n' : '');
        if (shown) found.push(...run(stripAnsi(shown), names, outputText));
      }
    }
  }
  return found;
}

/** Output text: a Python repr (`{'SECRET_KEY': '...'}`, diffsettings) or `NAME=value` lines. */
function outputText(text: string, names: Names): Candidate[] {
  return [...extractPython(text, names), ...readNameValues(text, names, 'dotenv')];
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
    if (SHELL_CELLS.has(kind)) return run(body, names, (t, n) => readNameValues(t, n, 'shell'));
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
  return readNameValues(prefix + line.slice(prefix.length), names, 'shell');
}

function field(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node?.kind === 'object' ? node.entries.get(key) : undefined;
}

function stringAt(text: string, node: JsonNode | undefined): Mapped | undefined {
  return node?.kind === 'string' ? decode(text, node.start, node.end) : undefined;
}

/** A multiline field: one string, or an array of strings (nbformat's usual one-per-line form). */
function textOf(text: string, node: JsonNode | undefined, separator = ''): Mapped | undefined {
  if (node?.kind === 'string') return decode(text, node.start, node.end);
  if (node?.kind !== 'array') return undefined;
  const pieces = node.items.flatMap((item) =>
    item.kind === 'string' ? [decode(text, item.start, item.end)] : []
  );
  return pieces.length ? join(pieces, separator) : undefined;
}

/** nbformat 4 `cells`, or nbformat 3 `worksheets[].cells`. */
function cellsOf(root: JsonNode): JsonNode[] {
  const cells = field(root, 'cells');
  if (cells?.kind === 'array') return cells.items;
  const worksheets = field(root, 'worksheets');
  if (worksheets?.kind !== 'array') return [];
  return worksheets.items.flatMap((sheet) => {
    const inner = field(sheet, 'cells');
    return inner?.kind === 'array' ? inner.items : [];
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
  const decoded = decode(text, open, close + 1);
  if (!decoded.text.endsWith('\n')) return decoded;
  return {
    text: decoded.text.slice(0, -1),
    map: [...decoded.map.slice(0, -2), decoded.map[decoded.map.length - 1]!]
  };
}

export const notebookFormat: FormatReader = { extract: extractNotebook, samples };
