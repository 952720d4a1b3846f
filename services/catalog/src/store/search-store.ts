import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type CategoryTree, depthFirst, rollUpCounts, subtreeOf } from '../domain/category-tree.ts';
import { decodeCursor, encodeCursor, type ProductPosition } from '../domain/product-cursor.ts';
import { type ProductSort, resolveSort } from '../domain/product-sort.ts';
import { type ProductQuery, queryFingerprint } from '../domain/search-query.ts';
import { CategoryNotFound } from '../errors.ts';
import { loadCategoryTree } from './categories-store.ts';
import type { CatalogDatabase } from './database.ts';
import { countFacets, type FacetValue } from './facets-store.ts';
import { type ProductFilter, productMatches, textQuery } from './product-filter.ts';
import { PRODUCT_TABLE_COLUMNS, type ProductRecord } from './products-store.ts';

export interface ProductSearchRequest {
  query: ProductQuery;
  /** As asked; resolveSort picks the default. */
  sort: ProductSort | undefined;
  cursor: string | undefined;
  limit: number;
}

export interface SearchHit extends ProductRecord {
  rank: number;
  /** HTML-escaped text with matches in <mark>; null when the request searched no text. */
  highlight_name: string | null;
  highlight_description: string | null;
}

export interface CategoryFacet {
  slug: string;
  name: string;
  parent: string | null;
  count: number;
}

export interface ProductSearchResult {
  items: SearchHit[];
  nextCursor: string | null;
  total: number;
  /** The sort applied, after defaults. */
  sort: ProductSort;
  facets: { categories: CategoryFacet[]; brands: FacetValue[]; attributes: Record<string, FacetValue[]> };
}

