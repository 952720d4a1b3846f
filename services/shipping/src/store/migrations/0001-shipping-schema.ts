import { type Kysely, sql } from 'kysely';

const SERVICE_LEVEL = sql`in ('standard', 'express')`;
const ZONE = sql`in ('domestic', 'eu', 'europe', 'world')`;
const STATUS = sql`in ('label_created', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned', 'cancelled')`;

/**
 * Carriers and their rate tables (lanes: a service level in a zone; rates: a lane's weight
 * brackets, in euro cents), shipments and their tracking timeline.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('carriers')
    .addColumn('code', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('tracking_prefix', 'text', (column) =>
      column.notNull().unique().check(sql`tracking_prefix ~ '^[A-Z]{2}$'`),
    )
    .addColumn('hub_city', 'text', (column) => column.notNull())
    .addColumn('hub_country', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('carrier_lanes')
    .addColumn('carrier', 'text', (column) => column.notNull().references('carriers.code'))
    .addColumn('service_level', 'text', (column) =>
      column.notNull().check(sql`service_level ${SERVICE_LEVEL}`),
    )
    .addColumn('zone', 'text', (column) => column.notNull().check(sql`zone ${ZONE}`))
    .addColumn('estimated_days_min', 'integer', (column) =>
      column.notNull().check(sql`estimated_days_min >= 1`),
    )
    .addColumn('estimated_days_max', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('carrier_lanes_pkey', ['carrier', 'service_level', 'zone'])
    .addCheckConstraint('carrier_lanes_days_ordered', sql`estimated_days_max >= estimated_days_min`)
    .execute();

  await db.schema
    .createTable('lane_rates')
    .addColumn('carrier', 'text', (column) => column.notNull())
    .addColumn('service_level', 'text', (column) => column.notNull())
    .addColumn('zone', 'text', (column) => column.notNull())
    .addColumn('max_weight_grams', 'integer', (column) =>
      column.notNull().check(sql`max_weight_grams between 1 and 30000`),
    )
    .addColumn('price_minor', 'integer', (column) => column.notNull().check(sql`price_minor > 0`))
    .addPrimaryKeyConstraint('lane_rates_pkey', ['carrier', 'service_level', 'zone', 'max_weight_grams'])
    .addForeignKeyConstraint(
      'lane_rates_lane',
      ['carrier', 'service_level', 'zone'],
      'carrier_lanes',
      ['carrier', 'service_level', 'zone'],
      (constraint) => constraint.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('carrier_unserved_countries')
    .addColumn('carrier', 'text', (column) => column.notNull().references('carriers.code'))
    .addColumn('country', 'text', (column) => column.notNull().check(sql`country ~ '^[A-Z]{2}$'`))
    .addPrimaryKeyConstraint('carrier_unserved_countries_pkey', ['carrier', 'country'])
    .execute();

  // Tracking numbers are made from this sequence (see domain/tracking-number.ts): 8 digits.
  await sql`create sequence tracking_serials minvalue 1 maxvalue 99999999 no cycle`.execute(db);

  await db.schema
    .createTable('shipments')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('order_id', 'text', (column) => column.notNull())
    .addColumn('carrier', 'text', (column) => column.notNull().references('carriers.code'))
    .addColumn('service_level', 'text', (column) =>
      column.notNull().check(sql`service_level ${SERVICE_LEVEL}`),
    )
    .addColumn('tracking_number', 'text', (column) => column.notNull().unique())
    .addColumn('status', 'text', (column) => column.notNull().check(sql`status ${STATUS}`))
    .addColumn('recipient', 'text', (column) => column.notNull())
    .addColumn('address_lines', 'jsonb', (column) => column.notNull())
    .addColumn('city', 'text', (column) => column.notNull())
    .addColumn('postal_code', 'text', (column) => column.notNull())
    .addColumn('region', 'text', (column) => column.notNull())
    .addColumn('country', 'text', (column) => column.notNull())
    .addColumn('zone', 'text', (column) => column.notNull().check(sql`zone ${ZONE}`))
    .addColumn('items', 'jsonb', (column) => column.notNull())
    .addColumn('weight_grams', 'integer', (column) =>
      column.notNull().check(sql`weight_grams between 1 and 30000`),
    )
    .addColumn('price_minor', 'bigint', (column) => column.notNull().check(sql`price_minor >= 0`))
    .addColumn('currency', 'text', (column) => column.notNull())
    .addColumn('estimated_days_min', 'integer', (column) => column.notNull())
    .addColumn('estimated_days_max', 'integer', (column) => column.notNull())
    .addColumn('delivery_attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('next_scan_at', sql`timestamptz(3)`)
    .addColumn('created_at', sql`timestamptz(3)`, (column) => column.notNull())
    .addColumn('updated_at', sql`timestamptz(3)`, (column) => column.notNull())
    .addCheckConstraint('shipments_items_is_array', sql`jsonb_typeof(items) = 'array'`)
    .execute();
  // Admin listing: newest first, by (created_at, id) for keyset paging, optionally by status.
  await db.schema
    .createIndex('shipments_newest')
    .on('shipments')
    .columns(['created_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('shipments_by_status_newest')
    .on('shipments')
    .columns(['status', 'created_at desc', 'id desc'])
    .execute();
  await db.schema.createIndex('shipments_by_order').on('shipments').column('order_id').execute();
  // The tracking job's queue: only shipments still travelling have a next scan.
  await sql`create index shipments_due on shipments (next_scan_at) where next_scan_at is not null`.execute(
    db,
  );

  await db.schema
    .createTable('tracking_events')
    .addColumn('id', 'bigint', (column) => column.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('shipment_id', 'uuid', (column) =>
      column.notNull().references('shipments.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (column) => column.notNull().check(sql`status ${STATUS}`))
    .addColumn('description', 'text', (column) => column.notNull())
    .addColumn('location', 'text', (column) => column.notNull())
    .addColumn('occurred_at', sql`timestamptz(3)`, (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('tracking_events_timeline')
    .on('tracking_events')
    .columns(['shipment_id', 'id'])
    .execute();
}
