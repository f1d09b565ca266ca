/**
 * Time in tests, measured as this process's CPU time, never wall time: on a shared machine (CI,
 * parallel lanes, other jobs) wall time grows with the load average, CPU time barely does. Two
 * uses only: "finishes" guards (`within`: a super-linear regression takes far too long) and
 * linearity (`assertLinear`: 10x the input within a bounded multiple of the time). Speed itself is
 * measured by bench/, never asserted here.
 */
import * as assert from 'uvu/assert';

/** CPU time (ms, user + system, all threads) this process spent running `work`. */
function cpuMs(work: () => unknown): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Best of `runs` CPU timings (ms): one run is at the mercy of a GC pause or JIT warm-up. */
function bestOf(work: () => unknown, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, cpuMs(work));
  return best;
}

/**
 * Run `body` and fail if it took `ms` of CPU time or more. In-process work is synchronous and cannot
 * be interrupted, so this fails a run that finishes too slowly rather than one that never finishes;
 * a CLI run that hangs is killed by the spawn timeout in repo.ts (RUN_TIMEOUT_MS).
 */
export function within<T>(ms: number, body: () => T, label = 'run'): T {
  let result: T | undefined;
  const took = cpuMs(() => {
    result = body();
  });
  assert.ok(took < ms, `${label} took ${took.toFixed(0)} ms of CPU (limit ${ms} ms)`);
  return result as T;
}

/**
 * `large` does 10x the work of `small`: it must take at most `ratio` times as long. Linear work
 * lands near 10x (a bit more from a larger heap's GC); quadratic is ~100x. Interleaved rounds, best
 * of each size so far, end as soon as the bound holds; `floorMs` keeps a sub-millisecond small run
 * from turning timer noise into a ratio.
 */
export function assertLinear(
  label: string,
  small: () => unknown,
  large: () => unknown,
  { ratio = 20, floorMs = 5 } = {}
): void {
  bestOf(small, 2); // warm-up: compile before timing
  let t1 = Infinity;
  let t10 = Infinity;
  // Not Infinity: `Infinity <= Infinity` would end the rounds before the first one ran.
  let limit = -1;
  for (let round = 0; round < 6 && !(t10 <= limit); round++) {
    t1 = Math.min(t1, bestOf(small, 2));
    t10 = Math.min(t10, bestOf(large, 1));
    limit = ratio * Math.max(t1, floorMs);
  }
  assert.ok(
    t10 <= limit,
    `${label}: ${t1.toFixed(1)} ms, 10x the input: ${t10.toFixed(1)} ms of CPU (limit ${limit.toFixed(0)} ms)`
  );
}
