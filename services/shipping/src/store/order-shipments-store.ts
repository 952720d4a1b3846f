import { type Kysely, sql } from 'kysely';
import type { Shipment } from '../domain/shipment.ts';
import type { ShippingDatabase } from './database.ts';
import { lockShipment } from './shipments-store.ts';

/**
 * Serialises the checkout work on one order (a transaction-scoped advisory lock on its id), so
 * two deliveries about the same order, on two instances, cannot both book a parcel for it.
 */
export async function lockOrderShipments(trx: Kysely<ShippingDatabase>, orderId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`shipping.order:${orderId}`}, 0))`.execute(trx);
}

/** Every shipment of an order, oldest first, each locked for the caller's transaction. */
export async function lockShipmentsOfOrder(
  trx: Kysely<ShippingDatabase>,
  orderId: string,
): Promise<Shipment[]> {
  const rows = await trx
    .selectFrom('shipments')
    .select('id')
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const shipments: Shipment[] = [];
  for (const { id } of rows) {
    const shipment = await lockShipment(trx, id);
    if (shipment) shipments.push(shipment);
  }
  return shipments;
}
