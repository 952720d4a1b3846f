import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { bodyOf, problemOf } from '@emporium/platform/testing';
import type { OrderList } from './fixtures/orders-views.ts';
import { shopper } from './fixtures/shopper.ts';
import { type OrdersUnderTest, startOrders } from './fixtures/start-orders.ts';

describe('admin routes', () => {
  let orders: OrdersUnderTest;
  before(async () => {
    orders = await startOrders();
  });
  after(() => orders?.close());

  it('refuse callers without a token (401), customers (403), and bad tokens (401)', async () => {
    const customer = await orders.issuer.token({ roles: ['customer'] });
    const expired = await orders.issuer.token({ roles: ['admin'], expiresInSeconds: -60 });
    const forged = await orders.issuer.tokenFromUnknownKey({ roles: ['admin'] });
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/admin/orders'],
      ['POST', `/admin/orders/${randomUUID()}/refund`, { reason: 'test' }],
      ['GET', '/sagas'],
      ['GET', `/sagas/${randomUUID()}`],
      ['POST', `/sagas/${randomUUID()}/retry`],
      ['GET', '/admin/dead-letters'],
    ];
    for (const [method, path, body] of routes) {
      const cases: Array<[string | undefined, number, string]> = [
        [undefined, 401, 'AUTH_REQUIRED'],
        [customer, 403, 'FORBIDDEN'],
        [expired, 401, 'TOKEN_EXPIRED'],
        [forged, 401, 'TOKEN_INVALID'],
      ];
      for (const [token, status, code] of cases) {
        const response = await orders.api(method, path, body, { token });
        assert.equal(response.status, status, `${method} ${path}`);
        assert.equal((await problemOf(response)).code, code, `${method} ${path}`);
      }
    }
  });

  it('list every customer’s orders for an admin, filtered by user and status', async () => {
    const [lamp] = orders.products;
    assert.ok(lamp);
    const ada = await shopper(orders);
    const bob = await shopper(orders);
    for (const customer of [ada, bob]) {
      await customer.addToCart(lamp.sku, 1);
      await customer.settled((await customer.placeOrder()).orderId);
    }
    const admin = await orders.issuer.token({ roles: ['admin'] });
    const list = async (query: string) =>
      bodyOf<OrderList>(await orders.api('GET', `/admin/orders${query}`, undefined, { token: admin }));
    assert.equal((await list('?status=confirmed')).items.length, 2);
    const adas = await list(`?userId=${ada.userId}`);
    assert.deepEqual(
      adas.items.map((item) => item.userId),
      [ada.userId],
    );
    const detail = await orders.api('GET', `/orders/${adas.items[0]?.id}`, undefined, { token: admin });
    assert.equal(detail.status, 200, 'an admin reads any order');
    const notRefundable = await orders.api(
      'POST',
      `/admin/orders/${adas.items[0]?.id}/refund`,
      { reason: 'not shipped' },
      { token: admin },
    );
    assert.equal(notRefundable.status, 409);
    assert.equal((await problemOf(notRefundable)).code, 'ORDER_NOT_REFUNDABLE');
  });
});
