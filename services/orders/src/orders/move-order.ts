import type { Kysely } from 'kysely';
import { moveOrder, type OrderStatus } from '../domain/order-status.ts';
import type { OrderEvents } from '../events/order-events.ts';
import type { OrdersDatabase } from '../store/database.ts';
import {
  appendHistory,
  findOrder,
  lockOrder,
  type OrderChanges,
  type OrderRecord,
  updateOrder,
} from '../store/orders-store.ts';

export type OrderMove =
  | { moved: true; from: OrderStatus; order: OrderRecord }
  | { moved: false; order: OrderRecord };

/**
 * Moves an order to `to` in the caller's transaction, under the order's row lock: checks the
 * move against the state machine (IllegalOrderTransition otherwise), applies `changes`,
 * records the move in the order's history, and publishes the event that announces the new
 * status. An order already at `to` is left alone (moved: false), so every step that calls
 * this may safely run twice.
 */
export async function moveOrderTo(
  trx: Kysely<OrdersDatabase>,
  events: OrderEvents,
  orderId: string,
  to: OrderStatus,
  options: { now: Date; note?: string | null; changes?: OrderChanges },
): Promise<OrderMove> {
  const before = await lockOrder(trx, orderId);
  if (!before) throw new Error(`there is no order ${orderId}`);
  if (before.status === to) return { moved: false, order: before };
  moveOrder(before.status, to);
  const { now } = options;
  await updateOrder(trx, orderId, { ...options.changes, status: to }, now);
  await appendHistory(trx, orderId, to, options.note ?? null, now);
  const order = (await findOrder(trx, orderId)) as OrderRecord;
  switch (to) {
    case 'confirmed':
      await events.confirmed(trx, order, now);
      break;
    case 'cancelled':
      await events.cancelled(trx, order, before.status, now);
      break;
    case 'shipped':
      await events.shipped(trx, order, now);
      break;
    case 'delivered':
      await events.delivered(trx, order, now);
      break;
    case 'refunded':
      await events.refunded(trx, order, order.refundedMinor ?? 0, options.note ?? 'refunded', now);
      break;
    default:
      // pending and awaiting_payment are internal to checkout: no event announces them.
      break;
  }
  return { moved: true, from: before.status, order };
}
