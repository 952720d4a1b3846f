import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf } from '@emporium/platform/testing';
import { startInventory, type TestInventory } from './fixtures/start-inventory.ts';

interface Operation {
  tags?: string[];
  summary?: string;
  security?: unknown[];
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

describe('the OpenAPI document', () => {
  let inventory: TestInventory;
  before(async () => {
    inventory = await startInventory();
  });
  after(() => inventory?.close());

  it('describes every inventory route with tags and a summary, and marks admin routes as needing a token', async () => {
    const response = await fetch(`${inventory.service.url}/openapi.json`);
    assert.equal(response.status, 200);
    const { paths } = await bodyOf<OpenApi>(response);
    const expected = [
      'get /stock',
      'get /stock/{sku}',
      'get /admin/stock',
      'get /admin/stock/{sku}',
      'put /admin/stock/{sku}/{warehouse}',
      'post /admin/stock/{sku}/{warehouse}/restock',
      'get /admin/warehouses',
      'get /admin/reservations/{orderId}',
      'get /admin/dead-letters',
      'get /admin/dead-letters/{id}',
      'post /admin/dead-letters/{id}/replay',
    ];
    for (const route of expected) {
      const [method = '', path = ''] = route.split(' ');
      const operation = paths[path]?.[method];
      assert.ok(operation, `${route} is documented`);
      assert.ok(operation.summary && operation.tags?.length, `${route} has a summary and tags`);
      assert.equal(Boolean(operation.security?.length), path.startsWith('/admin/'), `${route} security`);
    }
    assert.ok(!Object.keys(paths).some((path) => path.includes('InventoryService')), 'RPCs stay out');
  });
});
