/**
 * Checkout by choreography (CHECKOUT_STYLE=choreography), orders' side, on a real PostgreSQL
 * event bus: the test stands in for inventory, pricing, payments and shipping, answering
 * orders' requests with their events. orders carries the order through the same states, with
 * the same totals, as the orchestrated saga; a refusal cancels it with the reason and abandons
 * the checkout (the participants' cue to undo); a success arriving after that is abandoned
 * again; a checkout nobody answers is cancelled at its deadline. Redeliveries change nothing.
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CheckoutAbandoned,
  CheckoutRequested,
  CouponRedeemed,
  CouponRedemptionRequested,
  type EventData,
  InventoryCheckoutRefused,
  OrderCancelled,
  OrderConfirmed,
  OrderQuoted,
  PaymentAuthorized,
  PaymentCaptured,
  PaymentCaptureRequested,
  PaymentRequested,
  RateQuoted,
  ShipmentCreated,
  ShipmentRequested,
  ShippingCheckoutRefused,
  StockReserved,
} from '@emporium/contracts';
import { type CloudEvent, createPostgresTransport } from '@emporium/platform/messaging';
import { dataOf, eventsAbout, startBusProbe, waitUntilHandled } from '@emporium/platform/messaging/testing';
import { bodyOf, createTestDatabase, type TestDatabase, waitFor } from '@emporium/platform/testing';
import { CHECKOUT_CHOREOGRAPHY_GROUP } from '../src/choreography/checkout-reactions.ts';
import type { OrderDetail } from './fixtures/orders-views.ts';
import { type Shopper, shopper } from './fixtures/shopper.ts';
import { startOrders } from './fixtures/start-orders.ts';

/** What orders asks of the participants, which the probe hears in their place. */
const REQUESTS = [
  CheckoutRequested,
  PaymentRequested,
  ShipmentRequested,
  CouponRedemptionRequested,
  PaymentCaptureRequested,
  CheckoutAbandoned,
];

interface ChoreographyView {
  stage: string;
  waitingFor: string | null;
  events: Array<{ direction: string; type: string; note: string | null }>;
}

async function choreographedShop(bus: TestDatabase, config: { SAGA_TIMEOUT_MS: number }) {
  const transport = await createPostgresTransport({ url: bus.url, pollingIntervalSeconds: 0.5 });
  const probe = await startBusProbe(transport, { group: `orders-test.${randomUUID()}`, listensTo: REQUESTS });
  const orders = await startOrders({
    eventTransport: transport,
    config: { CHECKOUT_STYLE: 'choreography', ...config },
  });
  return {
    transport,
    probe,
    orders,
    async close() {
      await orders.close();
      await probe.close();
      await transport.close();
    },
  };
}

/** The answers a participant would send, with the data orders reads. */
const answers = {
  reserved: (orderId: string, lines: Array<{ sku: string; quantity: number }>) =>
    ({
      reservationId: randomUUID(),
      orderId,
      lines,
      allocations: lines.map((line) => ({ ...line, warehouse: 'ams' })),
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      reservedAt: new Date().toISOString(),
    }) satisfies EventData<typeof StockReserved>,
  quoted: (orderId: string, lines: Array<{ sku: string; quantity: number; unitPriceMinor: number }>) => {
    const subtotal = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
    const discount = -Math.round(subtotal / 10);
    return {
      orderId,
      currency: 'EUR',
      lines: lines.map((line) => ({
        ...line,
        netMinor:
          line.quantity * line.unitPriceMinor - Math.round((line.quantity * line.unitPriceMinor) / 10),
      })),
      subtotalMinor: subtotal,
      discountTotalMinor: discount,
      taxTotalMinor: Math.round((subtotal + discount) * 0.19),
      totalMinor: subtotal + discount,
      taxIncluded: true,
      quotedAt: new Date().toISOString(),
    } satisfies EventData<typeof OrderQuoted>;
  },
  rated: (orderId: string) =>
    ({
      orderId,
      carrier: 'ecofreight',
      serviceLevel: 'standard',
      priceMinor: 695,
      currency: 'EUR',
      quotedAt: new Date().toISOString(),
    }) satisfies EventData<typeof RateQuoted>,
  authorized: (orderId: string, paymentId: string, amountMinor: number) =>
    ({
      paymentId,
      orderId,
      userId: randomUUID(),
      amount: { amountMinor, currency: 'EUR' },
      card: { brand: 'visa', last4: '4242' },
      fraudScore: 3,
      authorizedAt: new Date().toISOString(),
    }) satisfies EventData<typeof PaymentAuthorized>,
  shipmentCreated: (orderId: string, shipmentId: string) =>
    ({
      shipmentId,
      orderId,
      carrier: 'ecofreight',
      serviceLevel: 'standard',
      trackingNumber: 'EF123456785DE',
      destinationCountry: 'DE',
      items: [{ sku: 'X', quantity: 1 }],
      weightGrams: 500,
      price: { amountMinor: 695, currency: 'EUR' },
      createdAt: new Date().toISOString(),
    }) satisfies EventData<typeof ShipmentCreated>,
};

