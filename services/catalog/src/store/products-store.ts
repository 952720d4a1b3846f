import { type Kysely, type Selectable, sql } from 'kysely';
import { type CategoryTree, categorySearchTerms } from '../domain/category-tree.ts';
import type { ProductStatus } from '../domain/product.ts';
import { ProductNotFound, SkuTaken, UnknownCategory } from '../errors.ts';
import { lockCatalogue } from './catalogue-lock.ts';
import { loadCategoryTree } from './categories-store.ts';
import type { CatalogDatabase, ProductsTable } from './database.ts';

/** A product as read back, with the slug and name of its category. */
export interface ProductRecord
  extends Pick<
    Selectable<ProductsTable>,
    | 'sku'
    | 'name'
    | 'description'
    | 'brand'
    | 'attributes'
    | 'images'
    | 'status'
    | 'category_id'
    | 'created_at'
    | 'updated_at'
  > {
  category_slug: string;
  category_name: string;
}

export interface NewProduct {
  sku: string;
  name: string;
  description: string;
  /** Category slug. */
  category: string;
  brand: string;
  attributes: Record<string, string>;
  images: string[];
  status: ProductStatus;
}

/** A partial update: absent fields stay; `attributes` and `images` replace the whole value. */
export type ProductChanges = Partial<Omit<NewProduct, 'sku'>>;

/** The products table's own columns, as every product read selects them. */
export const PRODUCT_TABLE_COLUMNS = [
  'products.sku',
  'products.name',
  'products.description',
  'products.brand',
  'products.attributes',
  'products.images',
  'products.status',
  'products.category_id',
  'products.created_at',
  'products.updated_at',
] as const;

export const PRODUCT_COLUMNS = [
  ...PRODUCT_TABLE_COLUMNS,
  'categories.slug as category_slug',
  'categories.name as category_name',
] as const;

export function findProduct(db: Kysely<CatalogDatabase>, sku: string): Promise<ProductRecord | undefined> {
  return db
    .selectFrom('products')
    .innerJoin('categories', 'categories.id', 'products.category_id')
    .where('products.sku', '=', sku)
    .select(PRODUCT_COLUMNS)
    .executeTakeFirst();
}

/** The products with these SKUs, in no particular order; SKUs not held are simply absent. */
export function findProductsBySku(
  db: Kysely<CatalogDatabase>,
  skus: readonly string[],
): Promise<ProductRecord[]> {
  if (skus.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('products')
    .innerJoin('categories', 'categories.id', 'products.category_id')
    .where('products.sku', 'in', skus)
    .select(PRODUCT_COLUMNS)
    .execute();
}

/**
 * Inserts a product, inside the caller's transaction (which it makes hold the catalogue lock,
 * shared, so the category tree it reads stays as it is until commit). An existing SKU is
 * SKU_TAKEN, an unknown category UNKNOWN_CATEGORY.
 */
export async function insertProduct(trx: Kysely<CatalogDatabase>, input: NewProduct): Promise<ProductRecord> {
  await lockCatalogue(trx, 'shared');
  const tree = await loadCategoryTree(trx);
  const categoryId = categoryIdOf(tree, input.category);
  const inserted = await trx
    .insertInto('products')
    .values({
      sku: input.sku,
      name: input.name,
      description: input.description,
      category_id: categoryId,
      category_terms: categorySearchTerms(tree, categoryId),
      brand: input.brand,
      attributes: JSON.stringify(input.attributes),
      images: JSON.stringify(input.images),
      status: input.status,
    })
    // A concurrent create of the same SKU waits on the primary key and then does nothing.
    .onConflict((conflict) => conflict.column('sku').doNothing())
    .returning('sku')
    .executeTakeFirst();
  if (!inserted) throw SkuTaken(`There is already a product with SKU ${input.sku}`);
  return readBack(trx, input.sku);
}

/**
 * Reads a product and locks its row until the caller's transaction ends, so a change can be
 * compared with exactly what it replaced. The catalogue lock (shared) comes first: category
 * changes take it exclusively before they rewrite products, and taking the two in the same
 * order everywhere is what keeps them from deadlocking.
 */
export async function lockProduct(
  trx: Kysely<CatalogDatabase>,
  sku: string,
): Promise<ProductRecord | undefined> {
  await lockCatalogue(trx, 'shared');
  return trx
    .selectFrom('products')
    .innerJoin('categories', 'categories.id', 'products.category_id')
    .where('products.sku', '=', sku)
    .select(PRODUCT_COLUMNS)
    .forUpdate('products')
    .executeTakeFirst();
}

/** Applies a partial update inside the caller's transaction; PRODUCT_NOT_FOUND, UNKNOWN_CATEGORY. */
export async function updateProduct(
  trx: Kysely<CatalogDatabase>,
  sku: string,
  changes: ProductChanges,
): Promise<ProductRecord> {
  await lockCatalogue(trx, 'shared');
  let category: { category_id: number; category_terms: string } | undefined;
  if (changes.category !== undefined) {
    const tree = await loadCategoryTree(trx);
    const categoryId = categoryIdOf(tree, changes.category);
    category = { category_id: categoryId, category_terms: categorySearchTerms(tree, categoryId) };
  }
  const updated = await trx
    .updateTable('products')
    .set({
      ...category,
      name: changes.name,
      description: changes.description,
      brand: changes.brand,
      attributes: changes.attributes && JSON.stringify(changes.attributes),
      images: changes.images && JSON.stringify(changes.images),
      status: changes.status,
      updated_at: sql<Date>`now()`,
    })
    .where('sku', '=', sku)
    .returning('sku')
    .executeTakeFirst();
  if (!updated) throw ProductNotFound(`There is no product with SKU ${sku}`);
  return readBack(trx, sku);
}

function categoryIdOf(tree: CategoryTree, slug: string): number {
  const category = tree.bySlug.get(slug);
  if (!category) throw UnknownCategory(`There is no category '${slug}'`);
  return category.id;
}

async function readBack(db: Kysely<CatalogDatabase>, sku: string): Promise<ProductRecord> {
  const product = await findProduct(db, sku);
  if (!product) throw ProductNotFound(`There is no product with SKU ${sku}`);
  return product;
}
