import { inTransaction } from '@emporium/platform/db';
import type { SagaStep } from '@emporium/platform/saga';
import { moveOrderTo } from '../orders/move-order.ts';
import type { OrderDeps } from '../orders/order-deps.ts';
import { findOrder } from '../store/orders-store.ts';
import { forgetCalls } from '../store/participant-calls-store.ts';
import { CHECKOUT_STEPS, type CheckoutData } from './checkout-data.ts';

/**
 * The order itself: created (pending) by POST /checkout in the transaction that began the
 * saga, so the action has nothing left to do. Its compensation runs last, after every other
 * step is undone: the order is cancelled, with the reason the refusing step noted on it, or
 * the saga's failure when a participant kept failing, and order.cancelled is published.
 */
export function createOrderStep({ db, events, clock }: OrderDeps): SagaStep<CheckoutData> {
  return {
    name: CHECKOUT_STEPS.createOrder,
    async action({ data }) {
      if (!(await findOrder(db, data.orderId))) throw new Error(`order ${data.orderId} does not exist`);
    },
    async compensate({ sagaId, data }) {
      const order = await findOrder(db, data.orderId);
      if (!order || order.status === 'cancelled') return;
      const saga = await db.selectFrom('sagas').select('failure').where('id', '=', sagaId).executeTakeFirst();
      const code = order.cancelCode ?? 'CHECKOUT_FAILED';
      const reason = order.cancelReason ?? `checkout could not finish: ${saga?.failure ?? 'unknown failure'}`;
      await inTransaction(db, async (trx) => {
        await moveOrderTo(trx, events, data.orderId, 'cancelled', {
          now: clock(),
          note: reason,
          changes: { cancel_code: code, cancel_reason: reason },
        });
        await forgetCalls(trx, sagaId);
      });
    },
  };
}
