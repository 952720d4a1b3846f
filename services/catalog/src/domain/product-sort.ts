/**
 * The orders a product listing can come in. Every order ends with the SKU, so two products
 * with the same name, time or rank still have a fixed place and keyset paging never skips
 * or repeats one.
 */
export const PRODUCT_SORTS = ['relevance', 'name', 'newest'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/**
 * Relevance is the default when there is text to rank by, and meaningless without it (every
 * product would rank 0), so without text a request for it falls back to name order.
 */
export function resolveSort(requested: ProductSort | undefined, hasText: boolean): ProductSort {
  if (requested === undefined) return hasText ? 'relevance' : 'name';
  if (requested === 'relevance' && !hasText) return 'name';
  return requested;
}
