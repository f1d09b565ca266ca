/** Samples for the Python extractor (see samples.ts for the stand-ins). */
import type { Samples } from '../types.js';

export const samples: Samples = { hit: [], miss: [] };
