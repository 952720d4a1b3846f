export interface CallsResult {
  calls: number;
  errors: number;
  seconds: number;
  /** CPU time this process spent over the run (user and system, every thread). */
  cpuSeconds: number;
  /** Each completed call's latency, in completion order. */
  latenciesMs: number[];
  /** The first error thrown, to say why a run failed. */
  firstError: unknown;
}

/**
 * Closed-loop load: `concurrency` callers each start the next call as soon as the last one
 * settled, for `seconds`. A call that throws counts as an error, and the caller goes on.
 */
export async function closedLoopCalls(
  call: () => Promise<void>,
  { concurrency, seconds }: { concurrency: number; seconds: number },
): Promise<CallsResult> {
  const deadline = performance.now() + seconds * 1000;
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const caller = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        await call();
        latenciesMs.push(performance.now() - started);
      } catch (error) {
        errors++;
        firstError ??= error;
      }
    }
  };
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, caller));
  const cpu = process.cpuUsage(cpuBefore);
  const elapsed = (performance.now() - started) / 1000;
  return {
    calls: latenciesMs.length,
    errors,
    seconds: elapsed,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    latenciesMs,
    firstError,
  };
}
