import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedCatalogue } from '@emporium/demo-data';
import { SEED_WAREHOUSES, seedStockLevels } from '../src/domain/seed-stock.ts';

const skus = seedCatalogue().products.map((product) => product.sku);

describe('seed stock', () => {
  it('is the same on every run, with a row for every SKU in every warehouse', () => {
    const levels = seedStockLevels(skus, SEED_WAREHOUSES);
    assert.deepEqual(seedStockLevels(skus, SEED_WAREHOUSES), levels);
    assert.equal(levels.length, skus.length * SEED_WAREHOUSES.length);
    assert.ok(levels.every((level) => Number.isInteger(level.onHand) && level.onHand >= 0));
  });

  it('gives a SKU the same stock whatever else is seeded', () => {
    const alone = seedStockLevels([skus[10] as string], SEED_WAREHOUSES);
    const within = seedStockLevels(skus, SEED_WAREHOUSES).filter((level) => level.sku === skus[10]);
    assert.deepEqual(alone, within);
  });

  it('makes most SKUs plentiful, some scarce and a few out of stock', () => {
    const totals = new Map<string, number>();
    for (const level of seedStockLevels(skus, SEED_WAREHOUSES)) {
      totals.set(level.sku, (totals.get(level.sku) ?? 0) + level.onHand);
    }
    const counts = [...totals.values()];
    const out = counts.filter((total) => total === 0).length;
    const scarce = counts.filter((total) => total >= 1 && total <= 3).length;
    const plentiful = counts.filter((total) => total > 5).length;
    assert.ok(out >= 1 && out <= skus.length * 0.05, `out of stock: ${out}`);
    assert.ok(scarce >= skus.length * 0.02 && scarce <= skus.length * 0.1, `scarce: ${scarce}`);
    assert.ok(plentiful >= skus.length * 0.85, `plentiful: ${plentiful}`);
  });
});
