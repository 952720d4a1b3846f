import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf, jsonClient, problemOf, type TestService } from '@emporium/platform/testing';
import type { CatalogDatabase } from '../src/store/database.ts';
import { seedCatalogue } from '../src/store/seed/seed-catalogue.ts';
import type { CategoryDetail, CategoryTree, ProductList } from './fixtures/catalog-views.ts';
import { startCatalog } from './fixtures/start-catalog.ts';

type Node = CategoryTree['categories'][number];

describe('the category tree', () => {
  let service: TestService<CatalogDatabase>;
  let api: ReturnType<typeof jsonClient>;
  let tree: CategoryTree;

  before(async () => {
    service = await startCatalog();
    api = jsonClient(service.url);
    tree = await bodyOf<CategoryTree>(await api('GET', '/categories'));
  });
  after(() => service?.close());

  it('nests the seeded departments and their subcategories in seed order', () => {
    const seed = seedCatalogue();
    const departments = seed.categories.filter((category) => category.parentSlug === null);
    assert.deepEqual(
      tree.categories.map((node) => node.slug),
      departments.map((department) => department.slug),
    );
    for (const node of tree.categories) {
      assert.deepEqual(
        node.children.map((child) => child.slug),
        seed.categories
          .filter((category) => category.parentSlug === node.slug)
          .map((category) => category.slug),
      );
    }
  });

  it('counts products including descendants, matching what each listing holds', async () => {
    const visit = async (node: Node): Promise<void> => {
      if (node.children.length > 0) {
        assert.equal(
          node.productCount,
          node.children.reduce((sum, child) => sum + child.productCount, 0),
          node.slug,
        );
      }
      const listing = await bodyOf<ProductList>(await api('GET', `/products?category=${node.slug}&limit=1`));
      assert.equal(listing.total, node.productCount, node.slug);
      for (const child of node.children) await visit(child);
    };
    for (const node of tree.categories) await visit(node);
    const all = await bodyOf<ProductList>(await api('GET', '/products?limit=1'));
    assert.equal(
      tree.categories.reduce((sum, node) => sum + node.productCount, 0),
      all.total,
    );
  });

  it('shows one category with its children and the path to it', async () => {
    const department = await bodyOf<CategoryDetail>(await api('GET', '/categories/electronics'));
    assert.equal(department.parent, null);
    assert.deepEqual(department.breadcrumb, [{ slug: 'electronics', name: 'Electronics' }]);
    assert.ok(department.children.some((child) => child.slug === 'headphones'));

    const leaf = await bodyOf<CategoryDetail>(await api('GET', '/categories/headphones'));
    assert.deepEqual(leaf.parent, { slug: 'electronics', name: 'Electronics' });
    assert.deepEqual(
      leaf.breadcrumb.map((crumb) => crumb.slug),
      ['electronics', 'headphones'],
    );
    assert.deepEqual(leaf.children, []);
    assert.ok(leaf.productCount > 0);
  });

  it('answers 404 for a category that does not exist', async () => {
    const response = await api('GET', '/categories/no-such-category');
    assert.equal(response.status, 404);
    assert.equal((await problemOf(response)).code, 'CATEGORY_NOT_FOUND');
  });
});
