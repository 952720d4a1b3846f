import type { Kysely } from 'kysely';
import { type StockLevel, totalsOf } from '../domain/stock-levels.ts';
import { OnHandBelowReserved, SkuNotFound, StockLimitExceeded, WarehouseNotFound } from '../errors.ts';
import type { InventoryDatabase } from '../store/database.ts';
import { recordMovements } from '../store/stock-movements-store.ts';
import { addSkus, lockStockOf } from '../store/stock-store.ts';
import { findWarehouse } from '../store/warehouses-store.ts';
import type { InventoryDeps } from './inventory-deps.ts';
import { recordStockChanges } from './record-stock-changes.ts';

/**
 * The most a warehouse keeps of one SKU (the stock table's check constraint says the same):
 * far beyond any shop, and low enough that a SKU's total over many warehouses fits the int32
 * of InventoryService's answers.
 */
export const MAX_ON_HAND = 100_000_000;

export interface StockTarget {
  sku: string;
  warehouse: string;
}

/**
 * What admins do to stock levels, inside the caller's transaction (the idempotency record's,
 * for a call with an Idempotency-Key). Each returns every warehouse's level of the SKU after
 * the change, and publishes StockAdjusted (and StockLow on a crossing) when on hand changed.
 */

/**
 * Sets on hand to a counted level. Refused below what is reserved there (ON_HAND_BELOW_RESERVED):
 * those units are promised to orders; release them first.
 */
export async function setStockLevel(
  trx: Kysely<InventoryDatabase>,
  deps: InventoryDeps,
  target: StockTarget & { onHand: number },
): Promise<StockLevel[]> {
  const { levels, level } = await lockTarget(trx, target, deps.clock());
  if (target.onHand < level.reserved) {
    throw OnHandBelowReserved(
      `${target.sku} has ${level.reserved} reserved in ${target.warehouse}; on hand cannot go below that ` +
        `(asked ${target.onHand})`,
      { reserved: level.reserved },
    );
  }
  return adjust(trx, deps, levels, level, target.onHand - level.onHand, 'count');
}

/** Adds goods that arrived to on hand. */
export async function restock(
  trx: Kysely<InventoryDatabase>,
  deps: InventoryDeps,
  target: StockTarget & { quantity: number },
): Promise<StockLevel[]> {
  const { levels, level } = await lockTarget(trx, target, deps.clock());
  if (level.onHand + target.quantity > MAX_ON_HAND) {
    throw StockLimitExceeded(
      `${target.sku} in ${target.warehouse} would have ${level.onHand + target.quantity} on hand; ` +
        `at most ${MAX_ON_HAND} is kept`,
    );
  }
  return adjust(trx, deps, levels, level, target.quantity, 'restock');
}

async function adjust(
  trx: Kysely<InventoryDatabase>,
  deps: InventoryDeps,
  levels: StockLevel[],
  level: StockLevel,
  delta: number,
  reason: 'count' | 'restock',
): Promise<StockLevel[]> {
  if (delta === 0) return levels;
  const now = deps.clock();
  const change = { sku: level.sku, warehouse: level.warehouse, onHand: delta, reserved: 0 };
  const after = levels.map((each) => (each === level ? { ...each, onHand: each.onHand + delta } : each));
  await deps.events.adjusted(
    trx,
    {
      sku: level.sku,
      warehouse: level.warehouse,
      reason,
      onHandBefore: level.onHand,
      onHand: level.onHand + delta,
      availableBefore: totalsOf(levels).available,
      available: totalsOf(after).available,
    },
    now,
  );
  // After the adjustment's own event, so a consumer reads the cause before the consequence.
  await recordStockChanges(trx, deps, levels, [change], now);
  await recordMovements(
    trx,
    [{ sku: level.sku, warehouse: level.warehouse, kind: reason, quantity: delta }],
    now,
  );
  return after;
}

/**
 * Every level of the SKU, locked, and the one in the target warehouse. A warehouse added after
 * the SKU gets its (empty) row here.
 */
async function lockTarget(
  trx: Kysely<InventoryDatabase>,
  target: StockTarget,
  now: Date,
): Promise<{ levels: StockLevel[]; level: StockLevel }> {
  let levels = await lockStockOf(trx, [target.sku]);
  if (levels.length === 0) throw SkuNotFound(`No stock is kept for ${target.sku}`);
  if (!levels.some((level) => level.warehouse === target.warehouse)) {
    if (!(await findWarehouse(trx, target.warehouse))) {
      throw WarehouseNotFound(`There is no warehouse ${target.warehouse}`);
    }
    await addSkus(trx, [target.sku], now);
    levels = await lockStockOf(trx, [target.sku]);
  }
  const level = levels.find((each) => each.warehouse === target.warehouse);
  if (!level) throw WarehouseNotFound(`There is no warehouse ${target.warehouse}`);
  return { levels, level };
}
