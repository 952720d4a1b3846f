import { inTransaction } from '@emporium/platform/db';
import type { Logger } from '@emporium/platform/log';
import type { InventoryDeps } from '../stock/inventory-deps.ts';
import { lockDueReservations } from '../store/reservations-store.ts';
import { endReservations } from './end-reservations.ts';

/**
 * Expires up to `batchSize` reservations past their expiry, in one transaction: their
 * reserved stock becomes available again and StockReleased (reason expired) is published for
 * each. Returns how many. Instances running it at once take different reservations.
 */
export function expireDueReservations(deps: InventoryDeps, batchSize: number): Promise<number> {
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock();
    const due = await lockDueReservations(trx, now, batchSize);
    await endReservations(trx, deps, due, 'expired', now);
    return due.length;
  });
}

export interface ReservationExpiryJob {
  /** Expires everything due now, batch after batch; what a tick does. Returns how many. */
  runOnce(): Promise<number>;
  /** No tick starts after this; resolves when the one running (if any) has finished. */
  stop(): Promise<void>;
}

export interface ReservationExpiryOptions {
  intervalMs: number;
  batchSize: number;
  logger: Logger;
}

/**
 * The background job giving back stock of reservations nobody committed in time. Every
 * `intervalMs` (measured from the end of the previous run, so runs never overlap) it expires
 * due reservations batch after batch until none are left. A failed run (the database away) is
 * logged and tried again at the next tick.
 */
export function startReservationExpiryJob(
  deps: InventoryDeps,
  options: ReservationExpiryOptions,
): ReservationExpiryJob {
  const { intervalMs, batchSize, logger } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function expireAllDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await expireDueReservations(deps, batchSize);
      total += expired;
      if (expired < batchSize || stopped) return total;
    }
  }

  function runOnce(): Promise<number> {
    running ??= expireAllDue().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        const expired = await runOnce();
        if (expired > 0) logger.info({ expired }, 'expired reservations released');
      } catch (error) {
        logger.warn({ err: error }, 'expiring reservations failed; trying again at the next tick');
      }
      schedule();
    }, intervalMs);
    // The job alone never keeps the process alive; the server does.
    timer.unref();
  }

  schedule();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
