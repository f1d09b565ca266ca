/**
 * `--format json`: a stable document on stdout. Schema (version 1):
 *   { version: 1, tool: "djkey-guard", blocked: boolean,
 *     findings: [{ rule, severity: "error"|"warning", path, line, column, message,
 *                  name?, masked?, fingerprint?, ignored? }],
 *     scanned: number, skipped: { binary, large, allowed } }
 * Values are always masked; `fingerprint` identifies a secret without revealing it.
 */
import type { ScanResult } from '../types.js';

export function formatJson(result: ScanResult): string {
  const findings = result.findings.map(({ snippet: _snippet, inTestCode: _test, ...finding }) => finding);
  const blocked = result.findings.some((f) => f.severity === 'error');
  return (
    JSON.stringify(
      {
        version: 1,
        tool: 'djkey-guard',
        blocked,
        findings,
        scanned: result.scanned,
        skipped: result.skipped
      },
      null,
      2
    ) + '\n'
  );
}
