import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { bodyOf, problemOf } from '@emporium/platform/testing';
import type { Cart } from './fixtures/orders-views.ts';
import { cardToken, SHIP_TO, type Shopper, shopper } from './fixtures/shopper.ts';
import { type OrdersUnderTest, startOrders } from './fixtures/start-orders.ts';

describe('bad input', () => {
  let orders: OrdersUnderTest;
  let ada: Shopper;
  let sku: string;
  before(async () => {
    orders = await startOrders();
    ada = await shopper(orders);
    sku = orders.products[0]?.sku ?? '';
    await ada.addToCart(sku, 1);
  });
  after(() => orders?.close());

  const cartLines = async () =>
    (await bodyOf<Cart>(await orders.api('GET', '/cart', undefined, { token: ada.token }))).lines;
  const orderCount = async () =>
    (await orders.service.database.db.selectFrom('orders').select('id').execute()).length;

  it('refuses bad cart items with 400 naming the field, changing nothing', async () => {
    const bodies: Record<string, [unknown, RegExp]> = {
      'no sku': [{ quantity: 1 }, /sku/],
      'lowercase sku': [{ sku: 'abc-123', quantity: 1 }, /sku/],
      'sku with a quote': [{ sku: "A'; DROP TABLE carts;--", quantity: 1 }, /sku/],
      'zero quantity': [{ sku, quantity: 0 }, /quantity/],
      'negative quantity': [{ sku, quantity: -3 }, /quantity/],
      'fractional quantity': [{ sku, quantity: 1.5 }, /quantity/],
      'quantity as text': [{ sku, quantity: '2' }, /quantity/],
      'quantity over 999': [{ sku, quantity: 1000 }, /quantity/],
      'unknown field': [{ sku, quantity: 1, price: 1 }, /price/],
      'an array': [[{ sku, quantity: 1 }], /body/],
    };
    for (const [what, [body, field]] of Object.entries(bodies)) {
      const response = await orders.api('POST', '/cart/items', body, { token: ada.token });
      assert.equal(response.status, 400, `${what}: ${await response.clone().text()}`);
      const problem = await problemOf(response);
      assert.equal(problem.code, 'VALIDATION_FAILED', what);
      assert.match(problem.detail, field, what);
    }
    const patch = await orders.api('PATCH', `/cart/items/${sku}`, { quantity: 0 }, { token: ada.token });
    assert.equal(patch.status, 400);
    const badGuest = await orders.api('GET', '/cart', undefined, { headers: { 'x-cart-id': 'not-a-uuid' } });
    assert.equal(badGuest.status, 400);
    const badKey = await orders.api(
      'POST',
      '/cart/items',
      { sku, quantity: 1 },
      {
        token: ada.token,
        headers: { 'idempotency-key': 'x'.repeat(256) },
      },
    );
    assert.equal((await problemOf(badKey)).code, 'IDEMPOTENCY_KEY_INVALID');
    assert.deepEqual(
      (await cartLines()).map((line) => [line.sku, line.quantity]),
      [[sku, 1]],
    );
  });

  it('refuses bad checkouts with 4xx, placing no order and keeping the cart', async () => {
    const base = { shipTo: SHIP_TO, cardToken: cardToken() };
    const bodies: Record<string, unknown> = {
      'no address': { cardToken: cardToken() },
      'no card token': { shipTo: SHIP_TO },
      'lowercase country': { ...base, shipTo: { ...SHIP_TO, country: 'de' } },
      'country name': { ...base, shipTo: { ...SHIP_TO, country: 'Germany' } },
      'blank recipient': { ...base, shipTo: { ...SHIP_TO, name: '   ' } },
      'recipient with a NUL': { ...base, shipTo: { ...SHIP_TO, name: 'Ada\u0000' } },
      'address with unknown field': { ...base, shipTo: { ...SHIP_TO, planet: 'Mars' } },
      'region as a name': { ...base, shipTo: { ...SHIP_TO, region: 'Bavaria' } },
      'token with spaces': { ...base, cardToken: 'tok visa' },
      'coupon with spaces': { ...base, couponCode: 'TEN OFF' },
      'currency in lowercase': { ...base, currency: 'eur' },
      'unknown field': { ...base, total: 1 },
      'huge line': { ...base, shipTo: { ...SHIP_TO, line1: 'x'.repeat(201) } },
      null: null,
    };
    for (const [what, body] of Object.entries(bodies)) {
      const response = await orders.api('POST', '/checkout', body, {
        token: ada.token,
        headers: { 'idempotency-key': randomUUID() },
      });
      assert.equal(response.status, 400, `${what}: ${await response.clone().text()}`);
      assert.equal((await problemOf(response)).code, 'VALIDATION_FAILED', what);
    }
    const anonymous = await orders.api('POST', '/checkout', base, {
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal(anonymous.status, 401);
    const malformed = await orders.api('POST', '/checkout', '{"shipTo": ', {
      token: ada.token,
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal((await problemOf(malformed)).code, 'MALFORMED_BODY');
    assert.equal(await orderCount(), 0);
    assert.equal((await cartLines()).length, 1);
  });

  it('refuses malformed ids, cursors and filters with 4xx, never 5xx', async () => {
    const admin = await orders.issuer.token({ roles: ['admin'] });
    const cases: Array<[string, string, string | undefined, number]> = [
      ['GET', '/orders/not-a-uuid', ada.token, 400],
      ['GET', `/orders/${randomUUID()}`, ada.token, 404],
      ['GET', '/orders?limit=0', ada.token, 400],
      ['GET', '/orders?limit=101', ada.token, 400],
      ['GET', '/orders?cursor=%27%3B%20drop', ada.token, 400],
      ['GET', `/orders?cursor=${'A'.repeat(201)}`, ada.token, 400],
      ['GET', '/orders?sort=price', ada.token, 400],
      ['POST', '/orders/%00/cancel', ada.token, 400],
      ['POST', `/orders/${randomUUID()}/cancel`, ada.token, 404],
      ['GET', '/admin/orders?status=lost', admin, 400],
      ['GET', '/sagas/not-a-uuid', admin, 400],
      ['GET', `/sagas/${randomUUID()}`, admin, 404],
      ['DELETE', `/cart/items/${'A'.repeat(150)}`, ada.token, 400],
      // Past the router's path parameter limit: Fastify's own 414.
      ['DELETE', `/cart/items/${'A'.repeat(300)}`, ada.token, 414],
    ];
    for (const [method, path, token, status] of cases) {
      const response = await orders.api(method, path, method === 'POST' ? {} : undefined, { token });
      assert.equal(response.status, status, `${method} ${path}: ${await response.clone().text()}`);
    }
    const cursor = await orders.api('GET', '/orders?cursor=bm90LWEtY3Vyc29y', undefined, {
      token: ada.token,
    });
    assert.equal((await problemOf(cursor)).code, 'INVALID_CURSOR');
  });

  it('refuses oversized and non-JSON bodies', async () => {
    const huge = await orders.api(
      'POST',
      '/cart/items',
      { sku, quantity: 1, pad: 'x'.repeat(1_100_000) },
      {
        token: ada.token,
      },
    );
    assert.equal(huge.status, 413);
    const text = await fetch(`${orders.service.url}/cart/items`, {
      method: 'POST',
      body: 'sku=ABC',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${ada.token}` },
    });
    assert.equal(text.status, 415);
    assert.equal((await cartLines()).length, 1);
  });
});
