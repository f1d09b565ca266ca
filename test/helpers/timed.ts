/**
 * Time limits for "finishes" tests. In-process work is synchronous and cannot be interrupted, so
 * `within` fails a run that finishes too slowly (a super-linear regression) rather than one that
 * never finishes; a CLI run that hangs is killed by the spawn timeout in repo.ts (RUN_TIMEOUT_MS).
 */
import * as assert from 'uvu/assert';

/** Run `body` and fail if it took `ms` or longer. Returns what `body` returned. */
export function within<T>(ms: number, body: () => T, label = 'run'): T {
  const started = performance.now();
  const result = body();
  const took = performance.now() - started;
  assert.ok(took < ms, `${label} took ${took.toFixed(0)} ms (limit ${ms} ms)`);
  return result;
}
