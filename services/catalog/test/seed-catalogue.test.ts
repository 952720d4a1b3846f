import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedCatalogue } from '../src/store/seed/seed-catalogue.ts';

const { categories, products } = seedCatalogue();
const topLevel = categories.filter((category) => category.parentSlug === null);
const parentSlugs = new Set(categories.map((category) => category.parentSlug));
const leaves = categories.filter((category) => !parentSlugs.has(category.slug));
const leafSlugs = new Set(leaves.map((category) => category.slug));
const departmentOf = new Map(
  categories.map((category) => [category.slug, category.parentSlug ?? category.slug]),
);

describe('the seed catalogue', () => {
  it('is deterministic', () => {
    assert.deepEqual(seedCatalogue(), seedCatalogue());
  });

  it('has a category tree of departments with 2-5 leaves each', () => {
    assert.ok(topLevel.length >= 10, `only ${topLevel.length} top-level categories`);
    const slugs = categories.map((category) => category.slug);
    assert.equal(new Set(slugs).size, slugs.length, 'category slugs are not unique');
    for (const slug of slugs) assert.match(slug, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const department of topLevel) {
      const children = categories.filter((category) => category.parentSlug === department.slug);
      assert.ok(
        children.length >= 2 && children.length <= 5,
        `${department.slug} has ${children.length} leaves`,
      );
    }
    for (const category of categories) {
      if (category.parentSlug !== null) assert.ok(slugs.includes(category.parentSlug));
      assert.ok(category.name.length > 0 && category.description.length > 0);
    }
  });

  it('has at least 500 products', () => {
    assert.ok(products.length >= 500, `only ${products.length} products`);
  });

  it('puts every product in an existing leaf category', () => {
    for (const product of products) {
      assert.ok(leafSlugs.has(product.categorySlug), `${product.sku} is in ${product.categorySlug}`);
    }
  });

  it('gives every leaf at least 8 products', () => {
    for (const slug of leafSlugs) {
      const count = products.filter((product) => product.categorySlug === slug).length;
      assert.ok(count >= 8, `${slug} has only ${count} products`);
    }
  });

  it('has unique, well-formed SKUs', () => {
    const skus = products.map((product) => product.sku);
    assert.equal(new Set(skus).size, skus.length, 'SKUs are not unique');
    for (const sku of skus) assert.match(sku, /^[A-Z]{4}-[A-Z]{4}-\d{4}$/);
  });

  it('has unique names', () => {
    const names = products.map((product) => product.name);
    assert.equal(new Set(names).size, names.length, 'names are not unique');
  });

  it('prices every product as a positive integer in euros', () => {
    for (const product of products) {
      assert.ok(
        Number.isInteger(product.referencePriceMinor) && product.referencePriceMinor > 0,
        `${product.sku} costs ${product.referencePriceMinor}`,
      );
      assert.equal(product.currency, 'EUR');
    }
  });

  it('fills in descriptions, brands, attributes and images', () => {
    for (const product of products) {
      assert.ok(product.brand.length > 0);
      assert.doesNotMatch(product.description, /[{}]/, `${product.sku} has an unfilled placeholder`);
      const sentences = product.description.split(/(?<=[.!])\s+/);
      assert.ok(sentences.length >= 2 && sentences.length <= 3, `${product.sku}: ${product.description}`);
      assert.ok(Object.keys(product.attributes).length >= 2, `${product.sku} has too few attributes`);
      assert.ok(!('brand' in product.attributes));
      assert.ok(product.images.length >= 1 && product.images.length <= 3);
      for (const image of product.images) {
        assert.ok(image.startsWith(`/images/products/${product.sku.toLowerCase()}-`), image);
      }
    }
  });

  it('keeps facet values per attribute small within each leaf', () => {
    for (const slug of leafSlugs) {
      const values = new Map<string, Set<string>>();
      for (const product of products.filter((candidate) => candidate.categorySlug === slug)) {
        for (const [key, value] of Object.entries(product.attributes)) {
          values.set(key, (values.get(key) ?? new Set()).add(value));
        }
      }
      for (const [key, distinct] of values) {
        assert.ok(distinct.size <= 8, `${slug}.${key} has ${distinct.size}`);
      }
    }
  });

  it('contains common search words across several departments', () => {
    for (const word of ['wireless', 'organic', 'leather', 'waterproof', 'cotton']) {
      const pattern = new RegExp(`\\b${word}\\b`, 'i');
      const departments = new Set(
        products
          .filter((product) => pattern.test(product.name) || pattern.test(product.description))
          .map((product) => departmentOf.get(product.categorySlug)),
      );
      assert.ok(departments.size >= 3, `'${word}' appears in only ${departments.size} departments`);
    }
  });
});
