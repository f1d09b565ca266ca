/** Lines of a text: starts indexed once (offset → line by binary search), and lines with their indent. */
export interface Lines {
  /** Offset where each line starts (line 0 at offset 0). */
  starts: number[];
  /** 0-based line of an offset. */
  lineOf(offset: number): number;
}

export function indexLines(text: string): Lines {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    starts,
    lineOf(offset) {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid]! <= offset) low = mid;
        else high = mid - 1;
      }
      return low;
    }
  };
}

/** One line: its offsets (`end` before any `\r`), where its content starts past blanks, and that indent. */
export interface IndentedLine {
  start: number;
  end: number;
  content: number;
  /** Columns before the content: a tab advances to the next multiple of the tab stop. */
  indent: number;
  blank: boolean;
}

/** Every line of `text`, for readers that go by indentation (YAML counts a tab as 1, Markdown to 4). */
export function indentedLines(text: string, tabStop: 1 | 4): IndentedLine[] {
  const lines: IndentedLine[] = [];
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let content = start;
    let indent = 0;
    while (content < end && (text[content] === ' ' || text[content] === '\t')) {
      indent += text[content] === '\t' ? tabStop - (indent % tabStop) : 1;
      content++;
    }
    const trimmedEnd = text[end - 1] === '\r' ? end - 1 : end;
    lines.push({ start, end: trimmedEnd, content, indent, blank: content >= trimmedEnd });
    if (newline < 0) break;
    start = newline + 1;
  }
  return lines;
}
