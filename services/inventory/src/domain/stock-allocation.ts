import type { ReservationLine } from './reservation-lines.ts';
import { availableOf, type StockLevel } from './stock-levels.ts';

/** How much of one line is taken from one warehouse. */
export interface Allocation {
  sku: string;
  warehouse: string;
  quantity: number;
}

/** A line that cannot be reserved: what is available over all warehouses, and what was asked. */
export interface Shortage {
  sku: string;
  available: number;
  requested: number;
}

export type AllocationOutcome =
  | { allocated: true; allocations: Allocation[] }
  | { allocated: false; shortages: Shortage[] };

/**
 * Takes every line from the warehouses holding its SKU, or reports every line that is short:
 * all or nothing. Each line is filled greedily from the warehouse with the most available
 * first (the warehouse code breaks ties), which keeps a line in as few warehouses, and so as
 * few parcels, as possible; the result is the same for the same stock, whatever the order of
 * `levels`. Pure: the caller holds the locks that keep `levels` true while it writes the result.
 */
export function allocateLines(
  lines: readonly ReservationLine[],
  levels: readonly StockLevel[],
): AllocationOutcome {
  const allocations: Allocation[] = [];
  const shortages: Shortage[] = [];
  for (const line of lines) {
    const candidates = levels
      .filter((level) => level.sku === line.sku && availableOf(level) > 0)
      .sort((a, b) => availableOf(b) - availableOf(a) || (a.warehouse < b.warehouse ? -1 : 1));
    const available = candidates.reduce((sum, level) => sum + availableOf(level), 0);
    if (available < line.quantity) {
      shortages.push({ sku: line.sku, available, requested: line.quantity });
      continue;
    }
    let remaining = line.quantity;
    for (const level of candidates) {
      if (remaining === 0) break;
      const quantity = Math.min(remaining, availableOf(level));
      allocations.push({ sku: line.sku, warehouse: level.warehouse, quantity });
      remaining -= quantity;
    }
  }
  return shortages.length > 0 ? { allocated: false, shortages } : { allocated: true, allocations };
}

/** "ELEC-HEAD-0001: 2 available, 3 asked; HOME-LAMP-0002: 0 available, 1 asked". */
export function describeShortages(shortages: readonly Shortage[]): string {
  return shortages
    .map((shortage) => `${shortage.sku}: ${shortage.available} available, ${shortage.requested} asked`)
    .join('; ');
}
