import type { Kysely } from 'kysely';
import type { Shipment } from '../domain/shipment.ts';
import type { ShippingDatabase } from './database.ts';
import { toShipment } from './shipments-store.ts';

export interface DueShipment {
  shipment: Shipment;
  carrierName: string;
  hub: { city: string; country: string };
}

/**
 * Up to `limit` shipments whose next scan is due, oldest due first, locked until the
 * transaction ends. SKIP LOCKED lets several instances run the tracking job at once: each takes
 * rows the others have not, and a shipment being cancelled is left for the next tick.
 */
export async function lockDueShipments(
  trx: Kysely<ShippingDatabase>,
  now: Date,
  limit: number,
): Promise<DueShipment[]> {
  const rows = await trx
    .selectFrom('shipments')
    .innerJoin('carriers', 'carriers.code', 'shipments.carrier')
    .selectAll('shipments')
    .select(['carriers.name as carrier_name', 'carriers.hub_city', 'carriers.hub_country'])
    .where('shipments.next_scan_at', '<=', now)
    .orderBy('shipments.next_scan_at')
    .limit(limit)
    .forUpdate('shipments')
    .skipLocked()
    .execute();
  return rows.map(({ carrier_name, hub_city, hub_country, ...row }) => ({
    shipment: toShipment(row),
    carrierName: carrier_name,
    hub: { city: hub_city, country: hub_country },
  }));
}
