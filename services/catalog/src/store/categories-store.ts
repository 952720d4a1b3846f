import { inTransaction } from '@emporium/platform/db';
import { type Kysely, sql } from 'kysely';
import {
  buildCategoryTree,
  type Category,
  type CategoryTree,
  categorySearchTerms,
  childrenOf,
  subtreeOf,
  wouldCreateCycle,
} from '../domain/category-tree.ts';
import {
  CategoryCycle,
  CategoryNotEmpty,
  CategoryNotFound,
  CategorySlugTaken,
  UnknownCategory,
} from '../errors.ts';
import { lockCatalogue } from './catalogue-lock.ts';
import type { CatalogDatabase } from './database.ts';

export interface NewCategory {
  slug: string;
  name: string;
  description: string;
  /** Slug of the parent; null for a top-level category. */
  parent: string | null;
  /** Place among its siblings; default: after the last. */
  position?: number | undefined;
}

/** A partial update; `parent: null` moves the category to the top level, absent leaves it. */
export interface CategoryChanges {
  slug?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
  parent?: string | null | undefined;
  position?: number | undefined;
}

export async function loadCategoryTree(db: Kysely<CatalogDatabase>): Promise<CategoryTree> {
  const rows = await db
    .selectFrom('categories')
    .select(['id', 'slug', 'name', 'description', 'parent_id as parentId', 'position'])
    .execute();
  return buildCategoryTree(rows);
}

/** Products directly in each category (not rolled up), counting only what shoppers can see. */
export async function countActiveProductsByCategory(
  db: Kysely<CatalogDatabase>,
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('products')
    .where('status', '=', 'active')
    .select(['category_id', sql<number>`count(*)::int`.as('count')])
    .groupBy('category_id')
    .execute();
  return new Map(rows.map((row) => [row.category_id, row.count]));
}

export function createCategory(db: Kysely<CatalogDatabase>, input: NewCategory): Promise<Category> {
  return inTransaction(db, async (trx) => {
    await lockCatalogue(trx, 'exclusive');
    const tree = await loadCategoryTree(trx);
    if (tree.bySlug.has(input.slug)) throw CategorySlugTaken(`There is already a category '${input.slug}'`);
    const parent = input.parent === null ? null : parentNamed(tree, input.parent);
    const siblings = childrenOf(tree, parent?.id ?? null);
    const position = input.position ?? Math.max(-1, ...siblings.map((sibling) => sibling.position)) + 1;
    return trx
      .insertInto('categories')
      .values({
        slug: input.slug,
        name: input.name,
        description: input.description,
        parent_id: parent?.id ?? null,
        position,
      })
      .returning(['id', 'slug', 'name', 'description', 'parent_id as parentId', 'position'])
      .executeTakeFirstOrThrow();
  });
}

export function updateCategory(
  db: Kysely<CatalogDatabase>,
  slug: string,
  changes: CategoryChanges,
): Promise<Category> {
  return inTransaction(db, async (trx) => {
    await lockCatalogue(trx, 'exclusive');
    const tree = await loadCategoryTree(trx);
    const category = tree.bySlug.get(slug);
    if (!category) throw CategoryNotFound(`There is no category '${slug}'`);
    if (changes.slug !== undefined && changes.slug !== slug && tree.bySlug.has(changes.slug)) {
      throw CategorySlugTaken(`There is already a category '${changes.slug}'`);
    }
    let parentId = category.parentId;
    if (changes.parent !== undefined) {
      parentId = changes.parent === null ? null : parentNamed(tree, changes.parent).id;
      if (wouldCreateCycle(tree, category.id, parentId)) {
        throw CategoryCycle(
          `'${slug}' cannot move under '${changes.parent}', which is itself or lies below it`,
        );
      }
    }
    const updated = await trx
      .updateTable('categories')
      .set({
        slug: changes.slug ?? category.slug,
        name: changes.name ?? category.name,
        description: changes.description ?? category.description,
        parent_id: parentId,
        position: changes.position ?? category.position,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', category.id)
      .returning(['id', 'slug', 'name', 'description', 'parent_id as parentId', 'position'])
      .executeTakeFirstOrThrow();

    // Products are found by the names along their breadcrumb; a rename or a move changes
    // those names for every product in the subtree, so their search text is rebuilt here.
    if (updated.name !== category.name || updated.parentId !== category.parentId) {
      const changed = buildCategoryTree(
        [...tree.byId.values()].map((node) => (node.id === updated.id ? updated : node)),
      );
      for (const node of subtreeOf(changed, updated.id)) {
        await trx
          .updateTable('products')
          .set({ category_terms: categorySearchTerms(changed, node.id) })
          .where('category_id', '=', node.id)
          .execute();
      }
    }
    return updated;
  });
}

/** Deletes an empty category; one with subcategories or products (even discontinued ones) stays. */
export function deleteCategory(db: Kysely<CatalogDatabase>, slug: string): Promise<void> {
  return inTransaction(db, async (trx) => {
    await lockCatalogue(trx, 'exclusive');
    const tree = await loadCategoryTree(trx);
    const category = tree.bySlug.get(slug);
    if (!category) throw CategoryNotFound(`There is no category '${slug}'`);
    const children = childrenOf(tree, category.id).length;
    const { products } = await trx
      .selectFrom('products')
      .where('category_id', '=', category.id)
      .select(sql<number>`count(*)::int`.as('products'))
      .executeTakeFirstOrThrow();
    if (children > 0 || products > 0) {
      throw CategoryNotEmpty(
        `'${slug}' still has ${children} subcategories and ${products} products; move or delete them first`,
        { subcategories: children, products },
      );
    }
    // Product writes hold the catalogue lock too, so no product can join the category meanwhile.
    await trx.deleteFrom('categories').where('id', '=', category.id).execute();
  });
}

function parentNamed(tree: CategoryTree, slug: string): Category {
  const parent = tree.bySlug.get(slug);
  if (!parent) throw UnknownCategory(`There is no category '${slug}' to be the parent`);
  return parent;
}
