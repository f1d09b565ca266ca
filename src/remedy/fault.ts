/**
 * Fault injection for the transaction tests: `DJKEY_GUARD_FAULT=<step>:kill` kills the process
 * (kill -9) at that step, `<step>:throw` fails there. Read from the process environment on purpose:
 * it is a test seam, not an option, and does nothing unless set.
 */
export function fault(step: string): void {
  const spec = process.env.DJKEY_GUARD_FAULT;
  if (!spec) return;
  const [at, how] = spec.split(':');
  if (at !== step) return;
  if (how === 'kill') process.kill(process.pid, 'SIGKILL');
  throw new Error(`injected failure at ${step}`);
}
