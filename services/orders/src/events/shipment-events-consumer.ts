import { ShipmentDelivered, ShipmentDispatched } from '@emporium/contracts';
import type { Logger } from '@emporium/platform/log';
import { type EventHandler, handleEvent } from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
import { moveOrderTo } from '../orders/move-order.ts';
import type { OrderDeps } from '../orders/order-deps.ts';
import { isRefusal, refusalMessage } from '../participants/participant-errors.ts';
import type { OrdersDatabase } from '../store/database.ts';
import { appendHistory, lockOrder } from '../store/orders-store.ts';

/** Our order ids; shipping's events carry any string, and anything else is not one of ours. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The durable group orders reads shipping's events in. */
export const SHIPMENTS_GROUP = 'orders.shipments';

/**
 * What orders learns from shipping: a parcel picked up ships the order (and takes its stock
 * out of the warehouses, inventory Commit), a parcel delivered delivers it. Events about
 * orders this service does not know, about another shipment, or that are past that point already (redelivery, or
 * the two events arriving out of order), change nothing.
 */
export function shipmentEventHandlers(deps: OrderDeps, logger: Logger): EventHandler<OrdersDatabase>[] {
  const { events, participants } = deps;

  async function ship(trx: Kysely<OrdersDatabase>, orderId: string, shipmentId: string, at: Date) {
    if (!UUID.test(orderId)) return;
    const order = await lockOrder(trx, orderId);
    if (order?.status !== 'confirmed' || order.shipmentId !== shipmentId) return;
    // Inventory keys the commit by order id, so a redelivered event commits once.
    try {
      await participants.inventory.commit({ orderId });
    } catch (error) {
      if (!isRefusal(error)) throw error;
      // The goods left anyway; inventory's counts need an operator (e.g. the reservation expired).
      logger.error({ err: error, orderId }, 'stock of a shipped order could not be committed');
      await appendHistory(trx, orderId, order.status, `stock not committed: ${refusalMessage(error)}`, at);
    }
    await moveOrderTo(trx, events, orderId, 'shipped', { now: at, note: 'the carrier picked the parcel up' });
  }

  return [
    handleEvent<OrdersDatabase, typeof ShipmentDispatched>(ShipmentDispatched, async (trx, event) => {
      await ship(trx, event.data.orderId, event.data.shipmentId, new Date(event.data.dispatchedAt));
    }),
    handleEvent<OrdersDatabase, typeof ShipmentDelivered>(ShipmentDelivered, async (trx, event) => {
      const at = new Date(event.data.deliveredAt);
      await ship(trx, event.data.orderId, event.data.shipmentId, at);
      if (!UUID.test(event.data.orderId)) return;
      const order = await lockOrder(trx, event.data.orderId);
      if (order?.status !== 'shipped' || order.shipmentId !== event.data.shipmentId) return;
      await moveOrderTo(trx, events, order.id, 'delivered', { now: at, note: 'the parcel was delivered' });
    }),
  ];
}
