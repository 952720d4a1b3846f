import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  bodyOf,
  jsonClient,
  startTestTokenIssuer,
  type TestService,
  type TestTokenIssuer,
} from '@emporium/platform/testing';
import type { CatalogDatabase } from '../src/store/database.ts';
import type { CategoryDetail, ProductList } from './fixtures/catalog-views.ts';
import { startCatalog } from './fixtures/start-catalog.ts';

describe('product search', () => {
  let issuer: TestTokenIssuer;
  let service: TestService<CatalogDatabase>;
  let api: ReturnType<typeof jsonClient>;

  const list = async (query: string): Promise<ProductList> => {
    const response = await api('GET', `/products?${query}`);
    assert.equal(response.status, 200, `GET /products?${query}: ${await response.clone().text()}`);
    return bodyOf<ProductList>(response);
  };

  before(async () => {
    issuer = await startTestTokenIssuer();
    service = await startCatalog({ jwksUrl: issuer.jwksUrl });
    api = jsonClient(service.url);
    const token = await issuer.token({ roles: ['admin'] });
    const products = [
      {
        sku: 'TEST-RANK-NAME',
        name: 'Quillbrook Reading Lamp',
        description: 'A warm light for long evenings.',
      },
      {
        sku: 'TEST-RANK-DESC',
        name: 'Plain Desk Lamp',
        description: 'A simple lamp that pairs well with the Quillbrook range.',
      },
      {
        sku: 'TEST-RANK-HTML',
        name: 'Tag <b>Quillbrook</b> & Co "Deluxe"',
        description: '<script>alert("x")</script> Quillbrook&nbsp;edition',
      },
    ];
    for (const product of products) {
      const response = await api(
        'POST',
        '/products',
        { ...product, category: 'home-decor', brand: 'Lumen Test' },
        { token },
      );
      assert.equal(response.status, 201, await response.text());
    }
  });
  after(async () => {
    await service?.close();
    await issuer?.close();
  });

  it('ranks a product whose name matches above one that only mentions the word in its description', async () => {
    const page = await list('q=quillbrook');
    assert.equal(page.sort, 'relevance');
    const skus = page.items.map((item) => item.sku);
    assert.deepEqual(new Set(skus), new Set(['TEST-RANK-NAME', 'TEST-RANK-DESC', 'TEST-RANK-HTML']));
    assert.ok(
      skus.indexOf('TEST-RANK-NAME') < skus.indexOf('TEST-RANK-DESC'),
      `name match should come first: ${skus.join(', ')}`,
    );
    const named = page.items.find((item) => item.sku === 'TEST-RANK-NAME');
    assert.equal(named?.highlight?.name, '<mark>Quillbrook</mark> Reading Lamp');
  });

  it('highlights with <mark> as the only markup, escaping the source text', async () => {
    const page = await list('q=quillbrook');
    const tagged = page.items.find((item) => item.sku === 'TEST-RANK-HTML');
    assert.ok(tagged?.highlight);
    assert.equal(
      tagged.highlight.name,
      'Tag &lt;b&gt;<mark>Quillbrook</mark>&lt;/b&gt; &amp; Co &quot;Deluxe&quot;',
    );
    for (const html of [tagged.highlight.name, tagged.highlight.description]) {
      const withoutMarks = html.replaceAll('<mark>', '').replaceAll('</mark>', '');
      assert.doesNotMatch(withoutMarks, /[<>]/, html);
    }
    assert.match(tagged.highlight.description, /&lt;\/script&gt;/);
    assert.equal(tagged.name, 'Tag <b>Quillbrook</b> & Co "Deluxe"', 'the plain fields stay as written');
  });

  it('leaves highlight out when there is no text query', async () => {
    const page = await list('category=home-decor&limit=5');
    for (const item of page.items) assert.equal(item.highlight, undefined);
  });

  it('counts facets over the matching products, and each count is what choosing that value gives', async () => {
    const page = await list('q=wireless&limit=1');
    assert.ok(page.total > 10, `only ${page.total} wireless products`);
    const { categories, brands, attributes } = page.facets;

    assert.equal(
      brands.reduce((sum, brand) => sum + brand.count, 0),
      page.total,
      'every product has exactly one brand',
    );
    const topLevel = categories.filter((category) => category.parent === null);
    assert.equal(
      topLevel.reduce((sum, category) => sum + category.count, 0),
      page.total,
    );

    for (const category of categories) {
      const filtered = await list(`q=wireless&category=${category.slug}&limit=1`);
      assert.equal(filtered.total, category.count, `category ${category.slug}`);
    }
    for (const brand of brands) {
      const filtered = await list(`q=wireless&brand=${encodeURIComponent(brand.value)}&limit=1`);
      assert.equal(filtered.total, brand.count, `brand ${brand.value}`);
    }
    const names = Object.keys(attributes);
    assert.ok(names.length > 0);
    for (const name of names.slice(0, 4)) {
      for (const { value, count } of attributes[name] ?? []) {
        const filtered = await list(`q=wireless&attr=${encodeURIComponent(`${name}:${value}`)}&limit=1`);
        assert.equal(filtered.total, count, `attribute ${name}=${value}`);
      }
    }
  });

  it("lets a facet ignore its own filter but not the others'", async () => {
    const all = await list('q=wireless&limit=1');
    const [first, second] = all.facets.brands;
    assert.ok(first && second);
    const chosen = await list(`q=wireless&brand=${encodeURIComponent(first.value)}&limit=1`);
    assert.equal(chosen.total, first.count);
    assert.deepEqual(chosen.facets.brands, all.facets.brands, 'the brand facet still offers every brand');
    const chosenCategories = chosen.facets.categories.filter((category) => category.parent === null);
    assert.equal(
      chosenCategories.reduce((sum, category) => sum + category.count, 0),
      first.count,
      'other facets count within the chosen brand',
    );
    const both = await list(
      `q=wireless&brand=${encodeURIComponent(first.value)}&brand=${encodeURIComponent(second.value)}&limit=1`,
    );
    assert.equal(both.total, first.count + second.count, 'values of one facet combine with OR');
  });

  it('includes the descendants of a category in its listing', async () => {
    const department = await bodyOf<CategoryDetail>(await api('GET', '/categories/electronics'));
    assert.ok(department.children.length >= 2);
    const listing = await list('category=electronics&limit=100');
    assert.equal(listing.total, department.productCount);
    const childSlugs = new Set(department.children.map((child) => child.slug));
    for (const item of listing.items) assert.ok(childSlugs.has(item.category.slug), item.category.slug);
    let sum = 0;
    for (const child of department.children) sum += (await list(`category=${child.slug}&limit=1`)).total;
    assert.equal(listing.total, sum);
  });

  it('combines filters with AND', async () => {
    const page = await list('q=wireless&category=electronics&attr=color:Black&limit=100');
    assert.ok(page.total > 0);
    for (const item of page.items) {
      assert.equal(item.attributes.color, 'Black');
      assert.match(`${item.name} ${item.description}`, /wireless/i);
    }
  });
});
