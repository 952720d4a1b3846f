import type { HttpServer } from '@emporium/platform/http';
import { productQueryFrom } from '../domain/search-query.ts';
import { ProductNotFound } from '../errors.ts';
import { loadCategoryTree } from '../store/categories-store.ts';
import { findProduct } from '../store/products-store.ts';
import { searchProducts } from '../store/search-store.ts';
import { ProductDetailView, ProductListQuery, ProductListView, SkuParams } from './product-schemas.ts';
import { toProductDetailView, toProductListView } from './product-view.ts';
import type { RouteOptions } from './route-options.ts';

/** What shoppers read: the product listing with search and facets, and one product. */
export function productRoutes(app: HttpServer, { db, requireAdmin }: RouteOptions): void {
  app.get(
    '/products',
    {
      schema: {
        tags: ['products'],
        summary: 'List and search products, with facet counts and cursor paging',
        description:
          'Filters combine with AND; repeated brand or attr values of one name combine with OR. ' +
          'Each facet counts over the other filters, ignoring its own, so it shows what choosing ' +
          'another value would give. Pass nextCursor as cursor, with the same other parameters, for the next page.',
        querystring: ProductListQuery,
        response: { 200: ProductListView },
      },
    },
    async (request) => {
      const { query } = request;
      if (query.includeDiscontinued) await requireAdmin(request);
      const result = await searchProducts(db, {
        query: productQueryFrom(query),
        sort: query.sort,
        cursor: query.cursor,
        limit: query.limit,
      });
      return toProductListView(result);
    },
  );

  app.get(
    '/products/:sku',
    {
      schema: {
        tags: ['products'],
        summary: 'One product with its category breadcrumb; discontinued products too',
        params: SkuParams,
        response: { 200: ProductDetailView },
      },
    },
    async (request) => {
      const product = await findProduct(db, request.params.sku);
      if (!product) throw ProductNotFound(`There is no product with SKU ${request.params.sku}`);
      return toProductDetailView(product, await loadCategoryTree(db));
    },
  );
}
