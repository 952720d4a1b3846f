import { type Kysely, sql } from 'kysely';

/**
 * Checkout by choreography (CHECKOUT_STYLE=choreography): what orders knows of each such
 * checkout (the stage it waits in, the participants' answers so far, its deadline) and the
 * events it saw and sent, oldest first, for operators.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('choreographed_checkouts')
    // The id POST /checkout answers as sagaId (orders.checkout_saga_id).
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('order_id', 'uuid', (column) => column.notNull().unique())
    .addColumn('stage', 'text', (column) => column.notNull())
    .addColumn('request', 'jsonb', (column) => column.notNull())
    // payments' single-use token: kept only until payments has answered the authorisation.
    .addColumn('card_token', 'text')
    .addColumn('stock_reserved', 'boolean', (column) => column.notNull().defaultTo(false))
    .addColumn('quote', 'jsonb')
    .addColumn('rate', 'jsonb')
    .addColumn('payment_id', 'text')
    .addColumn('shipment_id', 'text')
    .addColumn('deadline_at', 'timestamptz', (column) => column.notNull())
    .addColumn('started_at', 'timestamptz', (column) => column.notNull())
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
    .execute();
  // The timeout job looks only at unfinished checkouts.
  await sql`create index choreographed_checkouts_due on choreographed_checkouts (deadline_at)
    where stage not in ('completed', 'cancelled')`.execute(db);

  await db.schema
    .createTable('choreography_events')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('checkout_id', 'uuid', (column) =>
      column.notNull().references('choreographed_checkouts.id').onDelete('cascade'),
    )
    .addColumn('direction', 'text', (column) =>
      column.notNull().check(sql`direction in ('received', 'sent')`),
    )
    .addColumn('type', 'text', (column) => column.notNull())
    .addColumn('event_id', 'text', (column) => column.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'timestamptz', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('choreography_events_by_checkout')
    .on('choreography_events')
    .columns(['checkout_id', 'id'])
    .execute();
}
