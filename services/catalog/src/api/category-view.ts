import type { Static } from '@sinclair/typebox';
import { breadcrumbOf, type Category, type CategoryTree, childrenOf } from '../domain/category-tree.ts';
import type { CategoryDetailView, CategoryTreeNode } from './category-schemas.ts';

/** Rolled-up product counts per category id (see rollUpCounts). */
export type CategoryCounts = ReadonlyMap<number, number>;

function summaryOf(category: Category, counts: CategoryCounts) {
  return {
    slug: category.slug,
    name: category.name,
    description: category.description,
    position: category.position,
    productCount: counts.get(category.id) ?? 0,
  };
}

export function toCategoryTreeView(
  tree: CategoryTree,
  counts: CategoryCounts,
  parentId: number | null = null,
): Static<typeof CategoryTreeNode>[] {
  return childrenOf(tree, parentId).map((category) => ({
    ...summaryOf(category, counts),
    children: toCategoryTreeView(tree, counts, category.id),
  }));
}

export function toCategoryDetailView(
  tree: CategoryTree,
  counts: CategoryCounts,
  category: Category,
): Static<typeof CategoryDetailView> {
  const breadcrumb = breadcrumbOf(tree, category.id).map(({ slug, name }) => ({ slug, name }));
  const parent = category.parentId === null ? undefined : tree.byId.get(category.parentId);
  return {
    ...summaryOf(category, counts),
    parent: parent ? { slug: parent.slug, name: parent.name } : null,
    breadcrumb,
    children: childrenOf(tree, category.id).map((child) => summaryOf(child, counts)),
  };
}
