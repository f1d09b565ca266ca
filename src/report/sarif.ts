/** SARIF 2.1.0 output (placeholder until the real one lands). */
import { UsageError } from '../errors.js';
import type { ScanResult } from '../types.js';

export function formatSarif(_result: ScanResult): string {
  throw new UsageError('--format sarif is not available yet');
}
