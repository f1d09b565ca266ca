/** Line starts of a text, indexed once: offset → line by binary search, line → its text. */
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
