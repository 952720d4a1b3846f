import { type Kysely, sql } from 'kysely';

/**
 * Warehouses, stock per (SKU, warehouse), and reservations of stock for orders with the
 * warehouses each is taken from. The invariant that no stock is oversold lives in the
 * database itself: 0 <= reserved <= on_hand on every row, whatever code runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('warehouses')
    .addColumn('code', 'text', (column) => column.primaryKey().check(sql`code ~ '^[a-z][a-z0-9-]{1,19}$'`))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('country', 'text', (column) => column.notNull().check(sql`country ~ '^[A-Z]{2}$'`))
    .addColumn('position', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', sql`timestamptz(3)`, (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('stock')
    // "C" collation: SKUs sort by code unit, as JavaScript compares them, so every lock on
    // stock rows is taken in one order (no deadlocks) and cursors page in the order they name.
    .addColumn('sku', sql`text collate "C"`, (column) => column.notNull())
    .addColumn('warehouse', 'text', (column) =>
      column.notNull().references('warehouses.code').onDelete('restrict'),
    )
    .addColumn('on_hand', 'integer', (column) => column.notNull())
    .addColumn('reserved', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('updated_at', sql`timestamptz(3)`, (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('stock_pkey', ['sku', 'warehouse'])
    .addCheckConstraint('stock_reserved_within_on_hand', sql`reserved >= 0 and reserved <= on_hand`)
    .addCheckConstraint('stock_on_hand_in_range', sql`on_hand >= 0 and on_hand <= 100000000`)
    .execute();

  await db.schema
    .createTable('reservations')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('order_id', 'text', (column) => column.notNull().unique())
    .addColumn('status', 'text', (column) =>
      column.notNull().check(sql`status in ('reserved', 'released', 'committed', 'expired')`),
    )
    .addColumn('lines', 'jsonb', (column) => column.notNull().check(sql`jsonb_typeof(lines) = 'array'`))
    // Millisecond precision: a JavaScript Date holds the value exactly.
    .addColumn('expires_at', sql`timestamptz(3)`, (column) => column.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (column) => column.notNull())
    .addColumn('updated_at', sql`timestamptz(3)`, (column) => column.notNull())
    .execute();
  // The expiry job's scan: only reservations still holding stock, soonest first.
  await sql`create index reservations_due on reservations (expires_at) where status = 'reserved'`.execute(db);

  await db.schema
    .createTable('reservation_allocations')
    .addColumn('reservation_id', 'uuid', (column) =>
      column.notNull().references('reservations.id').onDelete('cascade'),
    )
    .addColumn('sku', sql`text collate "C"`, (column) => column.notNull())
    .addColumn('warehouse', 'text', (column) => column.notNull())
    .addColumn('quantity', 'integer', (column) => column.notNull().check(sql`quantity > 0`))
    .addPrimaryKeyConstraint('reservation_allocations_pkey', ['reservation_id', 'sku', 'warehouse'])
    .addForeignKeyConstraint('reservation_allocations_stock', ['sku', 'warehouse'], 'stock', [
      'sku',
      'warehouse',
    ])
    .execute();
}
