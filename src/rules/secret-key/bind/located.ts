/** Binding helpers over located strings: `NAME=value` inside a decoded string, env-block keys, size-safe line reading. */
import type { Candidate } from '../../types.js';
import { locate, type Located } from '../../../parse/located.js';
import { extractShell, type ShellMode } from './shell-value.js';
import { mentionsName } from './names.js';

/**
 * Python read as shell (`SECRET_KEY = config("SECRET_KEY")` in an embedded settings file or an
 * untagged code block) leaves a bare `config(` or `os.environ.get(` as the "value". A Django key
 * never contains `.`, and one made only of word characters up to a final `(` is vanishingly rare.
 */
const CODE_VALUE = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?:[([].*)?$|^[A-Za-z_]\w*[([]\)?$/;

/** Does this bare value read as a Python expression rather than a key? */
export function looksLikeCode(value: string): boolean {
  return CODE_VALUE.test(value);
}

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

/** extractShell, safe on any input size. */
export function extractShellSafe(text: string, names: readonly string[], mode: ShellMode): Candidate[] {
  return inPieces(text, (piece) => (mentionsName(piece, names) ? extractShell(piece, names, mode) : []));
}

/** `NAME=value` bindings inside a decoded string (a compose list item, a `run:` block, a JSON script). */
export function shellInString(located: Located, names: readonly string[], mode: ShellMode): Candidate[] {
  if (!mentionsName(located.value, names)) return [];
  return extractShellSafe(located.value, names, mode)
    .filter((candidate) => !looksLikeCode(candidate.value))
    .map((candidate) => ({ ...candidate, offset: locate(located, candidate.offset) }));
}

/** Parent keys whose list items are `NAME=value` environment entries rather than commands. */
const ENV_KEYS =
  /^(?:env|envs|environment|environments|environment[_-]?variables|env[_-]?vars?|variables|vars|setenv|set[_-]?env|container[_-]?env|remote[_-]?env|build[_-]?args|args?)$/i;

/** Is `key` the name of an environment block (compose `environment:`, pytest-env `env`, tox `setenv`)? */
export function isEnvKey(key: string | undefined): boolean {
  return key !== undefined && ENV_KEYS.test(key);
}
