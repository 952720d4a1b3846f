import { createRng, hashString } from '@emporium/demo-data';

export interface SeedWarehouse {
  code: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** The demo shop's warehouses, in display order. */
export const SEED_WAREHOUSES: readonly SeedWarehouse[] = [
  { code: 'ams', name: 'Amsterdam', country: 'NL' },
  { code: 'fra', name: 'Frankfurt', country: 'DE' },
  { code: 'lyo', name: 'Lyon', country: 'FR' },
];

export interface SeedStockLevel {
  sku: string;
  warehouse: string;
  onHand: number;
}

/** Changing this reshuffles every seeded quantity. */
const STOCK_SEED = 'emporium-inventory-v1';
const OUT_OF_STOCK = 0.02;
const SCARCE = 0.05;
const SCARCE_UNITS = { min: 1, max: 3 } as const;
const PLENTIFUL_UNITS = { min: 8, max: 60 } as const;
/** Most SKUs are not kept everywhere: a warehouse skips a plentiful SKU this often. */
const NOT_KEPT_HERE = 0.2;

/**
 * Stock for every SKU in every warehouse, the same on every run: each SKU draws from its own
 * stream (seeded by its SKU), so adding a product leaves the others' stock as it was. About 2%
 * of SKUs are out of stock everywhere and 5% scarce (1 to 3 units in one warehouse); the rest
 * are plentiful, though not in every warehouse. Every (SKU, warehouse) gets a row, zero
 * included, so a restock anywhere is a plain update.
 */
export function seedStockLevels(
  skus: readonly string[],
  warehouses: readonly SeedWarehouse[],
): SeedStockLevel[] {
  const levels: SeedStockLevel[] = [];
  for (const sku of skus) {
    const rng = createRng(hashString(`${STOCK_SEED}:${sku}`));
    const kind = rng.next();
    const scarceIn = rng.int(0, warehouses.length - 1);
    const scarceUnits = rng.int(SCARCE_UNITS.min, SCARCE_UNITS.max);
    for (const [index, warehouse] of warehouses.entries()) {
      let onHand: number;
      if (kind < OUT_OF_STOCK) onHand = 0;
      else if (kind < OUT_OF_STOCK + SCARCE) onHand = index === scarceIn ? scarceUnits : 0;
      else onHand = rng.chance(NOT_KEPT_HERE) ? 0 : rng.int(PLENTIFUL_UNITS.min, PLENTIFUL_UNITS.max);
      levels.push({ sku, warehouse: warehouse.code, onHand });
    }
  }
  return levels;
}
