import { type Kysely, sql } from 'kysely';
import type { StockLevel, StockTotals } from '../domain/stock-levels.ts';
import type { InventoryDatabase } from './database.ts';

/** Totals per SKU over all warehouses, for the SKUs that have stock rows (unknown ones are absent). */
export async function stockTotalsOf(
  db: Kysely<InventoryDatabase>,
  skus: readonly string[],
): Promise<Map<string, StockTotals>> {
  if (skus.length === 0) return new Map();
  const rows = await db
    .selectFrom('stock')
    .select(['sku', sql<string>`sum(on_hand)`.as('onHand'), sql<string>`sum(reserved)`.as('reserved')])
    .where('sku', 'in', [...skus])
    .groupBy('sku')
    .execute();
  return new Map(
    rows.map((row) => {
      const onHand = Number(row.onHand);
      const reserved = Number(row.reserved);
      return [row.sku, { onHand, reserved, available: onHand - reserved }];
    }),
  );
}

export interface StockPageQuery {
  /** Start after this SKU. */
  afterSku: string | undefined;
  limit: number;
  /** Only SKUs whose availability is at or below this. */
  availableAtMost: number | undefined;
  skuPrefix: string | undefined;
}

/**
 * One page of SKUs in SKU order with every warehouse's level, one row more than `limit` when
 * another page follows. Keyset paging on the primary key (sku, warehouse), so a page costs the
 * same wherever it starts.
 */
export async function listStock(
  db: Kysely<InventoryDatabase>,
  query: StockPageQuery,
): Promise<{ sku: string; levels: StockLevel[] }[]> {
  let skus = db
    .selectFrom('stock')
    .select('sku')
    .groupBy('sku')
    .orderBy('sku')
    .limit(query.limit + 1);
  if (query.afterSku !== undefined) skus = skus.where('sku', '>', query.afterSku);
  if (query.skuPrefix !== undefined) {
    // Prefixes are SKU characters only (letters, digits, dashes): nothing for LIKE to read as a wildcard.
    skus = skus.where('sku', 'like', `${query.skuPrefix}%`);
  }
  if (query.availableAtMost !== undefined) {
    skus = skus.having(sql<number>`sum(on_hand) - sum(reserved)`, '<=', query.availableAtMost);
  }
  const page = (await skus.execute()).map((row) => row.sku);
  if (page.length === 0) return [];
  const levels = await db
    .selectFrom('stock')
    .select(['sku', 'warehouse', 'on_hand as onHand', 'reserved'])
    .where('sku', 'in', page)
    .orderBy('sku')
    .orderBy('warehouse')
    .execute();
  return page.map((sku) => ({ sku, levels: levels.filter((level) => level.sku === sku) }));
}
