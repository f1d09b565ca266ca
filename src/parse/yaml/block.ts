/**
 * A tolerant, linear-time YAML reader: block maps and sequences by indentation, flow collections,
 * plain/quoted/block scalars with their source offsets, tags, anchors, aliases and `---` documents.
 * It never throws: text that is not valid YAML still yields whatever structure can be recognised.
 */
import { LocatedBuilder } from '../located.js';
import { indentedLines, type IndentedLine } from '../lines.js';
import type { Entry, MapNode, ScalarNode, SeqNode, TreeNode } from '../tree.js';
import { FlowReader, MARKER, MAX_DEPTH, OPAQUE, PROPERTY, plainStyle, readYamlQuoted } from './flow.js';

type Line = IndentedLine;

export interface YamlDocument {
  nodes: TreeNode[];
}

/** Parse every document of a YAML stream; `onComment` sees each full-line comment (start, end). */
export function parseYaml(text: string, onComment: (start: number, end: number) => void): YamlDocument[] {
  return new YamlParser(text, onComment).parse();
}

class YamlParser {
  private readonly lines: Line[];
  private li = 0;

  constructor(
    private readonly text: string,
    private readonly onComment: (start: number, end: number) => void
  ) {
    this.lines = indentedLines(text, 1);
  }

  parse(): YamlDocument[] {
    const docs: YamlDocument[] = [{ nodes: [] }];
    while (this.li < this.lines.length) {
      this.skip();
      if (this.li >= this.lines.length) break;
      if (this.isMarker(this.lines[this.li]!)) {
        if (docs[docs.length - 1]!.nodes.length > 0) docs.push({ nodes: [] });
        this.li++;
        continue;
      }
      const before = this.li;
      const node = this.block(-1, 0, false);
      if (node) docs[docs.length - 1]!.nodes.push(node);
      if (this.li === before) this.li++;
    }
    return docs;
  }

  private isBlank(line: Line): boolean {
    return line.content >= line.end;
  }

  private isMarker(line: Line): boolean {
    return line.indent === 0 && MARKER.test(this.text.slice(line.start, Math.min(line.end, line.start + 4)));
  }

  /** Skip blank and comment lines, reporting the comments. */
  private skip(): void {
    while (this.li < this.lines.length) {
      const line = this.lines[this.li]!;
      if (this.isBlank(line)) this.li++;
      else if (this.text[line.content] === '#') {
        this.onComment(line.content, line.end);
        this.li++;
      } else break;
    }
  }

  private isSeqAt(pos: number, end: number): boolean {
    return (
      this.text[pos] === '-' && (pos + 1 >= end || this.text[pos + 1] === ' ' || this.text[pos + 1] === '\t')
    );
  }

  /** The node on the following lines, indented deeper than `parent` (a sequence may sit at `parent`). */
  private block(parent: number, depth: number, seqAtParent: boolean): TreeNode | null {
    this.skip();
    const line = this.lines[this.li];
    if (!line || this.isMarker(line)) return null;
    const deeper =
      line.indent > parent || (seqAtParent && line.indent === parent && this.isSeqAt(line.content, line.end));
    if (!deeper) return null;
    return this.nodeAt(line.content, parent, depth);
  }

  /** The node starting at `pos` on the current line, whose parent is indented at `parent`. */
  private nodeAt(pos: number, parent: number, depth: number): TreeNode | null {
    const line = this.lines[this.li]!;
    if (depth > MAX_DEPTH) {
      this.li++;
      while (
        this.li < this.lines.length &&
        (this.isBlank(this.lines[this.li]!) || this.lines[this.li]!.indent > parent)
      )
        this.li++;
      return OPAQUE;
    }
    const column = pos - line.start;
    if (this.isSeqAt(pos, line.end)) return this.sequence(pos, column, depth);
    if (this.keyAt(pos, line.end)) return this.mapping(pos, column, depth);
    return this.value(pos, parent, depth);
  }

