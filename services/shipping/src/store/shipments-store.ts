import { type Kysely, sql } from 'kysely';
import type { Shipment, TrackingEntry } from '../domain/shipment.ts';
import type { ShipmentCursor } from '../domain/shipment-cursor.ts';
import type { ShipmentStatus } from '../domain/shipment-status.ts';
import type { NewShipmentRow, ShipmentRow, ShippingDatabase } from './database.ts';

export function toShipment(row: ShipmentRow): Shipment {
  return {
    id: row.id,
    orderId: row.order_id,
    carrier: row.carrier,
    serviceLevel: row.service_level,
    trackingNumber: row.tracking_number,
    status: row.status,
    shipTo: {
      recipient: row.recipient,
      lines: row.address_lines,
      city: row.city,
      postalCode: row.postal_code,
      region: row.region,
      country: row.country,
    },
    zone: row.zone,
    items: row.items,
    weightGrams: row.weight_grams,
    price: { amountMinor: Number(row.price_minor), currency: row.currency },
    estimatedDaysMin: row.estimated_days_min,
    estimatedDaysMax: row.estimated_days_max,
    deliveryAttempts: row.delivery_attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The next number of the tracking serial sequence (1, 2, ...): unique across instances. */
export async function nextTrackingSequence(trx: Kysely<ShippingDatabase>): Promise<number> {
  const { rows } = await sql<{ value: string }>`select nextval('tracking_serials') as value`.execute(trx);
  return Number(rows[0]?.value);
}

export async function insertShipment(trx: Kysely<ShippingDatabase>, row: NewShipmentRow): Promise<Shipment> {
  return toShipment(await trx.insertInto('shipments').values(row).returningAll().executeTakeFirstOrThrow());
}

export async function findShipment(db: Kysely<ShippingDatabase>, id: string): Promise<Shipment | undefined> {
  const row = await db.selectFrom('shipments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toShipment(row);
}

export async function findShipmentByTrackingNumber(
  db: Kysely<ShippingDatabase>,
  trackingNumber: string,
): Promise<Shipment | undefined> {
  const row = await db
    .selectFrom('shipments')
    .selectAll()
    .where('tracking_number', '=', trackingNumber)
    .executeTakeFirst();
  return row && toShipment(row);
}

/** The shipment, locked until the transaction ends: the tracking job skips it meanwhile. */
export async function lockShipment(trx: Kysely<ShippingDatabase>, id: string): Promise<Shipment | undefined> {
  const row = await trx
    .selectFrom('shipments')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row && toShipment(row);
}

export async function moveShipment(
  trx: Kysely<ShippingDatabase>,
  id: string,
  change: { status: ShipmentStatus; deliveryAttempts: number; nextScanAt: Date | null; now: Date },
): Promise<Shipment> {
  const row = await trx
    .updateTable('shipments')
    .set({
      status: change.status,
      delivery_attempts: change.deliveryAttempts,
      next_scan_at: change.nextScanAt,
      updated_at: change.now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toShipment(row);
}

export async function appendTrackingEntry(
  trx: Kysely<ShippingDatabase>,
  shipmentId: string,
  entry: TrackingEntry,
): Promise<void> {
  await trx
    .insertInto('tracking_events')
    .values({
      shipment_id: shipmentId,
      status: entry.status,
      description: entry.description,
      location: entry.location,
      occurred_at: entry.occurredAt,
    })
    .execute();
}

/** The shipment's scans, oldest first. */
export async function timelineOf(db: Kysely<ShippingDatabase>, shipmentId: string): Promise<TrackingEntry[]> {
  const rows = await db
    .selectFrom('tracking_events')
    .select(['status', 'description', 'location', 'occurred_at'])
    .where('shipment_id', '=', shipmentId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    status: row.status,
    description: row.description,
    location: row.location,
    occurredAt: row.occurred_at,
  }));
}

export interface ShipmentListing {
  status?: ShipmentStatus | undefined;
  orderId?: string | undefined;
  after?: ShipmentCursor | undefined;
  limit: number;
}

/** Newest first, by (created_at, id), from after the cursor. */
export async function listShipments(
  db: Kysely<ShippingDatabase>,
  listing: ShipmentListing,
): Promise<Shipment[]> {
  let query = db.selectFrom('shipments').selectAll();
  if (listing.status) query = query.where('status', '=', listing.status);
  if (listing.orderId) query = query.where('order_id', '=', listing.orderId);
  const { after } = listing;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(listing.limit).execute();
  return rows.map(toShipment);
}
