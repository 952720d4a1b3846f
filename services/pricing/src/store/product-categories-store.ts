import type { Kysely } from 'kysely';
import type { PricingDatabase } from './database.ts';

/** The category of each of `skus` that pricing knows; unknown SKUs are absent. */
export async function categoriesOf(
  db: Kysely<PricingDatabase>,
  skus: readonly string[],
): Promise<Map<string, string>> {
  if (skus.length === 0) return new Map();
  const rows = await db
    .selectFrom('product_categories')
    .select(['sku', 'category_slug'])
    .where('sku', 'in', skus)
    .execute();
  return new Map(rows.map((row) => [row.sku, row.category_slug]));
}

export interface ProductCategory {
  sku: string;
  categorySlug: string;
  /** When the catalog made the change. */
  changedAt: Date;
}

/**
 * Records a SKU's category unless what is recorded is newer: events of one SKU arrive in
 * order on either bus, but a replayed dead letter may be older than what came since.
 */
export async function recordProductCategory(
  db: Kysely<PricingDatabase>,
  product: ProductCategory,
): Promise<void> {
  await db
    .insertInto('product_categories')
    .values({ sku: product.sku, category_slug: product.categorySlug, changed_at: product.changedAt })
    .onConflict((conflict) =>
      conflict
        .column('sku')
        .doUpdateSet((update) => ({
          category_slug: update.ref('excluded.category_slug'),
          changed_at: update.ref('excluded.changed_at'),
        }))
        .where('product_categories.changed_at', '<=', product.changedAt),
    )
    .execute();
}
