import { inTransaction } from '@emporium/platform/db';
import type { HttpServer } from '@emporium/platform/http';
import type { Logger } from '@emporium/platform/log';
import { lockCheckoutOfOrder, lockDueCheckouts } from '../store/choreography-store.ts';
import { type ChoreographyDeps, cancelCheckout } from './advance-checkout.ts';
import { AWAITED, isFinished } from './choreography-stage.ts';

const BATCH = 20;

/**
 * The choreographed checkout's deadline (SAGA_TIMEOUT_MS, as the orchestrated saga's): every
 * `intervalMs`, checkouts past it are cancelled (CHECKOUT_FAILED, naming what they waited
 * for), and their orders.checkout.abandoned makes the participants undo what they did. Rows
 * another instance holds are skipped, so replicas share the work. Stops when the server closes,
 * after the pass under way.
 */
export function startCheckoutTimeoutJob(
  context: { app: HttpServer; logger: Logger },
  deps: ChoreographyDeps,
  { intervalMs, timeoutMs }: { intervalMs: number; timeoutMs: number },
): void {
  async function timeOutDue(): Promise<number> {
    return inTransaction(deps.db, async (trx) => {
      const orderIds = await lockDueCheckouts(trx, deps.clock(), BATCH);
      for (const orderId of orderIds) {
        const checkout = await lockCheckoutOfOrder(trx, orderId);
        if (!checkout || isFinished(checkout.stage)) continue;
        await cancelCheckout(trx, deps, checkout, {
          code: 'CHECKOUT_FAILED',
          reason: `checkout could not finish: no answer within ${timeoutMs} ms from ${AWAITED[checkout.stage]}`,
        });
      }
      return orderIds.length;
    });
  }

  let pass: Promise<void> | undefined;
  const tick = () => {
    if (pass) return;
    pass = (async () => {
      try {
        let cancelled = 0;
        for (let count = BATCH; count === BATCH; cancelled += count) count = await timeOutDue();
        if (cancelled > 0) context.logger.info({ cancelled }, 'choreographed checkouts timed out');
      } catch (error) {
        context.logger.warn({ err: error }, 'timing out choreographed checkouts failed');
      } finally {
        pass = undefined;
      }
    })();
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  context.app.addHook('onClose', async () => {
    clearInterval(timer);
    await pass;
  });
}
