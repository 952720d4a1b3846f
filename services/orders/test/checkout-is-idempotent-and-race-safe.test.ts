import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ReservationStatus } from '@emporium/contracts/proto/inventory/v1/inventory_service';
import { PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { bodyOf, problemOf } from '@emporium/platform/testing';
import type { Accepted } from './fixtures/orders-views.ts';
import { cardToken, SHIP_TO, shopper } from './fixtures/shopper.ts';
import { type OrdersUnderTest, startOrders } from './fixtures/start-orders.ts';

describe('checkout submitted twice, or racing for the last unit', () => {
  let orders: OrdersUnderTest;
  before(async () => {
    orders = await startOrders();
  });
  after(() => orders?.close());

  const ordersOf = async (userId: string) =>
    orders.service.database.db
      .selectFrom('orders')
      .select(['id', 'status'])
      .where('user_id', '=', userId)
      .execute();

  it('answers the same order for the same key, sent again or at the same time: one order, one payment', async () => {
    const [lamp] = orders.products;
    assert.ok(lamp);
    const ada = await shopper(orders);
    await ada.addToCart(lamp.sku, 1);
    const key = randomUUID();
    const body = { shipTo: SHIP_TO, cardToken: cardToken() };
    const submissions = await Promise.all([
      ada.checkout(body, key),
      ada.checkout(body, key),
      ada.checkout(body, key),
    ]);
    assert.deepEqual(
      submissions.map((response) => response.status),
      [202, 202, 202],
    );
    const answers = await Promise.all(submissions.map((response) => bodyOf<Accepted>(response)));
    assert.equal(new Set(answers.map((answer) => answer.orderId)).size, 1, 'one order');
    assert.equal(
      submissions.filter((response) => response.headers.get('idempotent-replayed') === 'true').length,
      2,
      'the two repeats say they are replays',
    );
    const first = answers[0] as Accepted;
    const order = await ada.settled(first.orderId);
    assert.equal(order.status, 'confirmed');

    const later = await ada.checkout(body, key);
    assert.equal(later.status, 202, 'a repeat after the fact answers the same order');
    assert.equal((await bodyOf<Accepted>(later)).orderId, first.orderId);
    assert.equal((await ordersOf(ada.userId)).length, 1);
    const payments = [...orders.fakes.payments.payments.values()].filter(
      (payment) => payment.userId === ada.userId,
    );
    assert.equal(payments.length, 1, 'one authorisation');

    const reused = await ada.checkout({ ...body, couponCode: 'TENOFF' }, key);
    assert.equal(reused.status, 422);
    assert.equal((await problemOf(reused)).code, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('orders a cart once even under two different keys: the second finds it empty', async () => {
    const [, mug] = orders.products;
    assert.ok(mug);
    const bob = await shopper(orders);
    await bob.addToCart(mug.sku, 1);
    const [one, two] = await Promise.all([bob.checkout(), bob.checkout()]);
    assert.deepEqual([one?.status, two?.status].sort(), [202, 422]);
    const refused = [one, two].find((response) => response?.status === 422) as Response;
    assert.equal((await problemOf(refused)).code, 'CART_EMPTY');
    assert.equal((await ordersOf(bob.userId)).length, 1);
  });

  it('refuses a checkout without a key, or of an empty cart, ordering nothing', async () => {
    const cleo = await shopper(orders);
    const empty = await cleo.checkout();
    assert.equal(empty.status, 422);
    assert.equal((await problemOf(empty)).code, 'CART_EMPTY');
    const [lamp] = orders.products;
    assert.ok(lamp);
    await cleo.addToCart(lamp.sku, 1);
    const keyless = await orders.api(
      'POST',
      '/checkout',
      { shipTo: SHIP_TO, cardToken: cardToken() },
      { token: cleo.token },
    );
    assert.equal(keyless.status, 400);
    assert.equal((await problemOf(keyless)).code, 'IDEMPOTENCY_KEY_MISSING');
    assert.equal((await ordersOf(cleo.userId)).length, 0);
  });

  it('lets one of two customers racing for the last unit win; the other is cancelled as out of stock', async () => {
    const [, , , last] = orders.products;
    assert.ok(last);
    orders.fakes.inventory.available.set(last.sku, 1);
    const racers = [await shopper(orders), await shopper(orders)];
    for (const racer of racers) await racer.addToCart(last.sku, 1);
    const accepted = await Promise.all(racers.map((racer) => racer.placeOrder()));
    const settled = await Promise.all(
      racers.map((racer, index) => racer.settled(accepted[index]?.orderId ?? '')),
    );

    assert.deepEqual(settled.map((order) => order.status).sort(), ['cancelled', 'confirmed']);
    const winner = settled.find((order) => order.status === 'confirmed');
    const loser = settled.find((order) => order.status === 'cancelled');
    assert.ok(winner && loser);
    assert.equal(loser.cancellation?.code, 'OUT_OF_STOCK');
    assert.match(loser.cancellation?.reason ?? '', new RegExp(`${last.sku}: 1 wanted, 0 available`));
    assert.equal(orders.fakes.payments.paymentOf(loser.id), undefined, 'the loser was never charged');
    assert.equal(orders.fakes.payments.paymentOf(winner.id)?.status, PaymentStatus.CAPTURED);
    assert.equal(orders.fakes.inventory.reservationOf(winner.id)?.status, ReservationStatus.RESERVED);
    assert.equal(orders.fakes.inventory.available.get(last.sku), 0, 'stock never goes below zero');
  });
});
