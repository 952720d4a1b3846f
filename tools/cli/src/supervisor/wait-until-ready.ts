import { setTimeout as sleep } from 'node:timers/promises';
import { probeReady } from '../health-probe.ts';

export interface ReadinessTarget {
  name: string;
  url: string;
  /** Where it is (pid, restarting in ...), for the "still waiting" line. */
  describe(): string;
}

export interface WaitUntilReadyOptions {
  timeoutMs: number;
  /** Aborted when a stop is requested while waiting. */
  signal: AbortSignal;
  onReady(target: ReadinessTarget, elapsedMs: number): void;
  onStillWaiting(waiting: readonly ReadinessTarget[], elapsedMs: number): void;
  reportEveryMs?: number;
  intervalMs?: number;
}

/**
 * Polls every target's `/health/ready` until all answer 2xx, reporting each as it becomes
 * ready and, every `reportEveryMs`, which are still waiting. Resolves with those that never
 * became ready before the deadline (empty when all did) or before `signal` aborted.
 */
export async function waitUntilReady(
  targets: readonly ReadinessTarget[],
  options: WaitUntilReadyOptions,
): Promise<ReadinessTarget[]> {
  const { timeoutMs, signal, reportEveryMs = 10_000, intervalMs = 250 } = options;
  const started = Date.now();
  let waiting = [...targets];
  let nextReport = started + reportEveryMs;
  while (waiting.length > 0 && !signal.aborted) {
    const answers = await Promise.all(waiting.map((target) => probeReady(target.url, 2_000)));
    const elapsed = Date.now() - started;
    waiting.forEach((target, index) => {
      if (answers[index]) options.onReady(target, elapsed);
    });
    waiting = waiting.filter((_, index) => !answers[index]);
    if (waiting.length === 0 || elapsed >= timeoutMs) break;
    if (Date.now() >= nextReport) {
      options.onStillWaiting(waiting, elapsed);
      nextReport += reportEveryMs;
    }
    await sleep(intervalMs, undefined, { signal }).catch(() => {});
  }
  return waiting;
}
