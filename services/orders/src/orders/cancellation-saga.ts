import { ShipmentStatus } from '@emporium/contracts/proto/shipping/v1/shipping_service';
import { inTransaction } from '@emporium/platform/db';
import { type SagaDefinition, type SagaStep, StepRefused } from '@emporium/platform/saga';
import { isRefusal, refusalMessage } from '../participants/participant-errors.ts';
import { releasePayment } from '../participants/release-payment.ts';
import { appendHistory, findOrder, updateOrder } from '../store/orders-store.ts';
import { moveOrderTo } from './move-order.ts';
import type { OrderDeps } from './order-deps.ts';

export const CANCELLATION_SAGA = 'order-cancellation';

export interface CancellationData {
  orderId: string;
  shipmentId: string | null;
  paymentId: string | null;
  reason: string;
  /** Set once the parcel is stopped: from then on the cancellation only goes forward. */
  shipmentCancelled?: boolean;
}

/**
 * Steps past the pivot (the shipment is cancelled) cannot be undone and must not give up:
 * they retry until they succeed or the saga's deadline passes, and only then park.
 */
const UNTIL_DONE = { maxAttempts: 1000, isRetryable: () => true };

/**
 * Cancels a confirmed order before it ships: stop the parcel (the pivot: refused once the
 * carrier has it), give the money back (void, or refund what was captured), release the
 * stock, and mark the order cancelled with order.cancelled. A refused pivot leaves the order
 * confirmed with a note saying why; a later step that keeps failing parks the saga for an
 * operator, since the parcel is already stopped.
 */
export function cancellationSaga(deps: OrderDeps, timeoutMs: number): SagaDefinition<CancellationData> {
  const { db, participants, events, clock } = deps;
  const cancelShipment: SagaStep<CancellationData> = {
    name: 'cancel-shipment',
    async action({ data, idempotencyKey, signal }) {
      if (data.shipmentId === null) return { shipmentCancelled: true };
      try {
        const { shipment } = await participants.shipping.cancelShipment(
          { idempotencyKey, shipmentId: data.shipmentId },
          { signal },
        );
        if (shipment && shipment.status !== ShipmentStatus.CANCELLED) {
          throw new StepRefused(
            `the parcel can no longer be stopped: it is ${ShipmentStatus[shipment.status]}`,
          );
        }
      } catch (error) {
        if (!isRefusal(error)) throw error;
        throw new StepRefused(`the parcel can no longer be stopped: ${refusalMessage(error)}`);
      }
      return { shipmentCancelled: true };
    },
    async compensate({ sagaId, data }) {
      if (data.shipmentCancelled) {
        throw new Error('the parcel is stopped but the rest of the cancellation failed; retry once fixed');
      }
      const saga = await db.selectFrom('sagas').select('failure').where('id', '=', sagaId).executeTakeFirst();
      await inTransaction(db, async (trx) => {
        const order = await findOrder(trx, data.orderId);
        if (!order || order.cancelSagaId !== sagaId) return;
        const now = clock();
        await updateOrder(trx, order.id, { cancel_saga_id: null }, now);
        await appendHistory(trx, order.id, order.status, `cancellation refused: ${saga?.failure ?? ''}`, now);
      });
    },
  };

  const refundPayment: SagaStep<CancellationData> = {
    name: 'release-payment',
    ...UNTIL_DONE,
    async action({ data, idempotencyKey, signal }) {
      if (data.paymentId === null) return;
      const release = await releasePayment(
        participants.payments,
        data.paymentId,
        idempotencyKey,
        data.reason,
        signal,
      );
      if (release.outcome === 'refunded') {
        await updateOrder(db, data.orderId, { refunded_minor: Number(release.refunded) }, clock());
      }
    },
  };

  const releaseStock: SagaStep<CancellationData> = {
    name: 'release-stock',
    ...UNTIL_DONE,
    async action({ data, signal }) {
      await participants.inventory.release({ orderId: data.orderId }, { signal });
    },
  };

  const markCancelled: SagaStep<CancellationData> = {
    name: 'mark-cancelled',
    ...UNTIL_DONE,
    async action({ data }) {
      await inTransaction(db, (trx) =>
        moveOrderTo(trx, events, data.orderId, 'cancelled', {
          now: clock(),
          note: data.reason,
          changes: { cancel_code: 'CANCELLED_BY_CUSTOMER', cancel_reason: data.reason },
        }),
      );
    },
  };

  return {
    name: CANCELLATION_SAGA,
    timeoutMs,
    steps: [cancelShipment, refundPayment, releaseStock, markCancelled],
  };
}
