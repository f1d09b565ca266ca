/**
 * `--format json`: a stable document on stdout. Schema (version 1):
 *   { version: 1, tool: "djkey-guard", blocked: boolean,
 *     findings: [{ rule, severity: "error"|"warning", path, line, column, message,
 *                  name?, masked?, fingerprint?, ignored? }],
 *     scanned: number, skipped: { binary, large, allowed },
 *     error?: { message, missing: [{ oid, path?, commit? }], count } }
 * Values are always masked; `fingerprint` identifies a secret without revealing it. With `error`
 * the run stopped at a missing object (exit 2): `findings` are those made before it stopped.
 */
import type { RunError, ScanResult } from '../types.js';

export function formatJson(result: ScanResult, error?: RunError): string {
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
        skipped: result.skipped,
        ...(error ? { error } : {})
      },
      null,
      2
    ) + '\n'
  );
}
