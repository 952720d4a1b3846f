/**
 * The category tree as pure data and rules: children in display order, a category's
 * descendants and breadcrumb, product counts rolled up to ancestors, and the no-cycle rule
 * for moves. The tree is small (tens to hundreds of nodes), so it is loaded whole and walked here.
 */

export interface Category {
  id: number;
  slug: string;
  name: string;
  description: string;
  parentId: number | null;
  position: number;
}

export interface CategoryTree {
  readonly byId: ReadonlyMap<number, Category>;
  readonly bySlug: ReadonlyMap<string, Category>;
  /** Children of each category in display order; key null holds the top level. */
  readonly children: ReadonlyMap<number | null, readonly Category[]>;
}

export function buildCategoryTree(categories: readonly Category[]): CategoryTree {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const bySlug = new Map(categories.map((category) => [category.slug, category]));
  const children = new Map<number | null, Category[]>();
  for (const category of categories) {
    // A parent that is not in the list would orphan the node; show it at the top rather than lose it.
    const parent = category.parentId !== null && byId.has(category.parentId) ? category.parentId : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(category);
    children.set(parent, siblings);
  }
  for (const siblings of children.values()) siblings.sort(byDisplayOrder);
  return { byId, bySlug, children };
}

function byDisplayOrder(a: Category, b: Category): number {
  return a.position - b.position || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || a.id - b.id;
}

export function childrenOf(tree: CategoryTree, id: number | null): readonly Category[] {
  return tree.children.get(id) ?? [];
}

/** The category and everything below it, depth first. */
export function subtreeOf(tree: CategoryTree, id: number): Category[] {
  const root = tree.byId.get(id);
  if (!root) return [];
  const found: Category[] = [];
  const seen = new Set<number>();
  const visit = (category: Category) => {
    if (seen.has(category.id)) return;
    seen.add(category.id);
    found.push(category);
    for (const child of childrenOf(tree, category.id)) visit(child);
  };
  visit(root);
  return found;
}

/** Every category, depth first in display order: the order a sidebar shows them in. */
export function depthFirst(tree: CategoryTree): Category[] {
  return childrenOf(tree, null).flatMap((top) => subtreeOf(tree, top.id));
}

/** From the top-level ancestor down to the category itself. */
export function breadcrumbOf(tree: CategoryTree, id: number): Category[] {
  const path: Category[] = [];
  const seen = new Set<number>();
  let current = tree.byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift(current);
    current = current.parentId === null ? undefined : tree.byId.get(current.parentId);
  }
  return path;
}

/**
 * Moving `id` under `newParentId` would make the category its own ancestor when the new
 * parent is the category itself or lies in its subtree.
 */
export function wouldCreateCycle(tree: CategoryTree, id: number, newParentId: number | null): boolean {
  if (newParentId === null) return false;
  return subtreeOf(tree, id).some((category) => category.id === newParentId);
}

/** Counts per category including all descendants, from counts of products directly in each. */
export function rollUpCounts(tree: CategoryTree, direct: ReadonlyMap<number, number>): Map<number, number> {
  const totals = new Map<number, number>();
  for (const [categoryId, count] of direct) {
    for (const ancestor of breadcrumbOf(tree, categoryId)) {
      totals.set(ancestor.id, (totals.get(ancestor.id) ?? 0) + count);
    }
  }
  return totals;
}

/** The text a product is found by for its category: the names along its breadcrumb. */
export function categorySearchTerms(tree: CategoryTree, id: number): string {
  return breadcrumbOf(tree, id)
    .map((category) => category.name)
    .join(' ');
}
