/**
 * The last step of every structured reader: a `${NAME:-default}` value becomes its default (what
 * runs when the variable is unset), and a candidate found twice by two passes is reported once.
 */
import type { Candidate } from '../../types.js';
import { interpolationDefault } from '../../placeholder.js';

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
    const at = raw.lastIndexOf(fallback, raw.length - 1);
    const offset = verbatim && at >= 0 ? current.offset + at : current.offset;
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
