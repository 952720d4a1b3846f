import { PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { inTransaction } from '@emporium/platform/db';
import { type SagaDefinition, StepRefused } from '@emporium/platform/saga';
import { isRefusal, refusalMessage } from '../participants/participant-errors.ts';
import { releasePayment } from '../participants/release-payment.ts';
import { appendHistory, findOrder, updateOrder } from '../store/orders-store.ts';
import { moveOrderTo } from './move-order.ts';
import type { OrderDeps } from './order-deps.ts';

export const REFUND_SAGA = 'order-refund';

export interface RefundData {
  orderId: string;
  paymentId: string;
  reason: string;
  refundedMinor?: number;
}

/**
 * An admin's full refund of a shipped or delivered order (a return, a lost parcel): refund
 * what was captured (the pivot; payments may refuse), then mark the order refunded with
 * order.refunded, retrying until done.
 */
export function refundSaga(deps: OrderDeps, timeoutMs: number): SagaDefinition<RefundData> {
  const { db, participants, events, clock } = deps;
  return {
    name: REFUND_SAGA,
    timeoutMs,
    steps: [
      {
        name: 'refund-payment',
        async action({ data, idempotencyKey, signal }) {
          try {
            const release = await releasePayment(
              participants.payments,
              data.paymentId,
              idempotencyKey,
              data.reason,
              signal,
            );
            if (release.outcome === 'refunded') return { refundedMinor: Number(release.refunded) };
            // Never captured: releasing the hold charged the customer nothing.
            if (release.outcome === 'voided') return { refundedMinor: 0 };
            if (release.status === PaymentStatus.REFUNDED) {
              // Refunded already (a retry of this step after its answer was lost).
              const order = await findOrder(db, data.orderId);
              return { refundedMinor: order?.capturedMinor ?? 0 };
            }
            throw new StepRefused(
              `there is nothing to refund: the payment is ${PaymentStatus[release.status]}`,
            );
          } catch (error) {
            if (!isRefusal(error)) throw error;
            throw new StepRefused(`payments refused the refund: ${refusalMessage(error)}`);
          }
        },
        async compensate({ sagaId, data }) {
          if (data.refundedMinor !== undefined) {
            throw new Error('the money is refunded but the order could not be marked; retry once fixed');
          }
          const saga = await db
            .selectFrom('sagas')
            .select('failure')
            .where('id', '=', sagaId)
            .executeTakeFirst();
          await inTransaction(db, async (trx) => {
            const order = await findOrder(trx, data.orderId);
            if (!order || order.refundSagaId !== sagaId) return;
            const now = clock();
            await updateOrder(trx, order.id, { refund_saga_id: null }, now);
            await appendHistory(trx, order.id, order.status, `refund refused: ${saga?.failure ?? ''}`, now);
          });
        },
      },
      {
        name: 'mark-refunded',
        maxAttempts: 1000,
        isRetryable: () => true,
        async action({ data }) {
          await inTransaction(db, (trx) =>
            moveOrderTo(trx, events, data.orderId, 'refunded', {
              now: clock(),
              note: data.reason,
              changes: { refunded_minor: data.refundedMinor ?? 0 },
            }),
          );
        },
      },
    ],
  };
}
