import type { Kysely } from 'kysely';
import type { StockEvents } from '../events/stock-events.ts';
import type { InventoryDatabase } from '../store/database.ts';

/** What every change to stock and reservations works with; built once in module.ts. */
export interface InventoryDeps {
  db: Kysely<InventoryDatabase>;
  events: StockEvents;
  clock: () => Date;
  /** A SKU is low when its availability over all warehouses is at or below this. */
  lowStockThreshold: number;
}
