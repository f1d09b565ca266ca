/**
 * Decoded strings that remember where each character came from in the original text, so a value
 * unquoted, unescaped or joined from several lines still reports the right line and column.
 */

/**
 * Builds a decoded string plus a compact offset map: runs of characters copied verbatim share
 * one `[valueIndex, sourceOffset]` pair, so the map stays small even for megabyte values.
 */
export class LocatedBuilder {
  value = '';
  segments: number[] = [];

  /** Append `piece`, whose first character sits at `source` in the original text. */
  add(piece: string, source: number): void {
    if (piece === '') return;
    const n = this.segments.length;
    const contiguous =
      n > 0 && this.segments[n - 1]! + (this.value.length - this.segments[n - 2]!) === source;
    if (!contiguous) this.segments.push(this.value.length, source);
    this.value += piece;
  }

  done(fallbackOffset: number): Located {
    return { value: this.value, offset: this.segments[1] ?? fallbackOffset, segments: this.segments };
  }
}

export interface Located {
  value: string;
  /** Where the first character of the value sits in the original text. */
  offset: number;
  /** Flat `[valueIndex, sourceOffset]` pairs; absent when the value is a verbatim slice. */
  segments?: number[];
}

/** Offset in the original text of character `index` of a located string. */
export function locate(located: Located, index: number): number {
  const segments = located.segments;
  if (!segments || segments.length === 0) return located.offset + index;
  let low = 0;
  let high = segments.length / 2 - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (segments[mid * 2]! <= index) low = mid;
    else high = mid - 1;
  }
  return segments[low * 2 + 1]! + (index - segments[low * 2]!);
}
