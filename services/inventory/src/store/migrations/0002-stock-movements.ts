import { type Kysely, sql } from 'kysely';

/**
 * The stock ledger: every change of on hand as a row (goods received, counted, shipped with an
 * order), so that on hand can be proved rather than trusted: per (SKU, warehouse) the movements
 * sum to on hand. Stock kept before the ledger existed enters as one opening movement.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stock_movements')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('sku', sql`text collate "C"`, (column) => column.notNull())
    .addColumn('warehouse', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) =>
      column.notNull().check(sql`kind in ('opening', 'seed', 'restock', 'count', 'commit')`),
    )
    .addColumn('quantity', 'integer', (column) => column.notNull().check(sql`quantity <> 0`))
    .addColumn('reference', 'text')
    .addColumn('created_at', sql`timestamptz(3)`, (column) => column.notNull())
    .addForeignKeyConstraint('stock_movements_stock_fkey', ['sku', 'warehouse'], 'stock', [
      'sku',
      'warehouse',
    ])
    .execute();
  await db.schema
    .createIndex('stock_movements_sku_warehouse')
    .on('stock_movements')
    .columns(['sku', 'warehouse'])
    .execute();
  await sql`
    insert into stock_movements (sku, warehouse, kind, quantity, created_at)
    select sku, warehouse, 'opening', on_hand, now() from stock where on_hand <> 0
  `.execute(db);
}