  private sequence(pos: number, column: number, depth: number): SeqNode {
    const items: TreeNode[] = [];
    for (;;) {
      const line = this.lines[this.li]!;
      let after = pos + 1;
      while (after < line.end && (this.text[after] === ' ' || this.text[after] === '\t')) after++;
      if (after >= line.end || this.text[after] === '#') {
        if (after < line.end) this.onComment(after, line.end);
        this.li++;
        const item = this.block(column, depth + 1, false);
        if (item) items.push(item);
      } else {
        const item = this.nodeAt(after, column, depth + 1);
        if (item) items.push(item);
      }
      this.skip();
      const next = this.lines[this.li];
      if (!next || this.isMarker(next) || next.indent !== column || !this.isSeqAt(next.content, next.end))
        break;
      pos = next.content;
    }
    return { kind: 'seq', items };
  }

  private mapping(pos: number, column: number, depth: number): MapNode {
    const entries: Entry[] = [];
    for (;;) {
      const line = this.lines[this.li]!;
      const key = this.keyAt(pos, line.end);
      if (!key) break;
      let after = key.after;
      while (after < line.end && (this.text[after] === ' ' || this.text[after] === '\t')) after++;
      let value: TreeNode | null;
      if (after >= line.end || this.text[after] === '#') {
        if (after < line.end) this.onComment(after, line.end);
        this.li++;
        value = this.block(column, depth + 1, true);
      } else {
        value = this.value(after, column, depth + 1);
      }
      entries.push({ key: key.node, value });
      this.skip();
      const next = this.lines[this.li];
      if (!next || this.isMarker(next) || next.indent !== column || this.isSeqAt(next.content, next.end))
        break;
      if (!this.keyAt(next.content, next.end)) break;
      pos = next.content;
    }
    return { kind: 'map', entries };
  }

