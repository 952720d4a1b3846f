import type { SagaStep } from '@emporium/platform/saga';
import type { OrderDeps } from '../orders/order-deps.ts';
import { isRefusal, refusalMessage } from '../participants/participant-errors.ts';
import { CHECKOUT_STEPS, type CheckoutData } from './checkout-data.ts';
import { refuseStep } from './refuse-step.ts';

/**
 * Holds the order's stock, all lines or none. Inventory keys a reservation by order id, so
 * repeating Reserve or Release is harmless, and Release of an order it never reserved for is
 * a no-op: the compensation needs no record of whether Reserve got through.
 */
export function reserveStockStep({ db, participants }: OrderDeps): SagaStep<CheckoutData> {
  const { inventory } = participants;
  return {
    name: CHECKOUT_STEPS.reserveStock,
    async action({ data, signal }) {
      try {
        const { reservation } = await inventory.reserve(
          { orderId: data.orderId, lines: data.lines, ttlSeconds: data.reservationTtlSeconds },
          { signal },
        );
        return { reservationId: reservation?.id ?? '' };
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return refuseStep(db, data.orderId, {
          code: 'OUT_OF_STOCK',
          reason: `not enough stock: ${refusalMessage(error)}`,
        });
      }
    },
    async compensate({ data, signal }) {
      await inventory.release({ orderId: data.orderId }, { signal });
    },
  };
}
