/** Json extractor (placeholder implementation: loose key/value scan until the real one lands). */
import type { Candidate, Samples } from '../types.js';
import { extractLoose } from './generic.js';

export function extractJson(text: string, names: readonly string[]): Candidate[] {
  return extractLoose(text, names);
}

export const samples: Samples = { hit: [], miss: [] };
