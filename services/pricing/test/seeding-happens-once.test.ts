import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedCatalogue } from '@emporium/demo-data';
import type { TestService } from '@emporium/platform/testing';
import type { PricingDatabase } from '../src/store/database.ts';
import { loadSeedData } from '../src/store/load-seed-data.ts';
import { startPricing } from './fixtures/start-pricing.ts';

describe('seeding', () => {
  let pricing: TestService<PricingDatabase>;
  before(async () => {
    pricing = await startPricing({ seed: false });
  });
  after(() => pricing?.close());

  const count = async (table: 'prices' | 'promotions' | 'tax_rules' | 'product_categories') =>
    Number(
      (
        await pricing.database.db
          .selectFrom(table)
          .select((s) => s.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('loads each empty part once, even when instances start at the same moment', async () => {
    const catalogue = seedCatalogue();
    const now = new Date();
    const outcomes = await Promise.all([
      loadSeedData(pricing.database.db, catalogue, now),
      loadSeedData(pricing.database.db, catalogue, now),
      loadSeedData(pricing.database.db, catalogue, now),
    ]);
    const seeded = outcomes.filter((outcome) => outcome.prices > 0);
    assert.equal(seeded.length, 1, 'one instance seeds');
    assert.equal(seeded[0]?.prices, catalogue.products.length * 3);
    assert.equal(await count('prices'), catalogue.products.length * 3);
    assert.equal(await count('product_categories'), catalogue.products.length);
    assert.equal(await count('promotions'), seeded[0]?.promotions);
    assert.equal(await count('tax_rules'), seeded[0]?.taxRules);

    const later = await loadSeedData(pricing.database.db, catalogue, new Date());
    assert.deepEqual(later, { prices: 0, productCategories: 0, promotions: 0, taxRules: 0 });
  });
});
