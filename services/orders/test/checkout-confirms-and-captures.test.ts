import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OrderConfirmed, OrderPlaced } from '@emporium/contracts';
import { ReservationStatus } from '@emporium/contracts/proto/inventory/v1/inventory_service';
import { PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { ShipmentStatus } from '@emporium/contracts/proto/shipping/v1/shipping_service';
import { dataOf, eventsAbout } from '@emporium/platform/messaging/testing';
import { bodyOf } from '@emporium/platform/testing';
import type { OrderList } from './fixtures/orders-views.ts';
import { finishedSaga } from './fixtures/saga-log.ts';
import { shopper } from './fixtures/shopper.ts';
import { type OrdersUnderTest, startOrders } from './fixtures/start-orders.ts';

describe('checkout, when every participant agrees', () => {
  let orders: OrdersUnderTest;
  before(async () => {
    orders = await startOrders();
  });
  after(() => orders?.close());

  it('confirms the order, captures the payment, and shows every step in the saga log', async () => {
    const [lamp, mug] = orders.products;
    assert.ok(lamp && mug);
    const ada = await shopper(orders);
    await ada.addToCart(lamp.sku, 2);
    const cart = await ada.addToCart(mug.sku, 1);
    assert.equal(cart.pricing, 'priced');

    const accepted = await ada.placeOrder();
    assert.equal(accepted.status, 'pending');
    const order = await ada.settled(accepted.orderId);

    assert.equal(order.status, 'confirmed');
    assert.equal(order.cancellation, null);
    const goods = lamp.priceMinor * 2 + mug.priceMinor;
    assert.deepEqual(order.subtotal, { amountMinor: goods, currency: 'EUR' });
    assert.deepEqual(order.shipping, { amountMinor: 495, currency: 'EUR' }, 'the cheapest standard rate');
    assert.deepEqual(order.total, { amountMinor: goods + 495, currency: 'EUR' });
    assert.deepEqual(order.captured, order.total);
    assert.equal(order.carrier, 'parcelpost');
    assert.deepEqual(
      order.lines.map((line) => [line.sku, line.quantity, line.unitPrice?.amountMinor]),
      [
        [lamp.sku, 2, lamp.priceMinor],
        [mug.sku, 1, mug.priceMinor],
      ],
    );
    assert.deepEqual(
      order.history.map((entry) => entry.status),
      ['pending', 'awaiting_payment', 'confirmed'],
    );

    const { fakes } = orders;
    const payment = fakes.payments.paymentOf(order.id);
    assert.equal(payment?.status, PaymentStatus.CAPTURED);
    assert.equal(payment?.capturedMinor, goods + 495);
    assert.equal(payment?.id, order.paymentId);
    assert.equal(fakes.inventory.reservationOf(order.id)?.status, ReservationStatus.RESERVED);
    assert.equal(fakes.inventory.available.get(lamp.sku), 98);
    assert.equal(fakes.shipping.shipmentOf(order.id)?.status, ShipmentStatus.LABEL_CREATED);
    assert.equal(fakes.shipping.shipmentOf(order.id)?.trackingNumber, order.trackingNumber);

    const emptied = await orders.api('GET', '/cart', undefined, { token: ada.token });
    assert.equal((await bodyOf<{ lines: unknown[] }>(emptied)).lines.length, 0, 'checkout empties the cart');

    const saga = await finishedSaga(orders, accepted.sagaId);
    assert.equal(saga.name, 'checkout');
    assert.equal(saga.status, 'completed');
    assert.deepEqual(
      saga.steps.map((entry) => `${entry.phase}:${entry.step}:${entry.outcome}`),
      [
        'action:create-order:succeeded',
        'action:reserve-stock:succeeded',
        'action:quote:succeeded',
        'action:authorise-payment:succeeded',
        'action:create-shipment:succeeded',
        'action:redeem-coupon:succeeded',
        'action:confirm-order:succeeded',
        'action:capture-payment:succeeded',
      ],
    );
    const customerLook = await orders.api('GET', `/sagas/${accepted.sagaId}`, undefined, {
      token: ada.token,
    });
    assert.equal(customerLook.status, 403, 'the step log is for operators');

    const events = await eventsAbout(orders.service.database.db, 'orders', order.id);
    assert.deepEqual(
      events.map((event) => event.type),
      [OrderPlaced.type, OrderConfirmed.type],
    );
    const confirmed = dataOf(OrderConfirmed, events[1]);
    assert.deepEqual(confirmed.total, { amountMinor: goods + 495, currency: 'EUR' });
    assert.equal(confirmed.paymentId, order.paymentId);
    assert.equal(dataOf(OrderPlaced, events[0]).lines.length, 2);
  });

  it('applies a coupon, redeeming it once for the order', async () => {
    const [lamp] = orders.products;
    assert.ok(lamp);
    const bob = await shopper(orders);
    await bob.addToCart(lamp.sku, 1);
    const order = await bob.settled((await bob.placeOrder({ couponCode: 'once' })).orderId);
    assert.equal(order.status, 'confirmed');
    assert.equal(order.couponCode, 'once');
    assert.deepEqual(order.discountTotal, {
      amountMinor: -Math.round(lamp.priceMinor / 10),
      currency: 'EUR',
    });
    assert.equal(orders.fakes.pricing.couponUses.get('ONCE'), 0);
  });

  it('lists a customer’s own orders, newest first, a page at a time', async () => {
    const [, , pen] = orders.products;
    assert.ok(pen);
    const cleo = await shopper(orders);
    const placed: string[] = [];
    for (let round = 0; round < 3; round++) {
      await cleo.addToCart(pen.sku, 1);
      placed.unshift((await cleo.placeOrder()).orderId);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await bodyOf<OrderList>(
        await orders.api('GET', `/orders${query}`, undefined, { token: cleo.token }),
      );
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, placed);
    const stranger = await shopper(orders);
    const other = await orders.api('GET', `/orders/${placed[0]}`, undefined, { token: stranger.token });
    assert.equal(other.status, 404, "another customer's order is not found");
  });
});