  /** A mapping key at `pos` (`key:`, `"key":`) and the position after its colon, or null. */
  private keyAt(pos: number, end: number): { node: ScalarNode; after: number } | null {
    const text = this.text;
    const first = text[pos];
    if (first === '"' || first === "'") {
      const quoted = this.quoted(pos, end, true);
      if (!quoted) return null;
      let colon = quoted.end;
      while (colon < end && (text[colon] === ' ' || text[colon] === '\t')) colon++;
      if (text[colon] !== ':' || (colon + 1 < end && text[colon + 1] !== ' ' && text[colon + 1] !== '\t'))
        return null;
      return { node: quoted.node, after: colon + 1 };
    }
    if (first === undefined || '[{|>!&*%@`#?,]}'.includes(first)) return null;
    for (let i = pos; i < end; i++) {
      const ch = text[i];
      if (ch === ':' && (i + 1 >= end || text[i + 1] === ' ' || text[i + 1] === '\t')) {
        const raw = text.slice(pos, i).trimEnd();
        if (raw === '') return null;
        return { node: { kind: 'scalar', value: raw, offset: pos, style: 'string' }, after: i + 1 };
      }
      if (ch === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t')) return null;
    }
    return null;
  }

  /** A value in block context: tags/anchors, alias, block scalar, quoted, flow or plain. */
  private value(pos: number, parent: number, depth: number): TreeNode | null {
    const text = this.text;
    const line = this.lines[this.li]!;
    let tag: string | undefined;
    for (
      let property = PROPERTY.exec(text.slice(pos, Math.min(line.end, pos + 200)));
      property;
      property = PROPERTY.exec(text.slice(pos, Math.min(line.end, pos + 200)))
    ) {
      if (text[pos] === '!') tag = property[0];
      pos += property[0].length;
      while (pos < line.end && (text[pos] === ' ' || text[pos] === '\t')) pos++;
    }
    let node: TreeNode | null;
    if (pos >= line.end || text[pos] === '#') {
      if (pos < line.end) this.onComment(pos, line.end);
      this.li++;
      node = this.block(parent, depth, true);
    } else if (text[pos] === '*' && /^\*[^\s,[\]{}]+[ \t]*(?:#.*)?$/.test(text.slice(pos, line.end))) {
      this.li++;
      node = OPAQUE;
    } else if (text[pos] === '|' || text[pos] === '>') {
      node = this.blockScalar(pos, parent);
    } else if (text[pos] === '"' || text[pos] === "'") {
      const quoted = this.quoted(pos, this.text.length, false, parent);
      if (quoted) {
        this.li = this.lineAt(quoted.end) + 1;
        node = quoted.node;
      } else {
        node = this.plain(pos, parent);
      }
    } else if (text[pos] === '[' || text[pos] === '{') {
      const flow = new FlowReader(text, pos, depth);
      node = flow.node();
      this.li = this.lineAt(Math.max(pos, flow.pos - 1)) + 1;
    } else {
      node = this.plain(pos, parent);
    }
    if (tag !== undefined) {
      if (node?.kind === 'scalar') node.tag = tag;
      else if (!/^!!(?:map|seq|omap|set)$/.test(tag)) node = OPAQUE;
    }
    return node;
  }

  private lineAt(offset: number): number {
    let index = this.li;
    while (
      index < this.lines.length - 1 &&
      this.lines[index]!.end < offset &&
      this.lines[index + 1]!.start <= offset
    )
      index++;
    return index;
  }

  /** A plain scalar: the rest of the line (minus ` # comment`) plus deeper continuation lines. */
  private plain(pos: number, parent: number): ScalarNode {
    const builder = new LocatedBuilder();
    let line = this.lines[this.li]!;
    builder.add(this.text.slice(pos, this.plainEnd(pos, line.end)), pos);
    this.li++;
    while (this.li < this.lines.length) {
      line = this.lines[this.li]!;
      if (
        this.isBlank(line) ||
        line.indent <= parent ||
        this.text[line.content] === '#' ||
        this.isMarker(line)
      )
        break;
      builder.add(' ', line.content);
      builder.add(this.text.slice(line.content, this.plainEnd(line.content, line.end)), line.content);
      this.li++;
    }
    return { kind: 'scalar', ...builder.done(pos), style: plainStyle(builder.value) };
  }

  private plainEnd(pos: number, end: number): number {
    let stop = end;
    for (let i = pos; i < end; i++) {
      if (this.text[i] === '#' && i > pos && (this.text[i - 1] === ' ' || this.text[i - 1] === '\t')) {
        stop = i;
        break;
      }
    }
    while (stop > pos && (this.text[stop - 1] === ' ' || this.text[stop - 1] === '\t')) stop--;
    return stop;
  }

  /**
   * A quoted scalar from `pos`, folding line breaks; null when unterminated. `singleLine` stops
   * at `end`; otherwise a line indented at or above `parent` ends the search (a stray quote must
   * not swallow the file).
   */
  private quoted(
    pos: number,
    end: number,
    singleLine: boolean,
    parent = -1
  ): { node: ScalarNode; end: number } | null {
    return readYamlQuoted(this.text, pos, singleLine ? end : this.text.length, singleLine, parent);
  }

  /** `|` literal or `>` folded block scalar: the deeper-indented lines that follow. */
  private blockScalar(pos: number, parent: number): ScalarNode {
    const text = this.text;
    const header = this.lines[this.li]!;
    const folded = text[pos] === '>';
    const explicit = /[1-9]/.exec(text.slice(pos + 1, Math.min(pos + 3, header.end)));
    this.li++;
    let indent = explicit ? Math.max(parent, 0) + Number(explicit[0]) : -1;
    const builder = new LocatedBuilder();
    let pendingBreaks = 0;
    let first = true;
    while (this.li < this.lines.length) {
      const line = this.lines[this.li]!;
      if (this.isBlank(line)) {
        pendingBreaks++;
        this.li++;
        continue;
      }
      if (indent < 0) indent = line.indent;
      if (line.indent < indent || line.indent <= parent || (indent === 0 && this.isMarker(line))) break;
      if (!first)
        builder.add(
          folded && pendingBreaks === 0 ? ' ' : '\n'.repeat(pendingBreaks + (folded ? 0 : 1)),
          line.start
        );
      else if (pendingBreaks > 0 && !folded) builder.add('\n'.repeat(pendingBreaks), line.start);
      builder.add(text.slice(line.start + indent, line.end), line.start + indent);
      pendingBreaks = 0;
      first = false;
      this.li++;
    }
    return { kind: 'scalar', ...builder.done(header.end), style: 'string' };
  }
}
