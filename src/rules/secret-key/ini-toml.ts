/** INI and TOML extractors (placeholder implementation until the real one lands). */
import type { Candidate, Samples } from '../types.js';
import { extractLoose } from './generic.js';

export function extractIni(text: string, names: readonly string[]): Candidate[] {
  return extractLoose(text, names);
}

export function extractToml(text: string, names: readonly string[]): Candidate[] {
  return extractLoose(text, names);
}

export const samples: Samples = { hit: [], miss: [] };
