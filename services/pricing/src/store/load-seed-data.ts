import type { SeedCatalogue } from '@emporium/demo-data';
import { inTransaction } from '@emporium/platform/db';
import { type Kysely, sql } from 'kysely';
import type { PricingDatabase } from './database.ts';
import { insertPromotion } from './promotions-store.ts';
import { seedPrices } from './seed/seed-prices.ts';
import { seedPromotions } from './seed/seed-promotions.ts';
import { seedTaxRules } from './seed/seed-tax-rules.ts';
import { taxRuleRow } from './tax-rules-store.ts';

/** Seeded SKU categories are older than any catalog event, so every real change wins over them. */
const SEEDED_CATEGORIES_CHANGED_AT = new Date(0);
const ROWS_PER_INSERT = 1_000;

/** What was loaded, per part; a part is loaded only into an empty table. */
export interface SeedOutcome {
  prices: number;
  productCategories: number;
  promotions: number;
  taxRules: number;
}

/**
 * Loads the demo data into whichever of pricing's parts are empty: the price lists (EUR from
 * the catalogue, USD and GBP derived) with each SKU's category, the demo promotions, and the
 * tax rules. An advisory lock held for the transaction makes "is it empty? then insert"
 * atomic, so instances starting together seed once. Prices take effect from `now`.
 * Seeding publishes no PriceChanged events: there is no "old" price, and no consumer group
 * exists yet on a fresh platform to receive them.
 */
export function loadSeedData(
  db: Kysely<PricingDatabase>,
  catalogue: SeedCatalogue,
  now: Date,
): Promise<SeedOutcome> {
  return inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended('emporium.pricing.seed', 0))`.execute(trx);
    const { rows } = await sql<{ prices: boolean; promotions: boolean; tax_rules: boolean }>`
      select exists (select 1 from prices) as prices,
             exists (select 1 from promotions) as promotions,
             exists (select 1 from tax_rules) as tax_rules`.execute(trx);
    const existing = rows[0];
    const outcome: SeedOutcome = { prices: 0, productCategories: 0, promotions: 0, taxRules: 0 };

    if (!existing?.prices) {
      const prices = seedPrices(catalogue.products).map((price) => ({
        sku: price.sku,
        currency: price.currency,
        amount_minor: price.amountMinor,
        valid_from: now,
      }));
      for (let start = 0; start < prices.length; start += ROWS_PER_INSERT) {
        await trx
          .insertInto('prices')
          .values(prices.slice(start, start + ROWS_PER_INSERT))
          .execute();
      }
      // Categories the catalog has already told us about (a consumer ran first) stay.
      const categories = catalogue.products.map((product) => ({
        sku: product.sku,
        category_slug: product.categorySlug,
        changed_at: SEEDED_CATEGORIES_CHANGED_AT,
      }));
      for (let start = 0; start < categories.length; start += ROWS_PER_INSERT) {
        const inserted = await trx
          .insertInto('product_categories')
          .values(categories.slice(start, start + ROWS_PER_INSERT))
          .onConflict((conflict) => conflict.column('sku').doNothing())
          .executeTakeFirst();
        outcome.productCategories += Number(inserted.numInsertedOrUpdatedRows ?? 0n);
      }
      outcome.prices = prices.length;
    }
    if (!existing?.promotions) {
      const promotions = seedPromotions(now);
      for (const promotion of promotions) await insertPromotion(trx, promotion, now);
      outcome.promotions = promotions.length;
    }
    if (!existing?.tax_rules) {
      const rules = seedTaxRules();
      await trx
        .insertInto('tax_rules')
        .values(rules.map((rule) => taxRuleRow(rule, now)))
        .execute();
      outcome.taxRules = rules.length;
    }
    return outcome;
  });
}
