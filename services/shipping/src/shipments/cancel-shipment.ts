import type { Kysely } from 'kysely';
import type { Shipment, TrackingEntry } from '../domain/shipment.ts';
import { assertMove, isCancellable } from '../domain/shipment-status.ts';
import { WAREHOUSE } from '../domain/shipping-zones.ts';
import { ShipmentNotCancellable, ShipmentNotFound } from '../errors.ts';
import type { ShippingDatabase } from '../store/database.ts';
import { appendTrackingEntry, lockShipment, moveShipment } from '../store/shipments-store.ts';
import type { ShipmentDeps } from './shipment-deps.ts';

/**
 * Cancels a shipment whose parcel is still at the warehouse, in the caller's transaction, and
 * publishes ShipmentCancelled. Cancelling a cancelled shipment changes nothing and answers it
 * as it is. The row lock orders this against the tracking job: whichever commits first wins,
 * and the other sees its result (the job skips a locked row until its next tick).
 */
export async function cancelShipment(
  trx: Kysely<ShippingDatabase>,
  deps: Pick<ShipmentDeps, 'events' | 'clock'>,
  shipmentId: string,
): Promise<Shipment> {
  const shipment = await lockShipment(trx, shipmentId);
  if (!shipment) throw ShipmentNotFound(`There is no shipment ${shipmentId}`);
  if (shipment.status === 'cancelled') return shipment;
  if (!isCancellable(shipment.status)) {
    throw ShipmentNotCancellable(
      `Shipment ${shipmentId} is ${shipment.status.replaceAll('_', ' ')}: only a parcel not yet picked up can be cancelled`,
    );
  }
  assertMove(shipment.status, 'cancelled');
  const now = deps.clock();
  const cancelled = await moveShipment(trx, shipmentId, {
    status: 'cancelled',
    deliveryAttempts: shipment.deliveryAttempts,
    nextScanAt: null,
    now,
  });
  const entry: TrackingEntry = {
    status: 'cancelled',
    description: 'Shipment cancelled before pickup',
    location: `${WAREHOUSE.city}, ${WAREHOUSE.country}`,
    occurredAt: now,
  };
  await appendTrackingEntry(trx, shipmentId, entry);
  await deps.events.cancelled(trx, cancelled, now);
  return cancelled;
}
