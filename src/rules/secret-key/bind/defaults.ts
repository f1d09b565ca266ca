/**
 * Text that is not code but may hold a key: comment lines of config formats (a commented-out key
 * is still published) and Markdown prose. Only clear assignments count there, so sentences that
 * merely name SECRET_KEY ("SECRET_KEY: required, read from the environment") stay quiet.
 */
import type { Candidate } from '../../types.js';
import { interpolationDefault } from '../../placeholder.js';
import { inPieces } from './located.js';
import { isName, nameRegex } from './names.js';
import { looksKeyLike, readBare, readQuoted, skipBlanks } from './values.js';

const SEPARATOR = /^(?:=>|:=|\?=|=(?!=\s|=$)|:(?!:))/; // `==` only as a comparison (`==` + blank); `NAME==x` is a key starting with `=`
const BARE_STOP = /[\s,;'"`<>\]}]/;
const WRAPPERS = /^(?:\*\*|__|[`'"*_])/;

/**
 * `NAME = value` / `NAME: value` on one line of loose text (`start`..`end` of `text`). Quoted values
 * count when they are one word; bare values after `=` when they end the line or look like a key;
 * bare values after `:` (the shape of prose and of YAML documentation) only when they look like a key.
 */
export function extractLooseLine(
  text: string,
  start: number,
  end: number,
  names: readonly string[],
  prose = false
): Candidate[] {
  const line = text.slice(start, end);
  // Each name reads ahead to its value's end: cut a huge line so that stays bounded.
  if (line.length > 2048) {
    return inPieces(line, (piece) => readLine(piece, names, prose)).map((candidate) => ({
      ...candidate,
      offset: candidate.offset + start
    }));
  }
  return readLine(line, names, prose).map((candidate) => ({
    ...candidate,
    offset: candidate.offset + start
  }));
}

function readLine(line: string, names: readonly string[], prose: boolean): Candidate[] {
  const found: Candidate[] = [];
  const start = 0;
  const regex = nameRegex(names);
  for (let match = regex.exec(line); match; match = regex.exec(line)) {
    const before = line[match.index - 1] ?? '';
    if (('${%.[/\\'.includes(before) && before !== '') || !isName(match[0], names)) continue;
    let pos = match.index + match[0].length;
    const wrapper = WRAPPERS.exec(line.slice(pos, pos + 2));
    if (wrapper && line.slice(match.index - wrapper[0].length, match.index) === wrapper[0])
      pos += wrapper[0].length;
    pos = skipBlanks(line, pos);
    const separator = SEPARATOR.exec(line.slice(pos, pos + 3));
    if (!separator) continue;
    pos = skipBlanks(line, pos + separator[0].length);
    const quoted = readQuoted(line, pos) ?? readBacktick(line, pos);
    if (quoted) {
      if (!/\s/.test(quoted.value) && (!prose || looksKeyLike(quoted.value) || quoted.value === '')) {
        found.push({ name: match[0], value: quoted.value, offset: start + quoted.offset, form: 'assign' });
      }
      continue;
    }
    const bare = readBare(line, pos, BARE_STOP);
    if (bare.value === '') continue;
    const endsLine = /^\s*$/.test(line.slice(bare.end));
    if (looksKeyLike(bare.value) || (!prose && separator[0] !== ':' && endsLine)) {
      found.push({ name: match[0], value: bare.value, offset: start + bare.offset, form: 'assign' });
    }
  }
  return found;
}

function readBacktick(line: string, pos: number) {
  if (line[pos] !== '`') return null;
  const close = line.indexOf('`', pos + 1);
  return close < 0
    ? null
    : { value: line.slice(pos + 1, close), offset: pos + 1, end: close + 1, quoted: true };
}

/**
 * Compose/shell `${NAME:-default}`: the default is what runs when the variable is unset, so report
 * it (with its own position and fingerprint) as a fallback. Other values pass through unchanged.
 */
export function refineDefault(candidate: Candidate, text: string): Candidate {
  let current = candidate;
  for (let depth = 0; depth < 8; depth++) {
    const raw = current.value;
    const fallback = interpolationDefault(raw);
    if (fallback === undefined || raw.trim() !== raw) return current;
    const verbatim = text.startsWith(raw, current.offset);
    const offset = verbatim ? current.offset + Math.max(0, raw.lastIndexOf(fallback)) : current.offset;
    current = { ...current, value: fallback, offset, form: 'fallback' };
  }
  return current;
}

/** Drop candidates found twice (two passes over the same text), keeping the first. */
export function dedupe(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const key = `${candidate.offset}\0${candidate.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Refine defaults and dedupe: the last step of every structured extractor. */
export function finish(candidates: Candidate[], text: string): Candidate[] {
  return dedupe(candidates.map((candidate) => refineDefault(candidate, text)));
}
