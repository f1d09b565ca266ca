/** Size-safe reading: line-oriented readers run over bounded pieces of a text. */
import type { Candidate } from '../../types.js';

const PIECE = 64 * 1024;
const LONG_LINE = 2048;

/**
 * Run a line-oriented reader over text in pieces of whole lines, cutting only over-long lines (at
 * a blank where possible). The shell and loose readers look back to the line start and ahead to
 * its end for every name they meet, which is quadratic on a multi-megabyte line full of names.
 */
export function inPieces(text: string, read: (piece: string) => Candidate[]): Candidate[] {
  if (text.length <= LONG_LINE) return read(text);
  const found: Candidate[] = [];
  const run = (start: number, end: number) => {
    for (const candidate of read(text.slice(start, end))) {
      found.push({
        ...candidate,
        offset: candidate.offset + start,
        ...(candidate.nameOffset === undefined ? {} : { nameOffset: candidate.nameOffset + start })
      });
    }
  };
  let pieceStart = 0;
  let pos = 0;
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline < 0 ? text.length : newline + 1;
    if (lineEnd - pos > LONG_LINE) {
      if (pos > pieceStart) run(pieceStart, pos);
      for (let cut = pos; cut < lineEnd; ) {
        let next = Math.min(lineEnd, cut + LONG_LINE);
        if (next < lineEnd) {
          const half = cut + LONG_LINE / 2;
          const blank = text.slice(half, next).lastIndexOf(' ');
          if (blank >= 0) next = half + blank + 1;
        }
        run(cut, next);
        cut = next;
      }
      pieceStart = lineEnd;
    } else if (lineEnd - pieceStart > PIECE) {
      run(pieceStart, pos);
      pieceStart = pos;
    }
    pos = lineEnd;
  }
  if (pos > pieceStart) run(pieceStart, pos);
  return found;
}