const MARKS = 'StartSel=<mark>, StopSel=</mark>';
const NAME_HEADLINE = `${MARKS}, HighlightAll=true`;
const DESCRIPTION_HEADLINE = `${MARKS}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * One page of a product listing with its total and facets, all read from one snapshot so the
 * counts agree with each other and with the page even while products change.
 */
export function searchProducts(
  db: Kysely<CatalogDatabase>,
  request: ProductSearchRequest,
): Promise<ProductSearchResult> {
  const { query } = request;
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const tree = await loadCategoryTree(trx);
      const text = query.text !== null && (await hasSearchTerms(trx, query.text)) ? query.text : null;
      const sort = resolveSort(request.sort, text !== null);
      const fingerprint = queryFingerprint(query, sort);
      const after = request.cursor === undefined ? null : decodeCursor(request.cursor, { sort, fingerprint });
      const filter: ProductFilter = {
        text,
        categoryIds: query.category === null ? null : categoryIdsUnder(tree, query.category),
        brands: query.brands,
        attributes: query.attributes,
        includeDiscontinued: query.includeDiscontinued,
      };

      const rows = await findPage(trx, filter, sort, after, request.limit + 1);
      const items = rows.slice(0, request.limit);
      const last = items.at(-1);
      const nextCursor =
        rows.length > request.limit && last ? encodeCursor(positionOf(last, sort), fingerprint) : null;

      const total = await countProducts(trx, filter);
      const facets = await countFacets(trx, filter);
      const categoryCounts = rollUpCounts(tree, facets.categories);
      const categories = depthFirst(tree).flatMap((category) => {
        const count = categoryCounts.get(category.id) ?? 0;
        const parent = category.parentId === null ? undefined : tree.byId.get(category.parentId);
        return count > 0
          ? [{ slug: category.slug, name: category.name, parent: parent?.slug ?? null, count }]
          : [];
      });
      return {
        items,
        nextCursor,
        total,
        sort,
        facets: { categories, brands: facets.brands, attributes: facets.attributes },
      };
    });
}

function categoryIdsUnder(tree: CategoryTree, slug: string): number[] {
  const category = tree.bySlug.get(slug);
  if (!category) throw CategoryNotFound(`There is no category '${slug}'`);
  return subtreeOf(tree, category.id).map((node) => node.id);
}

/** False for text with no lexemes ("", "the and of"): matching on it would find nothing. */
async function hasSearchTerms(db: Kysely<CatalogDatabase>, text: string): Promise<boolean> {
  const { rows } = await sql<{ searchable: boolean }>`
    select numnode(${textQuery(text)}) > 0 as searchable
  `.execute(db);
  return rows[0]?.searchable ?? false;
}

function countProducts(db: Kysely<CatalogDatabase>, filter: ProductFilter): Promise<number> {
  return db
    .selectFrom('products')
    .where((eb) => productMatches(eb, filter))
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow()
    .then((row) => row.total);
}

/**
 * The page is chosen on products alone (filter, keyset, order, limit); only its rows are then
 * joined to their categories and highlighted, since ts_headline is costly per row.
 */
async function findPage(
  db: Kysely<CatalogDatabase>,
  filter: ProductFilter,
  sort: ProductSort,
  after: ProductPosition | null,
  limit: number,
): Promise<SearchHit[]> {
  const { text } = filter;
  const rank =
    text === null ? sql<number>`0::real` : sql<number>`ts_rank_cd(products.search, ${textQuery(text)})`;
  let page = db
    .selectFrom('products')
    .where((eb) => productMatches(eb, filter))
    .select([...PRODUCT_TABLE_COLUMNS, rank.as('rank')]);

  // Keyset: rows strictly after the previous page's last row in (sort key, sku) order.
  if (after?.sort === 'name') {
    page = page.where((eb) =>
      eb(eb.refTuple('products.name', 'products.sku'), '>', eb.tuple(after.name, after.sku)),
    );
  } else if (after?.sort === 'newest') {
    page = page.where((eb) =>
      eb.or([
        eb('products.created_at', '<', after.createdAt),
        eb.and([eb('products.created_at', '=', after.createdAt), eb('products.sku', '>', after.sku)]),
      ]),
    );
  } else if (after?.sort === 'relevance') {
    // ts_rank_cd returns real; the cursor's number goes back as real so equal ranks compare equal.
    page = page.where((eb) =>
      eb.or([
        eb(rank, '<', sql<number>`${after.rank}::real`),
        eb.and([eb(rank, '=', sql<number>`${after.rank}::real`), eb('products.sku', '>', after.sku)]),
      ]),
    );
  }

  const ordered =
    sort === 'name'
      ? page.orderBy('products.name').orderBy('products.sku')
      : sort === 'newest'
        ? page.orderBy('products.created_at', 'desc').orderBy('products.sku')
        : page.orderBy('rank', 'desc').orderBy('products.sku');

  const query = text === null ? null : textQuery(text);
  const withCategories = db
    .selectFrom(ordered.limit(limit).as('page'))
    .innerJoin('categories', 'categories.id', 'page.category_id')
    .selectAll('page')
    .select([
      'categories.slug as category_slug',
      'categories.name as category_name',
      highlight(query, 'page.name', NAME_HEADLINE).as('highlight_name'),
      highlight(query, 'page.description', DESCRIPTION_HEADLINE).as('highlight_description'),
    ]);
  const final =
    sort === 'name'
      ? withCategories.orderBy('page.name').orderBy('page.sku')
      : sort === 'newest'
        ? withCategories.orderBy('page.created_at', 'desc').orderBy('page.sku')
        : withCategories.orderBy('page.rank', 'desc').orderBy('page.sku');
  return final.execute();
}

/**
 * The column's text with matches in <mark>, or null without a text query. HTML special
 * characters are escaped first, so the only markup in a highlight is the <mark> that
 * ts_headline adds (an entity is a single token to its parser, never split).
 */
function highlight(
  query: RawBuilder<unknown> | null,
  column: 'page.name' | 'page.description',
  options: string,
) {
  if (query === null) return sql<string | null>`null`;
  const escaped = sql`replace(replace(replace(replace(replace(${sql.ref(column)},
    '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')`;
  return sql<string | null>`ts_headline('english', ${escaped}, ${query}, ${options})`;
}

function positionOf(hit: SearchHit, sort: ProductSort): ProductPosition {
  switch (sort) {
    case 'name':
      return { sort, name: hit.name, sku: hit.sku };
    case 'newest':
      return { sort, createdAt: hit.created_at, sku: hit.sku };
    case 'relevance':
      return { sort, rank: hit.rank, sku: hit.sku };
  }
}
