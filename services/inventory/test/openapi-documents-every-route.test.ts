import { after, before, describe, it } from 'node:test';
import { assertRoutesDocumented } from '@emporium/platform/testing';
import { startInventory, type TestInventory } from './fixtures/start-inventory.ts';

describe('the OpenAPI document', () => {
  let inventory: TestInventory;
  before(async () => {
    inventory = await startInventory();
  });
  after(() => inventory?.close());

  it('describes every inventory route with tags and a summary, and marks admin routes as needing a token', async () => {
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
    await assertRoutesDocumented(inventory.service.url, expected, {
      needsToken: (_method, path) => path.startsWith('/admin/'),
      hidden: ['InventoryService'],
    });
  });
});