describe('checkout by choreography, as orders drives it', () => {
  let bus: TestDatabase | undefined;
  let shop: Awaited<ReturnType<typeof choreographedShop>> | undefined;

  before(async () => {
    bus = await createTestDatabase('bus');
    shop = await choreographedShop(bus, { SAGA_TIMEOUT_MS: 60_000 });
  });
  after(async () => {
    await shop?.close();
    await bus?.drop();
  });

  async function choreography(sagaId: string): Promise<ChoreographyView> {
    assert.ok(shop);
    const admin = await shop.orders.issuer.token({ roles: ['admin'] });
    const response = await shop.orders.api('GET', `/choreographies/${sagaId}`, undefined, { token: admin });
    assert.equal(response.status, 200, await response.clone().text());
    return bodyOf<ChoreographyView>(response);
  }
  const orderIn = (customer: Shopper, id: string, status: string) =>
    waitFor(`order ${id} ${status}`, async () => {
      const order = await customer.order(id);
      return order.status === status && order;
    });
  const handled = (...events: CloudEvent[]) => {
    assert.ok(shop);
    return waitUntilHandled(
      shop.orders.service.database.db,
      CHECKOUT_CHOREOGRAPHY_GROUP,
      events.map((event) => event.id),
    );
  };

  it('confirms the order with the quoted totals and captures once, by events alone', async () => {
    assert.ok(shop);
    const { probe, orders } = shop;
    const [lamp, mug] = orders.products;
    assert.ok(lamp && mug);
    const ada = await shopper(orders);
    await ada.addToCart(lamp.sku, 2);
    await ada.addToCart(mug.sku, 1);
    const token = `tok_visa_${randomUUID()}`;
    const accepted = await ada.placeOrder({ couponCode: 'welcome10', cardToken: token });
    const { orderId } = accepted;

    const request = dataOf(CheckoutRequested, await probe.next(CheckoutRequested, orderId));
    assert.deepEqual(request.lines, [
      { sku: lamp.sku, quantity: 2 },
      { sku: mug.sku, quantity: 1 },
    ]);
    assert.equal(request.couponCode, 'welcome10');
    assert.ok(!JSON.stringify(request).includes(token), 'the card token goes to payments alone');

    // Inventory, pricing and shipping answer in any order; payment is asked once all three did.
    const quote = answers.quoted(orderId, [
      { sku: lamp.sku, quantity: 2, unitPriceMinor: lamp.priceMinor },
      { sku: mug.sku, quantity: 1, unitPriceMinor: mug.priceMinor },
    ]);
    await probe.publish('pricing', OrderQuoted, orderId, quote);
    await probe.publish('shipping', RateQuoted, orderId, answers.rated(orderId));
    await probe.publish('inventory', StockReserved, orderId, answers.reserved(orderId, request.lines));
    const payment = dataOf(PaymentRequested, await probe.next(PaymentRequested, orderId));
    const total = quote.totalMinor + 695;
    assert.deepEqual(payment.amount, { amountMinor: total, currency: 'EUR' });
    assert.equal(payment.cardTokenDigest, createHash('sha256').update(token).digest('hex'));
    assert.equal((await ada.order(orderId)).status, 'awaiting_payment');

    const paymentId = randomUUID();
    const authorized = await probe.publish(
      'payments',
      PaymentAuthorized,
      paymentId,
      answers.authorized(orderId, paymentId, total),
    );
    const shipment = dataOf(ShipmentRequested, await probe.next(ShipmentRequested, orderId));
    assert.equal(shipment.carrier, 'ecofreight');
    assert.deepEqual(shipment.items, request.lines);
    // The same authorisation again asks for no second parcel.
    await probe.redeliver(authorized);
    await handled(authorized);

    const shipmentId = randomUUID();
    await probe.publish(
      'shipping',
      ShipmentCreated,
      shipmentId,
      answers.shipmentCreated(orderId, shipmentId),
    );
    const redemption = dataOf(
      CouponRedemptionRequested,
      await probe.next(CouponRedemptionRequested, orderId),
    );
    assert.equal(redemption.couponCode, 'welcome10');
    assert.equal((await ada.order(orderId)).status, 'awaiting_payment', 'not confirmed before the coupon');

    await probe.publish('pricing', CouponRedeemed, orderId, {
      orderId,
      couponCode: 'WELCOME10',
      remainingUses: -1,
      redeemedAt: new Date().toISOString(),
    });
    const capture = dataOf(PaymentCaptureRequested, await probe.next(PaymentCaptureRequested, orderId));
    assert.deepEqual(capture, { ...capture, paymentId, amount: { amountMinor: total, currency: 'EUR' } });
    await probe.publish('payments', PaymentCaptured, paymentId, {
      paymentId,
      orderId,
      amount: { amountMinor: total, currency: 'EUR' },
      released: { amountMinor: 0, currency: 'EUR' },
      capturedAt: new Date().toISOString(),
    });
    const order: OrderDetail = await ada.settled(orderId);
    assert.equal(order.status, 'confirmed');
    assert.deepEqual(order.total, { amountMinor: total, currency: 'EUR' });
    assert.deepEqual(order.captured, order.total);
    assert.deepEqual(order.shipping, { amountMinor: 695, currency: 'EUR' });
    assert.deepEqual(order.discountTotal, { amountMinor: quote.discountTotalMinor, currency: 'EUR' });
    assert.deepEqual(
      order.lines.map((line) => [line.sku, line.unitPrice?.amountMinor, line.lineTotal?.amountMinor]),
      quote.lines.map((line) => [line.sku, line.unitPriceMinor, line.netMinor]),
    );
    assert.deepEqual(
      [order.carrier, order.paymentId, order.shipmentId],
      ['ecofreight', paymentId, shipmentId],
    );
    assert.deepEqual(
      order.history.map((entry) => entry.status),
      ['pending', 'awaiting_payment', 'confirmed'],
    );

    const db = orders.service.database.db;
    const sent = await eventsAbout(db, 'orders', orderId);
    assert.ok(!JSON.stringify(sent).includes(token), 'the card token is on the bus in no event');
    const published = sent.map((event) => event.type);
    assert.deepEqual(published, [
      CheckoutRequested.type,
      'emporium.orders.order.placed.v1',
      PaymentRequested.type,
      ShipmentRequested.type,
      CouponRedemptionRequested.type,
      OrderConfirmed.type,
      PaymentCaptureRequested.type,
    ]);
    const view = await choreography(accepted.sagaId);
    assert.equal(view.stage, 'completed');
    assert.equal(view.waitingFor, null);
    const seen = view.events.map(
      (event) => `${event.direction} ${event.type.split('.').slice(1, 4).join('.')}`,
    );
    // The three answers to the request come in whatever order the bus delivers them.
    assert.deepEqual(
      [seen[0], ...seen.slice(1, 4).sort(), ...seen.slice(4)],
      [
        'sent orders.checkout.requested',
        'received inventory.stock.reserved',
        'received pricing.order.quoted',
        'received shipping.rate.quoted',
        'sent orders.payment.requested',
        'received payments.payment.authorized',
        'sent orders.shipment.requested',
        'received shipping.shipment.created',
        'sent orders.coupon.redemption-requested',
        'received pricing.coupon.redeemed',
        'sent orders.payment.capture-requested',
        'received payments.payment.captured',
      ],
    );
  });

  it('cancels the order with the refusal an orchestrated checkout would meet first, and abandons the checkout', async () => {
    assert.ok(shop);
    const { probe, orders } = shop;
    const [lamp] = orders.products;
    assert.ok(lamp);
    const bob = await shopper(orders);
    await bob.addToCart(lamp.sku, 80);
    const { orderId, sagaId } = await bob.placeOrder();
    await probe.next(CheckoutRequested, orderId);

    // Shipping refuses first (the parcel is too heavy), then inventory (not enough stock):
    // orders waits for pricing too, then cancels for the stock, as the orchestrated saga
    // (which reserves before it quotes) would.
    const tooHeavy = await probe.publish('shipping', ShippingCheckoutRefused, orderId, {
      orderId,
      step: 'rate',
      code: 'NO_RATE',
      reason: 'no carrier ships standard to DE',
      refusedAt: new Date().toISOString(),
    });
    const noStock = await probe.publish('inventory', InventoryCheckoutRefused, orderId, {
      orderId,
      step: 'reserve',
      code: 'INSUFFICIENT_STOCK',
      reason: `Not enough stock: ${lamp.sku} wants 80, 2 available`,
      refusedAt: new Date().toISOString(),
    });
    await handled(tooHeavy, noStock);
    assert.equal((await bob.order(orderId)).status, 'pending', 'pricing has not answered yet');
    await probe.publish(
      'pricing',
      OrderQuoted,
      orderId,
      answers.quoted(orderId, [{ sku: lamp.sku, quantity: 80, unitPriceMinor: lamp.priceMinor }]),
    );

    const abandoned = dataOf(CheckoutAbandoned, await probe.next(CheckoutAbandoned, orderId));
    assert.equal(abandoned.reasonCode, 'OUT_OF_STOCK');
    const order = await orderIn(bob, orderId, 'cancelled');
    assert.deepEqual(order.cancellation, {
      code: 'OUT_OF_STOCK',
      reason: `not enough stock: Not enough stock: ${lamp.sku} wants 80, 2 available`,
    });
    assert.equal(order.total, null, 'never priced');
    assert.equal(order.paymentId, null, 'no payment was asked for');
    const published = (await eventsAbout(orders.service.database.db, 'orders', orderId)).map(
      (event) => event.type,
    );
    assert.deepEqual(published, [
      CheckoutRequested.type,
      'emporium.orders.order.placed.v1',
      OrderCancelled.type,
      CheckoutAbandoned.type,
    ]);
    const view = await choreography(sagaId);
    assert.equal(view.stage, 'cancelled');
    assert.equal(view.waitingFor, null);
  });
});

