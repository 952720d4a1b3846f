import type { Kysely } from 'kysely';
import { lowStockCrossings, type StockChange, type StockLevel } from '../domain/stock-levels.ts';
import type { InventoryDatabase } from '../store/database.ts';
import { applyStockChanges } from '../store/stock-store.ts';
import type { InventoryDeps } from './inventory-deps.ts';

/**
 * Writes changes to stock rows the caller locked (with lockStockOf, `before` being what it
 * read), and publishes StockLow for each SKU they take into low stock, in the same transaction.
 * Every stock change goes through here, so a crossing is announced whatever caused it.
 */
export async function recordStockChanges(
  trx: Kysely<InventoryDatabase>,
  deps: Pick<InventoryDeps, 'events' | 'lowStockThreshold'>,
  before: readonly StockLevel[],
  changes: readonly StockChange[],
  now: Date,
): Promise<void> {
  await applyStockChanges(trx, changes, now);
  for (const crossing of lowStockCrossings(before, changes, deps.lowStockThreshold)) {
    await deps.events.low(trx, crossing.sku, crossing.available, now);
  }
}
