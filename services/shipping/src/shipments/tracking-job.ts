import type { HttpServer } from '@emporium/platform/http';
import type { Logger } from '@emporium/platform/log';
import { advanceTracking, DEFAULT_SCAN_BATCH } from './advance-tracking.ts';
import type { ShipmentDeps } from './shipment-deps.ts';

/** Batches per tick at most, so one tick cannot hold the pool for long after an outage. */
const MAX_BATCHES_PER_TICK = 20;

/**
 * Runs advanceTracking every `deps.tickMs` until the server closes. Each tick waits for the
 * previous one (a timeout chain, not an interval), so a slow database never piles ticks up.
 * A failed tick is logged and the next one tries again: nothing is lost, the due rows stay due.
 */
export function startTrackingJob(
  context: { app: HttpServer; logger: Logger },
  deps: Omit<ShipmentDeps, 'newId'>,
): void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  const tick = async () => {
    try {
      for (let batches = 0; batches < MAX_BATCHES_PER_TICK; batches++) {
        const moved = await advanceTracking(deps, DEFAULT_SCAN_BATCH);
        if (moved > 0) context.logger.debug({ moved }, 'carrier scans recorded');
        if (moved < DEFAULT_SCAN_BATCH || closed) break;
      }
    } catch (error) {
      context.logger.warn({ err: error }, 'tracking tick failed; retrying next tick');
    }
  };
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined;
        schedule();
      });
    }, deps.tickMs);
  };

  schedule();
  context.app.addHook('onClose', async () => {
    closed = true;
    clearTimeout(timer);
    await running;
  });
}
