import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { CatalogDatabase } from './database.ts';

/** Which products a listing covers, resolved against the database (category ids, searchable text). */
export interface ProductFilter {
  /** Text with at least one lexeme for websearch_to_tsquery, or null. */
  text: string | null;
  /** The requested category and all its descendants, or null for every category. */
  categoryIds: readonly number[] | null;
  brands: readonly string[];
  attributes: Readonly<Record<string, readonly string[]>>;
  includeDiscontinued: boolean;
}

/** A filter a facet leaves out, so it counts what choosing another value would give. */
export type FilterDimension = { kind: 'category' } | { kind: 'brand' } | { kind: 'attribute'; name: string };

/** The parsed text query; websearch_to_tsquery accepts any input and never raises a syntax error. */
export function textQuery(text: string) {
  return sql`websearch_to_tsquery('english', ${text})`;
}

/** The WHERE condition for `filter`, optionally without one dimension's own filter. */
export function productMatches(
  eb: ExpressionBuilder<CatalogDatabase, 'products'>,
  filter: ProductFilter,
  ignoring?: FilterDimension,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (!filter.includeDiscontinued) conditions.push(eb('products.status', '=', 'active'));
  if (filter.text !== null) conditions.push(sql<SqlBool>`products.search @@ ${textQuery(filter.text)}`);
  if (filter.categoryIds !== null && ignoring?.kind !== 'category') {
    conditions.push(eb('products.category_id', 'in', filter.categoryIds));
  }
  if (filter.brands.length > 0 && ignoring?.kind !== 'brand') {
    conditions.push(eb('products.brand', 'in', filter.brands));
  }
  for (const [name, values] of Object.entries(filter.attributes)) {
    if (values.length === 0 || (ignoring?.kind === 'attribute' && ignoring.name === name)) continue;
    // One containment test per value keeps each one answerable by the jsonb_path_ops index.
    conditions.push(
      eb.or(
        values.map(
          (value) => sql<SqlBool>`products.attributes @> ${JSON.stringify({ [name]: value })}::jsonb`,
        ),
      ),
    );
  }
  return eb.and(conditions);
}
