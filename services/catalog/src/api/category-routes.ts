import type { HttpServer } from '@emporium/platform/http';
import type { Kysely } from 'kysely';
import { type CategoryTree, rollUpCounts } from '../domain/category-tree.ts';
import { CategoryNotFound } from '../errors.ts';
import { countActiveProductsByCategory, loadCategoryTree } from '../store/categories-store.ts';
import type { CatalogDatabase } from '../store/database.ts';
import { CategoryDetailView, CategoryTreeView, SlugParams } from './category-schemas.ts';
import { type CategoryCounts, toCategoryDetailView, toCategoryTreeView } from './category-view.ts';
import type { RouteOptions } from './route-options.ts';

/** The category tree as shoppers browse it. */
export function categoryRoutes(app: HttpServer, { db }: Pick<RouteOptions, 'db'>): void {
  app.get(
    '/categories',
    {
      schema: {
        tags: ['categories'],
        summary: 'The whole category tree, with product counts that include descendants',
        response: { 200: CategoryTreeView },
      },
    },
    async () => {
      const { tree, counts } = await loadCountedTree(db);
      return { categories: toCategoryTreeView(tree, counts) };
    },
  );

  app.get(
    '/categories/:slug',
    {
      schema: {
        tags: ['categories'],
        summary: 'One category with its children and breadcrumb',
        params: SlugParams,
        response: { 200: CategoryDetailView },
      },
    },
    async (request) => categoryDetail(db, request.params.slug),
  );
}

/** The tree with active-product counts rolled up to every ancestor. */
export async function loadCountedTree(
  db: Kysely<CatalogDatabase>,
): Promise<{ tree: CategoryTree; counts: CategoryCounts }> {
  const tree = await loadCategoryTree(db);
  return { tree, counts: rollUpCounts(tree, await countActiveProductsByCategory(db)) };
}

export async function categoryDetail(db: Kysely<CatalogDatabase>, slug: string) {
  const { tree, counts } = await loadCountedTree(db);
  const category = tree.bySlug.get(slug);
  if (!category) throw CategoryNotFound(`There is no category '${slug}'`);
  return toCategoryDetailView(tree, counts, category);
}
