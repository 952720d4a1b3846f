/** How a crashed service is restarted: quickly at first, then ever more patiently. */
export interface RestartBackoffPolicy {
  /** Delay before the first restart of a run of crashes. */
  initialMs: number;
  /** Doubling stops here. */
  maxMs: number;
  /** A process that stayed up this long had recovered; its next crash starts the schedule again. */
  resetAfterUpMs: number;
}

export const RESTART_BACKOFF: RestartBackoffPolicy = {
  initialMs: 500,
  maxMs: 30_000,
  resetAfterUpMs: 60_000,
};

export interface RestartDecision {
  /** Crashes in a row, this one included. */
  crashesInARow: number;
  delayMs: number;
}

/**
 * After a crash: how long to wait before starting the service again. Pure, so the schedule
 * (0.5 s, 1 s, 2 s, ... 30 s, 30 s, and back to 0.5 s after a minute of uptime) is testable.
 */
export function nextRestart(
  previousCrashesInARow: number,
  upForMs: number,
  policy: RestartBackoffPolicy = RESTART_BACKOFF,
): RestartDecision {
  const crashesInARow = upForMs >= policy.resetAfterUpMs ? 1 : previousCrashesInARow + 1;
  return { crashesInARow, delayMs: restartDelayMs(crashesInARow, policy) };
}

/** The wait before restart number `crashesInARow` (1-based) of a run of crashes. */
export function restartDelayMs(
  crashesInARow: number,
  policy: RestartBackoffPolicy = RESTART_BACKOFF,
): number {
  const doublings = Math.max(0, crashesInARow - 1);
  // Capping the exponent first keeps 2 ** n finite however long a service keeps crashing.
  const uncapped = policy.initialMs * 2 ** Math.min(doublings, 32);
  return Math.min(uncapped, policy.maxMs);
}
