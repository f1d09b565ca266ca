/** Markdown and reStructuredText extractors (placeholder implementation until the real one lands). */
import type { Candidate, Samples } from '../types.js';
import type { Format } from './formats.js';
import { extractLoose } from './generic.js';

type Dispatch = (format: Format, text: string, names: readonly string[]) => Candidate[];

export function extractMarkdown(text: string, names: readonly string[], _dispatch: Dispatch): Candidate[] {
  return extractLoose(text, names);
}

export function extractRst(text: string, names: readonly string[], _dispatch: Dispatch): Candidate[] {
  return extractLoose(text, names);
}

export const samples: Samples = { hit: [], miss: [] };
