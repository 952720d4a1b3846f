import { type Kysely, sql } from 'kysely';
import type { CatalogDatabase } from './database.ts';
import { type ProductFilter, productMatches } from './product-filter.ts';

export interface FacetValue {
  value: string;
  count: number;
}

export interface FacetCounts {
  /** Matching products directly in each category; the caller rolls them up the tree. */
  categories: Map<number, number>;
  brands: FacetValue[];
  attributes: Record<string, FacetValue[]>;
}

export const MAX_BRAND_VALUES = 50;
export const MAX_VALUES_PER_ATTRIBUTE = 30;

/**
 * Counts for each facet over the products `filter` matches, where each dimension ignores its
 * own filter: with brand=A chosen, the brand facet still shows how many B would give, while
 * category and attribute counts respect brand=A. Counting with the value added to the request
 * gives the same number.
 */
export async function countFacets(db: Kysely<CatalogDatabase>, filter: ProductFilter): Promise<FacetCounts> {
  const categoryRows = await db
    .selectFrom('products')
    .where((eb) => productMatches(eb, filter, { kind: 'category' }))
    .select(['products.category_id', sql<number>`count(*)::int`.as('count')])
    .groupBy('products.category_id')
    .execute();

  const brands = await db
    .selectFrom('products')
    .where((eb) => productMatches(eb, filter, { kind: 'brand' }))
    .select(['products.brand as value', sql<number>`count(*)::int`.as('count')])
    .groupBy('products.brand')
    .orderBy('count', 'desc')
    .orderBy('products.brand')
    .limit(MAX_BRAND_VALUES)
    .execute();

  // Attributes nobody filters on share one query; each filtered attribute needs its own,
  // because it ignores its own filter but not the others.
  const filtered = Object.keys(filter.attributes).filter(
    (name) => (filter.attributes[name] ?? []).length > 0,
  );
  const attributeRows = await countAttributes(db, filter, { except: filtered });
  for (const name of filtered) attributeRows.push(...(await countAttributes(db, filter, { only: name })));
  const attributes: Record<string, FacetValue[]> = {};
  for (const { name, value, count } of attributeRows) {
    const values = attributes[name] ?? [];
    if (values.length < MAX_VALUES_PER_ATTRIBUTE) values.push({ value, count });
    attributes[name] = values;
  }

  return {
    categories: new Map(categoryRows.map((row) => [row.category_id, row.count])),
    brands,
    attributes: Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

interface AttributeCount {
  name: string;
  value: string;
  count: number;
}

async function countAttributes(
  db: Kysely<CatalogDatabase>,
  filter: ProductFilter,
  scope: { except: readonly string[] } | { only: string },
): Promise<AttributeCount[]> {
  let query = db
    .selectFrom([
      'products',
      sql<{ key: string; value: string }>`jsonb_each_text(products.attributes)`.as('attribute'),
    ])
    .where((eb) =>
      productMatches(eb, filter, 'only' in scope ? { kind: 'attribute', name: scope.only } : undefined),
    );
  if ('only' in scope) query = query.where('attribute.key', '=', scope.only);
  else if (scope.except.length > 0) query = query.where('attribute.key', 'not in', scope.except);
  return query
    .select(['attribute.key as name', 'attribute.value as value', sql<number>`count(*)::int`.as('count')])
    .groupBy(['attribute.key', 'attribute.value'])
    .orderBy('attribute.key')
    .orderBy('count', 'desc')
    .orderBy('attribute.value')
    .execute();
}
