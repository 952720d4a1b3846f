import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf } from '@emporium/platform/testing';
import { type OrdersUnderTest, startOrders } from './fixtures/start-orders.ts';

interface Operation {
  tags?: string[];
  summary?: string;
  security?: Array<Record<string, unknown>>;
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

describe('the OpenAPI document', () => {
  let orders: OrdersUnderTest;
  before(async () => {
    orders = await startOrders();
  });
  after(() => orders?.close());

  it('describes every orders route with tags and a summary, and says which need a token', async () => {
    const response = await fetch(`${orders.service.url}/openapi.json`);
    assert.equal(response.status, 200);
    const { paths } = await bodyOf<OpenApi>(response);
    const routes: Record<string, 'none' | 'optional' | 'required'> = {
      'post /carts': 'none',
      'get /cart': 'optional',
      'post /cart/items': 'optional',
      'patch /cart/items/{sku}': 'optional',
      'delete /cart/items/{sku}': 'optional',
      'post /cart/merge': 'required',
      'post /checkout': 'required',
      'get /orders': 'required',
      'get /orders/{id}': 'required',
      'post /orders/{id}/cancel': 'required',
      'get /admin/orders': 'required',
      'post /admin/orders/{id}/refund': 'required',
      'get /sagas': 'required',
      'get /sagas/{id}': 'required',
      'post /sagas/{id}/retry': 'required',
      'get /admin/dead-letters': 'required',
    };
    for (const [route, token] of Object.entries(routes)) {
      const [method = '', path = ''] = route.split(' ');
      const operation = paths[path]?.[method];
      assert.ok(operation, `${route} is documented`);
      assert.ok(operation.summary && operation.tags?.length, `${route} has a summary and tags`);
      const schemes = operation.security ?? [];
      const bearer = schemes.some((scheme) => 'bearer' in scheme);
      const anonymous = schemes.length === 0 || schemes.some((scheme) => Object.keys(scheme).length === 0);
      assert.equal(bearer, token !== 'none', `${route}: a token ${token}`);
      assert.equal(anonymous, token !== 'required', `${route}: a token ${token}`);
    }
  });
});
