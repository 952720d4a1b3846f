/** One SKU's stock in one warehouse. `reserved` is held for orders and cannot be reserved again. */
export interface StockLevel {
  sku: string;
  warehouse: string;
  onHand: number;
  reserved: number;
}

export interface StockTotals {
  onHand: number;
  reserved: number;
  /** On hand minus reserved: what can be reserved now. */
  available: number;
}

/** A change to one SKU's stock in one warehouse: amounts added (negative to take away). */
export interface StockChange {
  sku: string;
  warehouse: string;
  onHand: number;
  reserved: number;
}

export type StockStatus = 'in_stock' | 'low_stock' | 'out_of_stock';

export function availableOf(level: Pick<StockLevel, 'onHand' | 'reserved'>): number {
  return level.onHand - level.reserved;
}

/** A SKU's totals over the levels given (all of its warehouses, for a SKU-wide figure). */
export function totalsOf(levels: readonly Pick<StockLevel, 'onHand' | 'reserved'>[]): StockTotals {
  let onHand = 0;
  let reserved = 0;
  for (const level of levels) {
    onHand += level.onHand;
    reserved += level.reserved;
  }
  return { onHand, reserved, available: onHand - reserved };
}

/** How a shopper sees a SKU's availability. */
export function stockStatus(available: number, lowStockThreshold: number): StockStatus {
  if (available <= 0) return 'out_of_stock';
  return available <= lowStockThreshold ? 'low_stock' : 'in_stock';
}

/**
 * Whether a change of a SKU's availability from `before` to `after` crossed into low stock:
 * from above the threshold to at or below it. Only the crossing counts, so a SKU already low
 * that goes lower raises nothing, and one that recovers above the threshold and falls again
 * raises it again.
 */
export function crossedIntoLowStock(before: number, after: number, threshold: number): boolean {
  return before > threshold && after <= threshold;
}

/**
 * The SKUs whose availability `changes` take into low stock, given every stock row of the SKUs
 * they touch as it was before (all warehouses: availability is SKU-wide), with their
 * availability after.
 */
export function lowStockCrossings(
  before: readonly StockLevel[],
  changes: readonly StockChange[],
  threshold: number,
): { sku: string; available: number }[] {
  const crossings: { sku: string; available: number }[] = [];
  for (const sku of new Set(changes.map((change) => change.sku))) {
    const availableBefore = totalsOf(before.filter((level) => level.sku === sku)).available;
    const delta = changes
      .filter((change) => change.sku === sku)
      .reduce((sum, change) => sum + change.onHand - change.reserved, 0);
    const availableAfter = availableBefore + delta;
    if (crossedIntoLowStock(availableBefore, availableAfter, threshold)) {
      crossings.push({ sku, available: availableAfter });
    }
  }
  return crossings;
}
