import { hashString } from '@emporium/demo-data';
import { inTransaction } from '@emporium/platform/db';
import { type Kysely, sql } from 'kysely';
import { buildCategoryTree, type Category, categorySearchTerms } from '../domain/category-tree.ts';
import { lockCatalogue } from './catalogue-lock.ts';
import type { CatalogDatabase, NewProductRow } from './database.ts';
import type { SeedCatalogue, SeedCategory } from './seed/seed-catalogue.ts';

export type SeedOutcome =
  | { seeded: true; categories: number; products: number }
  | { seeded: false; reason: string };

/** Rows per INSERT: 1,000 products × 10 columns stays far below PostgreSQL's 65,535 parameters. */
const PRODUCTS_PER_INSERT = 1_000;
/** Seed products get creation times spread over the year before seeding, so "newest" mixes departments. */
const CREATED_WITHIN_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Loads the seed catalogue into an empty catalogue, all or nothing. The exclusive catalogue
 * lock makes "is it empty? then insert" atomic, so instances starting together seed once:
 * the first inserts, the others wait for its commit and then find products.
 * "Empty" means no products and no categories, so categories an operator made are never mixed
 * with the demo tree.
 * It writes no ProductCreated events: this is demo data, loaded on a fresh database before any
 * consumer group exists, and a group only receives what is published after it subscribes.
 */
export function loadSeedCatalogue(
  db: Kysely<CatalogDatabase>,
  catalogue: SeedCatalogue,
  now: Date,
): Promise<SeedOutcome> {
  return inTransaction(db, async (trx) => {
    await lockCatalogue(trx, 'exclusive');
    const { rows } = await sql<{ products: boolean; categories: boolean }>`
      select exists (select 1 from products) as products, exists (select 1 from categories) as categories
    `.execute(trx);
    const existing = rows[0];
    if (existing?.products) return { seeded: false, reason: 'the catalogue already has products' };
    if (existing?.categories) return { seeded: false, reason: 'the catalogue already has categories' };

    const categories = await insertCategories(trx, catalogue.categories);
    const tree = buildCategoryTree(categories);
    const rowsToInsert = catalogue.products.map((product): NewProductRow => {
      const category = tree.bySlug.get(product.categorySlug);
      if (!category)
        throw new Error(`seed product ${product.sku} names unknown category ${product.categorySlug}`);
      return {
        sku: product.sku,
        name: product.name,
        description: product.description,
        category_id: category.id,
        category_terms: categorySearchTerms(tree, category.id),
        brand: product.brand,
        attributes: JSON.stringify(product.attributes),
        images: JSON.stringify(product.images),
        created_at: new Date(now.getTime() - (hashString(product.sku) % CREATED_WITHIN_MS)),
        updated_at: now,
      };
    });
    for (let start = 0; start < rowsToInsert.length; start += PRODUCTS_PER_INSERT) {
      await trx
        .insertInto('products')
        .values(rowsToInsert.slice(start, start + PRODUCTS_PER_INSERT))
        .execute();
    }
    return { seeded: true, categories: categories.length, products: rowsToInsert.length };
  });
}

/** Level by level from the top, one INSERT per level, so every parent has its id before its children. */
async function insertCategories(
  db: Kysely<CatalogDatabase>,
  seed: readonly SeedCategory[],
): Promise<Category[]> {
  const inserted: Category[] = [];
  const idOf = new Map<string, number>();
  let pending = [...seed];
  let parentIds: ReadonlyMap<string | null, number | null> = new Map([[null, null]]);
  while (pending.length > 0) {
    const level = pending.filter((category) => parentIds.has(category.parentSlug));
    if (level.length === 0) {
      throw new Error(
        `seed categories with unknown parents: ${pending.map((category) => category.slug).join(', ')}`,
      );
    }
    const positions = new Map<string | null, number>();
    const rows = await db
      .insertInto('categories')
      .values(
        level.map((category) => {
          const position = positions.get(category.parentSlug) ?? 0;
          positions.set(category.parentSlug, position + 1);
          return {
            slug: category.slug,
            name: category.name,
            description: category.description,
            parent_id: parentIds.get(category.parentSlug) ?? null,
            position,
          };
        }),
      )
      .returning(['id', 'slug', 'name', 'description', 'parent_id as parentId', 'position'])
      .execute();
    for (const row of rows) idOf.set(row.slug, row.id);
    inserted.push(...rows);
    parentIds = new Map(rows.map((row) => [row.slug, row.id]));
    pending = pending.filter((category) => !idOf.has(category.slug));
  }
  return inserted;
}
