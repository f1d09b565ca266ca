/** Public API: the same engine the CLI uses, returning data instead of printing. */
import { scan } from './engine/index.js';
import type { RunContext, ScanResult } from './types.js';

export type { Finding, RuleId, RunContext, ScanResult, Severity } from './types.js';
export { blocks } from './engine/index.js';
export { classifyValue } from './rules/placeholder.js';
export { secretKeyRule, envFileRule } from './rules/index.js';

/** Scan what is staged in the repository at `cwd` (optionally only `paths`). */
export function scanStaged(
  context: RunContext,
  paths: readonly string[] = []
): Promise<ScanResult & { root: string }> {
  return scan({ ...context, mode: 'staged', paths });
}

/** Scan every tracked file (the index) in the repository at `cwd`. */
export function scanTracked(
  context: RunContext,
  paths: readonly string[] = []
): Promise<ScanResult & { root: string }> {
  return scan({ ...context, mode: 'all', paths });
}
export { fix, type FixOptions, type FixResult } from './remedy/fix.js';
export { keygen, rotate, type KeygenOptions, type RotateOptions, type RotateResult } from './remedy/index.js';

export { scanHistory } from './engine/index.js';
export type { HistoryFinding, HistoryResult } from './engine/index.js';
