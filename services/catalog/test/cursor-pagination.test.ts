import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf, jsonClient, problemOf, type TestService } from '@emporium/platform/testing';
import type { CatalogDatabase } from '../src/store/database.ts';
import type { ProductList } from './fixtures/catalog-views.ts';
import { startCatalog } from './fixtures/start-catalog.ts';

type Item = ProductList['items'][number];

describe('cursor pagination', () => {
  let service: TestService<CatalogDatabase>;
  let api: ReturnType<typeof jsonClient>;

  const list = async (query: string): Promise<ProductList> => {
    const response = await api('GET', `/products?${query}`);
    assert.equal(response.status, 200, `GET /products?${query}: ${await response.clone().text()}`);
    return bodyOf<ProductList>(response);
  };

  /** Follows nextCursor from the first page (or the page after `from`) to the last. */
  const walk = async (
    query: string,
    from?: string,
  ): Promise<{ items: Item[]; pages: number; total: number }> => {
    const items: Item[] = [];
    let page = await list(from === undefined ? query : `${query}&cursor=${from}`);
    const { total } = page;
    let pages = 1;
    items.push(...page.items);
    while (page.nextCursor !== null) {
      page = await list(`${query}&cursor=${page.nextCursor}`);
      assert.equal(page.total, total, 'the total does not change from page to page');
      items.push(...page.items);
      pages++;
      assert.ok(pages < 1_000, 'the walk ends');
    }
    return { items, pages, total };
  };

  before(async () => {
    service = await startCatalog();
    api = jsonClient(service.url);
  });
  after(() => service?.close());

  it('walks a listing by name page by page in the same order as one big page', async () => {
    const whole = await list('category=electronics&limit=100');
    assert.ok(whole.total > 20 && whole.total <= 100);
    const walked = await walk('category=electronics&limit=7');
    assert.equal(walked.pages, Math.ceil(whole.total / 7));
    assert.deepEqual(
      walked.items.map((item) => item.sku),
      whole.items.map((item) => item.sku),
    );
  });

  it('walks the whole catalogue newest first with no duplicates or gaps', async () => {
    const walked = await walk('sort=newest&limit=100');
    const skus = walked.items.map((item) => item.sku);
    assert.equal(skus.length, walked.total);
    assert.equal(new Set(skus).size, skus.length, 'no product twice');
    for (let index = 1; index < walked.items.length; index++) {
      const previous = walked.items[index - 1];
      const current = walked.items[index];
      assert.ok(previous && current);
      const ordered =
        previous.createdAt > current.createdAt ||
        (previous.createdAt === current.createdAt && previous.sku < current.sku);
      assert.ok(
        ordered,
        `${previous.sku} (${previous.createdAt}) before ${current.sku} (${current.createdAt})`,
      );
    }
  });

  it('walks search results by relevance, ties broken by SKU', async () => {
    const whole = await list('q=wireless&limit=100');
    const walked = await walk('q=wireless&limit=5');
    assert.equal(walked.items.length, whole.total);
    assert.deepEqual(
      walked.items.map((item) => item.sku),
      whole.items.map((item) => item.sku),
    );
  });

  it('keeps its place when a product on an earlier page leaves the listing', async () => {
    const first = await list('category=headphones&sort=name&limit=3');
    assert.ok(first.nextCursor && first.items[0]);
    // An offset would now skip a product: everything after the first page moved up by one.
    await service.database.db
      .updateTable('products')
      .set({ status: 'discontinued' })
      .where('sku', '=', first.items[0].sku)
      .execute();
    const rest = await walk('category=headphones&sort=name&limit=4', first.nextCursor);
    const now = await list('category=headphones&sort=name&limit=100');
    const firstSkus = new Set(first.items.map((item) => item.sku));
    assert.deepEqual(
      rest.items.map((item) => item.sku),
      now.items.map((item) => item.sku).filter((sku) => !firstSkus.has(sku)),
    );
  });

  it('refuses a cursor from another query, another sort, an edited or a made-up one with 400', async () => {
    const page = await list('q=wireless&limit=2');
    assert.ok(page.nextCursor);
    const attempts = {
      'another query': `q=leather&limit=2&cursor=${page.nextCursor}`,
      'another filter': `q=wireless&brand=Aurora&limit=2&cursor=${page.nextCursor}`,
      'another sort': `q=wireless&sort=name&limit=2&cursor=${page.nextCursor}`,
      edited: `q=wireless&limit=2&cursor=${page.nextCursor.slice(0, -3)}AAA`,
      'made up': 'q=wireless&cursor=eyJoZWxsbyI6IndvcmxkIn0',
      'not base64': 'q=wireless&cursor=%25%25%25',
    };
    for (const [what, query] of Object.entries(attempts)) {
      const response = await api('GET', `/products?${query}`);
      assert.equal(response.status, 400, what);
      const problem = await problemOf(response);
      assert.equal(problem.code, 'INVALID_CURSOR', what);
      assert.ok(problem.detail.length > 20, `${what}: ${problem.detail}`);
    }
    // A different page size is the same listing: the cursor still works.
    assert.equal((await api('GET', `/products?q=wireless&limit=10&cursor=${page.nextCursor}`)).status, 200);
  });
});
