import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CartStarted } from '@emporium/contracts';
import { dataOf, eventsAbout } from '@emporium/platform/messaging/testing';
import { bodyOf, problemOf } from '@emporium/platform/testing';
import type { FakeProduct } from './fixtures/fakes/fake-catalog.ts';
import type { Cart } from './fixtures/orders-views.ts';
import { shopper } from './fixtures/shopper.ts';
import { type OrdersUnderTest, startOrders } from './fixtures/start-orders.ts';

describe('carts', () => {
  let orders: OrdersUnderTest;
  let lamp: FakeProduct;
  let mug: FakeProduct;
  const retired: FakeProduct = {
    sku: 'TEST-RETIRED-0001',
    name: 'Retired Kettle',
    priceMinor: 1999,
    discontinued: true,
  };
  before(async () => {
    orders = await startOrders();
    [lamp, mug] = orders.products as [FakeProduct, FakeProduct];
    orders.fakes.catalog.products.set(retired.sku, retired);
  });
  after(() => orders?.close());

  const guestCart = async () => {
    const response = await orders.api('POST', '/carts');
    assert.equal(response.status, 201);
    const cart = await bodyOf<Cart>(response);
    assert.equal(response.headers.get('x-cart-id'), cart.id);
    return cart.id as string;
  };
  const asGuest = (cartId: string, headers: Record<string, string> = {}) => ({
    headers: { 'x-cart-id': cartId, ...headers },
  });

  it('keeps a guest cart by its id: add, add more, change, remove, with prices from pricing', async () => {
    const id = await guestCart();
    const { api } = orders;
    await api('POST', '/cart/items', { sku: lamp.sku, quantity: 1 }, asGuest(id));
    await api('POST', '/cart/items', { sku: mug.sku, quantity: 2 }, asGuest(id));
    let cart = await bodyOf<Cart>(
      await api('POST', '/cart/items', { sku: lamp.sku, quantity: 2 }, asGuest(id)),
    );
    assert.deepEqual(
      cart.lines.map((line) => [line.sku, line.name, line.quantity]),
      [
        [lamp.sku, lamp.name, 3],
        [mug.sku, mug.name, 2],
      ],
    );
    assert.equal(cart.pricing, 'priced');
    assert.equal(cart.owner, 'guest');
    assert.deepEqual(cart.lines[0]?.unitPrice, { amountMinor: lamp.priceMinor, currency: 'EUR' });
    assert.deepEqual(cart.total, { amountMinor: lamp.priceMinor * 3 + mug.priceMinor * 2, currency: 'EUR' });
    assert.equal(cart.itemCount, 5);
    assert.equal(cart.taxIncluded, true);

    cart = await bodyOf<Cart>(await api('PATCH', `/cart/items/${mug.sku}`, { quantity: 5 }, asGuest(id)));
    assert.equal(cart.lines[1]?.quantity, 5);
    cart = await bodyOf<Cart>(await api('DELETE', `/cart/items/${lamp.sku}`, undefined, asGuest(id)));
    assert.deepEqual(
      cart.lines.map((line) => line.sku),
      [mug.sku],
    );
    const again = await api('DELETE', `/cart/items/${lamp.sku}`, undefined, asGuest(id));
    assert.equal(again.status, 200, 'removing a line twice is fine');

    // One CartStarted, for the first item: the top of analytics' funnel.
    const started = await eventsAbout(orders.service.database.db, 'orders', id);
    assert.deepEqual(
      started.map((event) => event.type),
      [CartStarted.type],
    );
    const { startedAt, ...data } = dataOf(CartStarted, started[0]);
    assert.deepEqual(data, { cartId: id, userId: null, sku: lamp.sku });
    assert.ok(Date.parse(startedAt) > 0);

    const missing = await api('PATCH', `/cart/items/${lamp.sku}`, { quantity: 1 }, asGuest(id));
    assert.equal(missing.status, 404);
    assert.equal((await problemOf(missing)).code, 'CART_LINE_NOT_FOUND');
    const unknownCart = await api('GET', '/cart', undefined, asGuest(randomUUID()));
    assert.equal((await problemOf(unknownCart)).code, 'CART_NOT_FOUND');
    const nobody = await api('GET', '/cart');
    assert.equal(nobody.status, 400);
    assert.equal((await problemOf(nobody)).code, 'CART_ID_REQUIRED');
  });

  it('refuses SKUs the catalog does not sell, and says so when the catalog cannot be asked', async () => {
    const ada = await shopper(orders);
    const add = (sku: string) =>
      orders.api('POST', '/cart/items', { sku, quantity: 1 }, { token: ada.token });
    const unknown = await add('NO-SUCH-0000');
    assert.equal(unknown.status, 422);
    assert.equal((await problemOf(unknown)).code, 'UNKNOWN_SKU');
    const gone = await add(retired.sku);
    assert.equal(gone.status, 422);
    assert.equal((await problemOf(gone)).code, 'PRODUCT_DISCONTINUED');
    orders.fakes.catalog.down = true;
    try {
      const down = await add(lamp.sku);
      assert.equal(down.status, 503);
      assert.equal((await problemOf(down)).code, 'CATALOG_UNAVAILABLE');
    } finally {
      orders.fakes.catalog.down = false;
    }
    const cart = await bodyOf<Cart>(await orders.api('GET', '/cart', undefined, { token: ada.token }));
    assert.deepEqual(cart.lines, [], 'nothing was added');
    assert.equal(cart.id, null, 'no cart was made for nothing');
  });

  it('shows the cart without prices, never an error, while pricing is down', async () => {
    const ada = await shopper(orders);
    await ada.addToCart(lamp.sku, 2);
    orders.fakes.pricing.down = true;
    try {
      const response = await orders.api('GET', '/cart', undefined, { token: ada.token });
      assert.equal(response.status, 200);
      const cart = await bodyOf<Cart>(response);
      assert.equal(cart.pricing, 'unavailable');
      assert.match(cart.pricingDetail ?? '', /not available/);
      assert.equal(cart.lines[0]?.quantity, 2);
      assert.equal(cart.lines[0]?.unitPrice, null);
      assert.equal(cart.total, null);
    } finally {
      orders.fakes.pricing.down = false;
    }
  });

  it('merges a guest cart into the user’s at login, adding up quantities, and deletes the guest cart', async () => {
    const ada = await shopper(orders);
    await ada.addToCart(lamp.sku, 1);
    const guest = await guestCart();
    await orders.api('POST', '/cart/items', { sku: lamp.sku, quantity: 2 }, asGuest(guest));
    await orders.api('POST', '/cart/items', { sku: mug.sku, quantity: 1 }, asGuest(guest));

    const key = randomUUID();
    const merge = () =>
      orders.api(
        'POST',
        '/cart/merge',
        { guestCartId: guest },
        { token: ada.token, headers: { 'idempotency-key': key } },
      );
    const merged = await merge();
    assert.equal(merged.status, 200, await merged.clone().text());
    const cart = await bodyOf<Cart>(merged);
    assert.equal(cart.owner, 'user');
    assert.deepEqual(
      cart.lines.map((line) => [line.sku, line.quantity]),
      [
        [lamp.sku, 3],
        [mug.sku, 1],
      ],
    );
    const replay = await merge();
    assert.equal(replay.headers.get('idempotent-replayed'), 'true', 'a retried merge with its key replays');
    assert.equal((await bodyOf<Cart>(replay)).lines[0]?.quantity, 3, 'and adds nothing twice');
    const gone = await orders.api('GET', '/cart', undefined, asGuest(guest));
    assert.equal((await problemOf(gone)).code, 'CART_NOT_FOUND');
    const twice = await orders.api('POST', '/cart/merge', { guestCartId: guest }, { token: ada.token });
    assert.equal((await problemOf(twice)).code, 'CART_NOT_FOUND');
    const anonymous = await orders.api('POST', '/cart/merge', { guestCartId: guest });
    assert.equal((await problemOf(anonymous)).code, 'AUTH_REQUIRED');
  });

  it('adds a product once per idempotency key, and caps a line at 999', async () => {
    const ada = await shopper(orders);
    const key = randomUUID();
    const add = (quantity: number, headers: Record<string, string> = { 'idempotency-key': key }) =>
      orders.api('POST', '/cart/items', { sku: mug.sku, quantity }, { token: ada.token, headers });
    await add(4);
    const replay = await add(4);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal((await bodyOf<Cart>(replay)).lines[0]?.quantity, 4);
    const reused = await add(5);
    assert.equal(reused.status, 422);
    assert.equal((await problemOf(reused)).code, 'IDEMPOTENCY_KEY_REUSED');
    const tooMany = await add(996, {});
    assert.equal(tooMany.status, 422);
    assert.equal((await problemOf(tooMany)).code, 'CART_LIMIT_EXCEEDED');
    const cart = await bodyOf<Cart>(await orders.api('GET', '/cart', undefined, { token: ada.token }));
    assert.equal(cart.lines[0]?.quantity, 4, 'refused changes change nothing');
  });
});
