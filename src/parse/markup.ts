/**
 * Where the code is in Markdown and reStructuredText: fenced and indented blocks, RST
 * `.. code-block::`/`.. code::`/`::` literal blocks, inline code spans, and the prose lines left.
 * Ranges are offsets into the original text, so findings keep their line and column.
 */
import { indentedLines, type IndentedLine } from './lines.js';

export interface CodeBlock {
  start: number;
  end: number;
  /** Lower-cased first word of the info string / directive argument; '' when not given. */
  lang: string;
}

export interface Range {
  start: number;
  end: number;
}

export interface DocumentCode {
  blocks: CodeBlock[];
  spans: Range[];
  /** Lines outside code blocks. */
  prose: Range[];
}

type Line = IndentedLine;

function language(info: string): string {
  return /^[\s{.]*([\w+#.-]*)/.exec(info)?.[1]?.toLowerCase().replace(/^\.+/, '') ?? '';
}

/** Inline code in one line: a run of N backticks up to the next run of exactly N. */
function spansIn(text: string, start: number, end: number, out: Range[]): void {
  const runs: Array<[number, number]> = [];
  const line = text.slice(start, end);
  for (let i = line.indexOf('`'); i >= 0; i = line.indexOf('`', i)) {
    let j = i;
    while (j < line.length && line[j] === '`') j++;
    runs.push([start + i, j - i]);
    i = j;
  }
  if (runs.length < 2) return;
  const next = new Array<number>(runs.length);
  const seen = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    next[k] = seen.get(runs[k]![1]) ?? -1;
    seen.set(runs[k]![1], k);
  }
  for (let k = 0; k < runs.length; ) {
    const close = next[k]!;
    if (close < 0) {
      k++;
      continue;
    }
    out.push({ start: runs[k]![0] + runs[k]![1], end: runs[close]![0] });
    k = close + 1;
  }
}

function finishProse(text: string, lines: Line[], inCode: boolean[]): { spans: Range[]; prose: Range[] } {
  const spans: Range[] = [];
  const prose: Range[] = [];
  lines.forEach((line, index) => {
    if (inCode[index] || line.blank) return;
    prose.push({ start: line.start, end: line.end });
    spansIn(text, line.start, line.end, spans);
  });
  return { spans, prose };
}

const FENCE = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]/;

/** Fenced (``` / ~~~) and indented code blocks, YAML front matter, spans and prose of Markdown. */
export function markdownCode(text: string): DocumentCode {
  const lines = indentedLines(text, 4);
  const inCode = new Array<boolean>(lines.length).fill(false);
  const blocks: CodeBlock[] = [];
  let i = 0;
  if (/^---[ \t]*\r?$/.test(text.slice(0, lines[0]?.end ?? 0))) {
    const close = lines.findIndex(
      (line, index) => index > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(text.slice(line.start, line.end))
    );
    if (close > 0) {
      blocks.push({ start: lines[1]!.start, end: lines[close]!.start, lang: 'yaml' });
      for (let k = 0; k <= close; k++) inCode[k] = true;
      i = close + 1;
    }
  }
  let lastText: Line | null = null;
  let previousBlank = true;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = line.blank ? null : FENCE.exec(text.slice(line.start, line.end));
    if (fence && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) {
      const marker = fence[1]!;
      let close = i + 1;
      while (close < lines.length) {
        const candidate = FENCE.exec(text.slice(lines[close]!.start, lines[close]!.end));
        if (
          candidate &&
          candidate[1]![0] === marker[0] &&
          candidate[1]!.length >= marker.length &&
          candidate[2]!.trim() === ''
        )
          break;
        close++;
      }
      const contentStart = lines[i + 1]?.start ?? text.length;
      const contentEnd = close < lines.length ? lines[close]!.start : text.length;
      if (contentEnd > contentStart)
        blocks.push({ start: contentStart, end: contentEnd, lang: language(fence[2]!) });
      for (let k = i; k <= Math.min(close, lines.length - 1); k++) inCode[k] = true;
      i = close + 1;
      previousBlank = false;
      lastText = null;
      continue;
    }
    const listContext =
      lastText !== null && (LIST_ITEM.test(text.slice(lastText.start, lastText.end)) || lastText.indent >= 2);
    if (!line.blank && line.indent >= 4 && previousBlank && !listContext) {
      let last = i;
      let k = i;
      while (k < lines.length && (lines[k]!.blank || lines[k]!.indent >= 4)) {
        if (!lines[k]!.blank) last = k;
        inCode[k] = true;
        k++;
      }
      blocks.push({ start: line.start, end: lines[last]!.end, lang: '' });
      for (let m = last + 1; m < k; m++) inCode[m] = false;
      i = last + 1;
      previousBlank = false;
      continue;
    }
    if (!line.blank) lastText = line;
    previousBlank = line.blank;
    i++;
  }
  return { blocks, ...finishProse(text, lines, inCode) };
}

const DIRECTIVE = /^([ \t]*)\.\.[ \t]+(code-block|code|sourcecode|highlight|ipython|prompt)::[ \t]*(.*)$/i;

/** The indented body after line `from` (options and blank lines skipped), deeper than `indent`. */
function rstBody(
  lines: Line[],
  from: number,
  indent: number,
  skipOptions: boolean,
  text: string
): { first: number; last: number; next: number } {
  let k = from;
  while (
    k < lines.length &&
    !lines[k]!.blank &&
    lines[k]!.indent > indent &&
    skipOptions &&
    /^[ \t]*:[\w-]+:/.test(text.slice(lines[k]!.start, lines[k]!.end))
  )
    k++;
  let first = -1;
  let last = -1;
  while (k < lines.length && (lines[k]!.blank || lines[k]!.indent > indent)) {
    if (!lines[k]!.blank) {
      if (first < 0) first = k;
      last = k;
    }
    k++;
  }
  return { first, last, next: last >= 0 ? last + 1 : k };
}

/** `.. code-block:: lang`, `.. code:: lang`, `::` literal blocks, inline literals and prose of RST. */
export function rstCode(text: string): DocumentCode {
  const lines = indentedLines(text, 4);
  const inCode = new Array<boolean>(lines.length).fill(false);
  const blocks: CodeBlock[] = [];
  let highlight = '';
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    const raw = text.slice(line.start, line.end);
    const directive = line.blank ? null : DIRECTIVE.exec(raw);
    let lang: string | null = null;
    if (directive) {
      if (directive[2]!.toLowerCase() === 'highlight') {
        highlight = language(directive[3]!);
        i++;
        continue;
      }
      lang = language(directive[3]!) || highlight;
    } else if (!line.blank && /::[ \t]*$/.test(raw) && !/^[ \t]*\.\./.test(raw)) {
      lang = highlight;
    }
    if (lang === null) {
      i++;
      continue;
    }
    const body = rstBody(lines, i + 1, line.indent, directive !== null, text);
    if (body.first >= 0) {
      blocks.push({ start: lines[body.first]!.start, end: lines[body.last]!.end, lang });
      for (let k = body.first; k <= body.last; k++) inCode[k] = true;
    }
    if (directive) inCode[i] = true;
    i = Math.max(i + 1, body.next);
  }
  return { blocks, ...finishProse(text, lines, inCode) };
}