describe('checkout by choreography, when nobody answers', () => {
  let bus: TestDatabase | undefined;
  let shop: Awaited<ReturnType<typeof choreographedShop>> | undefined;

  before(async () => {
    bus = await createTestDatabase('bus');
    shop = await choreographedShop(bus, { SAGA_TIMEOUT_MS: 1_000 });
  });
  after(async () => {
    await shop?.close();
    await bus?.drop();
  });

  it('cancels the order at the deadline, naming what it waited for, and abandons the checkout', async () => {
    assert.ok(shop);
    const { probe, orders } = shop;
    const [mug] = orders.products;
    assert.ok(mug);
    const cyd = await shopper(orders);
    await cyd.addToCart(mug.sku, 1);
    const { orderId } = await cyd.placeOrder();
    await probe.next(CheckoutRequested, orderId);
    await probe.publish('shipping', RateQuoted, orderId, answers.rated(orderId));

    const abandoned = dataOf(CheckoutAbandoned, await probe.next(CheckoutAbandoned, orderId));
    assert.equal(abandoned.reasonCode, 'CHECKOUT_FAILED');
    const order = await cyd.order(orderId);
    assert.equal(order.status, 'cancelled');
    assert.equal(order.cancellation?.code, 'CHECKOUT_FAILED');
    assert.match(
      order.cancellation?.reason ?? '',
      /no answer within 1000 ms from inventory's reservation, pricing's quote and shipping's rate/,
    );

    // Inventory's reservation comes after the deadline: the checkout is abandoned again, so
    // inventory releases it.
    await probe.publish(
      'inventory',
      StockReserved,
      orderId,
      answers.reserved(orderId, [{ sku: mug.sku, quantity: 1 }]),
    );
    await waitFor('the checkout abandoned again', () =>
      probe.about(orderId).filter((event) => event.type === CheckoutAbandoned.type).length === 2
        ? true
        : undefined,
    );
    assert.equal((await cyd.order(orderId)).status, 'cancelled');
  });
});
