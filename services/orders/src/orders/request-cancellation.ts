import type { SagaDefinition, SagaEngine, SagaTables } from '@emporium/platform/saga';
import type { Principal } from '@emporium/platform/security';
import type { Kysely } from 'kysely';
import { checkCancellable, isRefundable, type OrderStatus } from '../domain/order-status.ts';
import { OrderNotCancellable, OrderNotFound, OrderNotRefundable } from '../errors.ts';
import { idempotentCall } from '../idempotent-call.ts';
import type { OrdersDatabase } from '../store/database.ts';
import { appendHistory, lockOrder, type OrderRecord, updateOrder } from '../store/orders-store.ts';
import type { CancellationData } from './cancellation-saga.ts';
import type { RefundData } from './refund-saga.ts';

export interface OrderRequestDeps {
  db: Kysely<OrdersDatabase>;
  engine: SagaEngine;
  clock: () => Date;
}

export interface SagaStarted {
  orderId: string;
  sagaId: string;
  status: OrderStatus;
  /** false when the order was already cancelled (or refunded) and nothing was started. */
  started: boolean;
}

type Trx = Kysely<OrdersDatabase>;
const sagaDb = (trx: Trx) => trx as unknown as Kysely<SagaTables>;

/** The order if the caller may act on it: its owner, or an admin. Others learn nothing of it. */
async function lockOwnOrder(trx: Trx, orderId: string, caller: Principal): Promise<OrderRecord> {
  const order = await lockOrder(trx, orderId);
  if (!order || (order.userId !== caller.userId && !caller.roles.includes('admin'))) {
    throw OrderNotFound(`There is no order ${orderId}`);
  }
  return order;
}

/**
 * A customer (or admin) asks to cancel an order before it ships. Starting the cancellation
 * saga and recording it on the order happen in one transaction under the order's lock, so
 * two requests start one saga: the second answers the one running.
 */
export async function requestCancellation(
  deps: OrderRequestDeps & { saga: SagaDefinition<CancellationData> },
  caller: Principal,
  request: { orderId: string; reason: string | undefined; key: string | undefined },
): Promise<{ result: SagaStarted; replayed: boolean }> {
  const outcome = await idempotentCall(
    deps.db,
    {
      scope: `orders.cancel:${caller.userId}`,
      key: request.key,
      request: { orderId: request.orderId, reason: request.reason },
    },
    async (trx): Promise<SagaStarted> => {
      const order = await lockOwnOrder(trx, request.orderId, caller);
      if (order.cancelSagaId !== null) {
        return {
          orderId: order.id,
          sagaId: order.cancelSagaId,
          status: order.status,
          started: order.status !== 'cancelled',
        };
      }
      const check = checkCancellable(order.status, order.capturedMinor !== null);
      if (!check.cancellable) {
        if (check.alreadyCancelled) {
          return { orderId: order.id, sagaId: order.checkoutSagaId, status: order.status, started: false };
        }
        throw OrderNotCancellable(`Order ${order.id} cannot be cancelled: ${check.reason}`);
      }
      const reason = request.reason ?? 'cancelled at the customer’s request';
      const sagaId = await deps.engine.begin(
        deps.saga,
        { orderId: order.id, shipmentId: order.shipmentId, paymentId: order.paymentId, reason },
        { db: sagaDb(trx) },
      );
      const now = deps.clock();
      await updateOrder(trx, order.id, { cancel_saga_id: sagaId }, now);
      await appendHistory(trx, order.id, order.status, 'cancellation requested', now);
      return { orderId: order.id, sagaId, status: order.status, started: true };
    },
  );
  deps.engine.kick();
  return outcome;
}

/** An admin refunds a shipped or delivered order in full; one refund saga per order. */
export async function requestRefund(
  deps: OrderRequestDeps & { saga: SagaDefinition<RefundData> },
  caller: Principal,
  request: { orderId: string; reason: string; key: string | undefined },
): Promise<{ result: SagaStarted; replayed: boolean }> {
  const outcome = await idempotentCall(
    deps.db,
    {
      scope: `orders.refund:${caller.userId}`,
      key: request.key,
      request: { orderId: request.orderId, reason: request.reason },
    },
    async (trx): Promise<SagaStarted> => {
      const order = await lockOwnOrder(trx, request.orderId, caller);
      if (order.refundSagaId !== null) {
        return {
          orderId: order.id,
          sagaId: order.refundSagaId,
          status: order.status,
          started: order.status !== 'refunded',
        };
      }
      if (!isRefundable(order.status) || order.paymentId === null) {
        throw OrderNotRefundable(
          `Order ${order.id} is ${order.status}; only shipped or delivered orders are refunded`,
        );
      }
      const sagaId = await deps.engine.begin(
        deps.saga,
        { orderId: order.id, paymentId: order.paymentId, reason: request.reason },
        { db: sagaDb(trx) },
      );
      const now = deps.clock();
      await updateOrder(trx, order.id, { refund_saga_id: sagaId }, now);
      await appendHistory(trx, order.id, order.status, 'refund requested', now);
      return { orderId: order.id, sagaId, status: order.status, started: true };
    },
  );
  deps.engine.kick();
  return outcome;
}
