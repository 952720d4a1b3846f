import { type Kysely, sql } from 'kysely';

/** The fact store (append-only, enforced by a trigger) and the projections the reports read. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('facts')
    .addColumn('seq', 'bigserial', (column) => column.primaryKey())
    .addColumn('event_id', 'text', (column) => column.notNull().unique())
    .addColumn('type', 'text', (column) => column.notNull())
    .addColumn('source', 'text', (column) => column.notNull())
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('occurred_at', 'timestamptz', (column) => column.notNull())
    .addColumn('data', 'jsonb', (column) => column.notNull())
    .addColumn('recorded_at', 'timestamptz', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('facts_by_type').on('facts').columns(['type', 'seq']).execute();
  // Facts are history: a report that needs another shape is a new projection, never an edit.
  await sql`
    create function facts_are_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'facts are append-only: % refused', tg_op;
    end $$`.execute(db);
  await sql`
    create trigger facts_are_append_only before update or delete or truncate on facts
    for each statement execute function facts_are_append_only()`.execute(db);

  await db.schema
    .createTable('order_summaries')
    .addColumn('order_id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text')
    .addColumn('status', 'text')
    .addColumn('currency', 'text')
    .addColumn('total_minor', 'bigint')
    .addColumn('placed_at', 'timestamptz')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('paid_at', 'timestamptz')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('cancel_reason_code', 'text')
    .execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('order_id', 'text', (column) => column.notNull())
    .addColumn('sku', 'text', (column) => column.notNull())
    .addColumn('quantity', 'integer', (column) => column.notNull())
    .addColumn('line_total_minor', 'bigint', (column) => column.notNull())
    .addColumn('currency', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('order_lines_pkey', ['order_id', 'sku'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('sku', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('category_slug', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('revenue_days')
    .addColumn('day', 'date', (column) => column.notNull())
    .addColumn('currency', 'text', (column) => column.notNull())
    .addColumn('captured_minor', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('refunded_minor', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('captures', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('refunds', 'integer', (column) => column.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('revenue_days_pkey', ['day', 'currency'])
    .execute();

  await db.schema
    .createTable('outcome_counts')
    .addColumn('measure', 'text', (column) => column.notNull())
    .addColumn('key', 'text', (column) => column.notNull())
    .addColumn('detail', 'text', (column) => column.notNull())
    .addColumn('count', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('outcome_counts_pkey', ['measure', 'key', 'detail'])
    .execute();
}
