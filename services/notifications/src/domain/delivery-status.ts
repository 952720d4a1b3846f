/** pending: waiting for (another) attempt; sent: the channel took it; failed: given up (dead-lettered); skipped: opted out. */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const MAX_DELAY_MS = 600_000;

/**
 * When a delivery that failed `attempts` times is tried again: `baseMs` doubling per attempt,
 * at most ten minutes, with "equal jitter" (half fixed, half random) so that many deliveries
 * failing together (the mail server down) do not come back in one burst. `random` is in [0, 1).
 */
export function retryDelayMs(attempts: number, baseMs: number, random: number): number {
  const ceiling = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

/** What happens after a failed attempt: retry later, or give up now. */
export function afterFailure(attempts: number, maxAttempts: number, permanent: boolean): 'retry' | 'give-up' {
  return permanent || attempts >= maxAttempts ? 'give-up' : 'retry';
}
