import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  breadcrumbOf,
  buildCategoryTree,
  type Category,
  categorySearchTerms,
  childrenOf,
  depthFirst,
  rollUpCounts,
  subtreeOf,
  wouldCreateCycle,
} from '../src/domain/category-tree.ts';

const category = (id: number, slug: string, parentId: number | null, position = 0): Category => ({
  id,
  slug,
  name: slug.toUpperCase(),
  description: '',
  parentId,
  position,
});

// home ─┬─ kitchen ── knives
//       └─ garden
// books
const tree = buildCategoryTree([
  category(5, 'knives', 2),
  category(1, 'home', null, 0),
  category(2, 'kitchen', 1, 1),
  category(3, 'garden', 1, 0),
  category(4, 'books', null, 1),
]);
const slugs = (categories: readonly Category[]) => categories.map((node) => node.slug);

describe('category tree rules', () => {
  it('orders children by position', () => {
    assert.deepEqual(slugs(childrenOf(tree, null)), ['home', 'books']);
    assert.deepEqual(slugs(childrenOf(tree, 1)), ['garden', 'kitchen']);
    assert.deepEqual(slugs(depthFirst(tree)), ['home', 'garden', 'kitchen', 'knives', 'books']);
  });

  it('finds a subtree and a breadcrumb', () => {
    assert.deepEqual(slugs(subtreeOf(tree, 1)), ['home', 'garden', 'kitchen', 'knives']);
    assert.deepEqual(slugs(subtreeOf(tree, 5)), ['knives']);
    assert.deepEqual(slugs(breadcrumbOf(tree, 5)), ['home', 'kitchen', 'knives']);
    assert.equal(categorySearchTerms(tree, 5), 'HOME KITCHEN KNIVES');
  });

  it('refuses moves that would make a category its own ancestor', () => {
    assert.equal(wouldCreateCycle(tree, 1, 1), true, 'under itself');
    assert.equal(wouldCreateCycle(tree, 1, 5), true, 'under a grandchild');
    assert.equal(wouldCreateCycle(tree, 2, 3), false, 'under a sibling');
    assert.equal(wouldCreateCycle(tree, 5, null), false, 'to the top level');
    assert.equal(wouldCreateCycle(tree, 4, 5), false, 'under another branch');
  });

  it('rolls product counts up to every ancestor', () => {
    const totals = rollUpCounts(
      tree,
      new Map([
        [5, 3],
        [3, 2],
        [4, 7],
      ]),
    );
    assert.deepEqual(Object.fromEntries(totals), { 1: 5, 2: 3, 3: 2, 4: 7, 5: 3 });
  });

  it('stays finite on corrupt data with a cycle', () => {
    const corrupt = buildCategoryTree([category(1, 'a', 2), category(2, 'b', 1)]);
    assert.deepEqual(slugs(breadcrumbOf(corrupt, 1)), ['b', 'a']);
    assert.deepEqual(slugs(subtreeOf(corrupt, 1)), ['a', 'b']);
  });
});
