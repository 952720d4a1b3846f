import { type Kysely, sql } from 'kysely';

const STATUSES = sql.raw(
  [
    "'pending'",
    "'awaiting_payment'",
    "'confirmed'",
    "'shipped'",
    "'delivered'",
    "'cancelled'",
    "'refunded'",
  ].join(', '),
);

/**
 * Carts (a user's, or a guest's reached by its id), orders with their lines and status
 * history, and the participant call log of the checkout saga.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('carts')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    // One cart per user; guests have none of their own (null), each guest cart is its own.
    .addColumn('user_id', 'text', (column) => column.unique())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  // The guest-cart pruner looks for old guest carts only.
  await sql`create index carts_guest_updated on carts (updated_at) where user_id is null`.execute(db);

  await db.schema
    .createTable('cart_lines')
    .addColumn('cart_id', 'uuid', (column) => column.notNull().references('carts.id').onDelete('cascade'))
    .addColumn('sku', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('quantity', 'integer', (column) => column.notNull().check(sql`quantity between 1 and 999`))
    .addColumn('added_at', sql`timestamptz(3)`, (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cart_lines_pkey', ['cart_id', 'sku'])
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull().check(sql`status in (${STATUSES})`))
    .addColumn('currency', 'text', (column) => column.notNull())
    .addColumn('coupon_code', 'text')
    .addColumn('ship_to', 'jsonb', (column) => column.notNull())
    .addColumn('carrier', 'text')
    .addColumn('service_level', 'text', (column) => column.notNull())
    .addColumn('subtotal_minor', 'bigint')
    .addColumn('discount_minor', 'bigint')
    .addColumn('tax_minor', 'bigint')
    .addColumn('shipping_minor', 'bigint')
    .addColumn('total_minor', 'bigint')
    .addColumn('tax_included', 'boolean')
    .addColumn('payment_id', 'text')
    .addColumn('shipment_id', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('captured_minor', 'bigint')
    .addColumn('refunded_minor', 'bigint')
    .addColumn('checkout_saga_id', 'uuid', (column) => column.notNull().unique())
    .addColumn('cancel_saga_id', 'uuid')
    .addColumn('refund_saga_id', 'uuid')
    .addColumn('cancel_code', 'text')
    .addColumn('cancel_reason', 'text')
    // Millisecond precision, so a page cursor (a JavaScript Date) compares equal to its row.
    .addColumn('placed_at', sql`timestamptz(3)`, (column) => column.notNull())
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
    .execute();
  // Keyset paging: a customer's history, and the admin listing, newest first.
  await db.schema
    .createIndex('orders_by_user')
    .on('orders')
    .columns(['user_id', 'placed_at desc', 'id desc'])
    .execute();
  await db.schema.createIndex('orders_by_time').on('orders').columns(['placed_at desc', 'id desc']).execute();
  await db.schema
    .createIndex('orders_by_status')
    .on('orders')
    .columns(['status', 'placed_at desc', 'id desc'])
    .execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('order_id', 'uuid', (column) => column.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('sku', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('quantity', 'integer', (column) => column.notNull().check(sql`quantity > 0`))
    .addColumn('unit_price_minor', 'bigint')
    .addColumn('line_total_minor', 'bigint')
    .addPrimaryKeyConstraint('order_lines_pkey', ['order_id', 'position'])
    .execute();

  await db.schema
    .createTable('order_history')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('order_id', 'uuid', (column) => column.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'timestamptz', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('order_history_by_order')
    .on('order_history')
    .columns(['order_id', 'id'])
    .execute();

  await db.schema
    .createTable('participant_calls')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('saga_id', 'uuid', (column) => column.notNull())
    .addColumn('step', 'text', (column) => column.notNull())
    .addColumn('started_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('participant_calls_by_step')
    .on('participant_calls')
    .columns(['saga_id', 'step'])
    .execute();
}
