import { type Kysely, sql } from 'kysely';
import type { StockChange, StockLevel } from '../domain/stock-levels.ts';
import type { InventoryDatabase } from './database.ts';

const LEVEL_COLUMNS = ['sku', 'warehouse', 'on_hand as onHand', 'reserved'] as const;

/**
 * Every stock row of the SKUs, locked for the rest of the transaction. Every change to stock
 * goes through here first and takes ALL rows of the SKUs it touches, in (sku, warehouse)
 * order: one global order means two transactions locking overlapping SKUs wait for each other
 * instead of deadlocking, and holding every warehouse of a SKU makes its availability (the sum)
 * exact while the change is decided, so no two reservations can both take the last unit and
 * a low-stock crossing is seen exactly once. (PostgreSQL locks the rows as the sort emits them.)
 */
export function lockStockOf(db: Kysely<InventoryDatabase>, skus: readonly string[]): Promise<StockLevel[]> {
  if (skus.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('stock')
    .select(LEVEL_COLUMNS)
    .where('sku', 'in', [...skus])
    .orderBy('sku')
    .orderBy('warehouse')
    .forUpdate()
    .execute();
}

/** The stock rows of the SKUs as committed now, without locks: for reads only. */
export function readStockOf(db: Kysely<InventoryDatabase>, skus: readonly string[]): Promise<StockLevel[]> {
  if (skus.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('stock')
    .select(LEVEL_COLUMNS)
    .where('sku', 'in', [...skus])
    .orderBy('sku')
    .orderBy('warehouse')
    .execute();
}

/**
 * Applies changes to rows the caller has locked, in one statement. The table's check
 * constraint (0 <= reserved <= on_hand) is the last line of defence: a change that would break
 * it fails the whole transaction rather than oversell.
 */
export async function applyStockChanges(
  db: Kysely<InventoryDatabase>,
  changes: readonly StockChange[],
  now: Date,
): Promise<void> {
  if (changes.length === 0) return;
  // An UPDATE ... FROM changes a row once even when several rows of FROM match it, so changes
  // to the same row (several reservations expired in one batch) are summed first.
  const summed = new Map<string, StockChange>();
  for (const change of changes) {
    const key = JSON.stringify([change.sku, change.warehouse]);
    const sum = summed.get(key);
    summed.set(
      key,
      sum ? { ...sum, onHand: sum.onHand + change.onHand, reserved: sum.reserved + change.reserved } : change,
    );
  }
  const rows = [...summed.values()];
  // unnest() turns the parallel arrays into a table to join on: one UPDATE however many rows.
  await sql`
    update stock
    set on_hand = stock.on_hand + change.on_hand, reserved = stock.reserved + change.reserved, updated_at = ${now}
    from unnest(
      ${rows.map((row) => row.sku)}::text[],
      ${rows.map((row) => row.warehouse)}::text[],
      ${rows.map((row) => row.onHand)}::integer[],
      ${rows.map((row) => row.reserved)}::integer[]
    ) as change (sku, warehouse, on_hand, reserved)
    where stock.sku = change.sku and stock.warehouse = change.warehouse
  `.execute(db);
}

/** Rows of 0 on hand for the SKUs in every warehouse; rows that exist are left as they are. */
export async function addSkus(
  db: Kysely<InventoryDatabase>,
  skus: readonly string[],
  now: Date,
): Promise<number> {
  if (skus.length === 0) return 0;
  const warehouses = await db.selectFrom('warehouses').select('code').execute();
  if (warehouses.length === 0) return 0;
  const result = await db
    .insertInto('stock')
    .values(
      skus.flatMap((sku) =>
        warehouses.map(({ code }) => ({ sku, warehouse: code, on_hand: 0, reserved: 0, updated_at: now })),
      ),
    )
    .onConflict((conflict) => conflict.columns(['sku', 'warehouse']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}
