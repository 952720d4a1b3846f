import type { Static } from '@sinclair/typebox';
import { breadcrumbOf, type CategoryTree } from '../domain/category-tree.ts';
import type { ProductRecord } from '../store/products-store.ts';
import type { ProductSearchResult } from '../store/search-store.ts';
import type { ProductDetailView, ProductListView, ProductView } from './product-schemas.ts';

export function toProductView(product: ProductRecord): Static<typeof ProductView> {
  return {
    sku: product.sku,
    name: product.name,
    description: product.description,
    brand: product.brand,
    category: { slug: product.category_slug, name: product.category_name },
    attributes: product.attributes,
    images: product.images,
    status: product.status,
    createdAt: product.created_at.toISOString(),
    updatedAt: product.updated_at.toISOString(),
  };
}

export function toProductDetailView(
  product: ProductRecord,
  tree: CategoryTree,
): Static<typeof ProductDetailView> {
  const breadcrumb = breadcrumbOf(tree, product.category_id).map(({ slug, name }) => ({ slug, name }));
  return { ...toProductView(product), breadcrumb };
}

export function toProductListView(result: ProductSearchResult): Static<typeof ProductListView> {
  return {
    items: result.items.map((hit) => {
      const view = toProductView(hit);
      if (hit.highlight_name === null || hit.highlight_description === null) return view;
      return { ...view, highlight: { name: hit.highlight_name, description: hit.highlight_description } };
    }),
    nextCursor: result.nextCursor,
    total: result.total,
    sort: result.sort,
    facets: result.facets,
  };
}
