import { inTransaction } from '@emporium/platform/db';
import type { SagaStep } from '@emporium/platform/saga';
import { moveOrderTo } from '../orders/move-order.ts';
import type { OrderDeps } from '../orders/order-deps.ts';
import { CHECKOUT_STEPS, type CheckoutData } from './checkout-data.ts';

/**
 * The order is confirmed, and order.confirmed written to the outbox, in one transaction. No
 * compensation of its own: should capture fail after it, create-order's compensation cancels
 * the confirmed order (the state machine allows it) once the rest is undone.
 */
export function confirmOrderStep({ db, events, clock }: OrderDeps): SagaStep<CheckoutData> {
  return {
    name: CHECKOUT_STEPS.confirmOrder,
    async action({ data }) {
      await inTransaction(db, (trx) =>
        moveOrderTo(trx, events, data.orderId, 'confirmed', {
          now: clock(),
          note: 'stock reserved, payment authorised, shipment booked',
        }),
      );
    },
  };
}
