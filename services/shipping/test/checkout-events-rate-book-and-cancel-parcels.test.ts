/**
 * Shipping's part in checkout by choreography, on a real PostgreSQL event bus: a checkout
 * request is rated as the orchestrated quote chooses (the carrier asked for, or the service
 * level's cheapest) or refused; a shipment request books one parcel per order; an abandoned
 * checkout cancels it. Redelivered and repeated events book and cancel nothing more.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CheckoutAbandoned,
  CheckoutRequested,
  type EventData,
  RateQuoted,
  ShipmentCancelled,
  ShipmentCreated,
  ShipmentRequested,
  ShippingCheckoutRefused,
} from '@emporium/contracts';
import { type CloudEvent, createPostgresTransport, type EventTransport } from '@emporium/platform/messaging';
import { type BusProbe, startBusProbe, waitUntilHandled } from '@emporium/platform/messaging/testing';
import { createTestDatabase, type TestDatabase } from '@emporium/platform/testing';
import { CHECKOUT_GROUP } from '../src/events/checkout-consumer.ts';
import { dataOf, outboxEvents } from './fixtures/outbox-events.ts';
import { type ShippingTestService, startShipping } from './fixtures/start-shipping.ts';

const SHIP_TO = {
  name: 'Ada Lovelace',
  line1: 'Hauptstr. 1',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

const checkoutRequested = (orderId: string, carrier: string | null) =>
  ({
    orderId,
    userId: randomUUID(),
    lines: [{ sku: 'HOME-LAMP-0001', quantity: 3 }],
    currency: 'EUR',
    shipTo: SHIP_TO,
    couponCode: null,
    carrier,
    serviceLevel: 'standard',
    weightGrams: 1_500,
    reservationTtlSeconds: 3600,
    requestedAt: new Date().toISOString(),
  }) satisfies EventData<typeof CheckoutRequested>;

const shipmentRequested = (orderId: string, carrier: string) =>
  ({
    orderId,
    carrier,
    serviceLevel: 'standard',
    shipTo: SHIP_TO,
    items: [{ sku: 'HOME-LAMP-0001', quantity: 3 }],
    weightGrams: 1_500,
    currency: 'EUR',
    requestedAt: new Date().toISOString(),
  }) satisfies EventData<typeof ShipmentRequested>;

describe('shipping in a choreographed checkout', () => {
  let bus: TestDatabase | undefined;
  let transport: EventTransport | undefined;
  let shipping: ShippingTestService | undefined;
  let probe: BusProbe | undefined;

  before(async () => {
    bus = await createTestDatabase('bus');
    transport = await createPostgresTransport({ url: bus.url, pollingIntervalSeconds: 0.5 });
    probe = await startBusProbe(transport, {
      group: 'shipping-test.orders',
      listensTo: [RateQuoted, ShipmentCreated, ShipmentCancelled, ShippingCheckoutRefused],
    });
    shipping = await startShipping({ dependencies: { eventTransport: transport } });
  });
  after(async () => {
    await shipping?.close();
    await probe?.close();
    await transport?.close();
    await bus?.drop();
  });

  const handled = (...events: CloudEvent[]) => {
    assert.ok(shipping);
    return waitUntilHandled(
      shipping.database.db,
      CHECKOUT_GROUP,
      events.map((event) => event.id),
    );
  };
  const shipmentsOf = (orderId: string) => {
    assert.ok(shipping);
    return shipping.database.db
      .selectFrom('shipments')
      .select(['id', 'status'])
      .where('order_id', '=', orderId)
      .execute();
  };
  const publishedFor = async (orderId: string) => {
    assert.ok(shipping);
    return (await outboxEvents(shipping.database.db))
      .filter((event) => (event.data as { orderId?: string }).orderId === orderId)
      .map((event) => event.type);
  };

  it('rates the carrier asked for, or the cheapest of the level, and refuses one that does not ship it', async () => {
    assert.ok(probe);
    const cheapest = randomUUID();
    await probe.publish('orders', CheckoutRequested, cheapest, checkoutRequested(cheapest, null));
    const rate = dataOf(RateQuoted, await probe.next(RateQuoted, cheapest));
    assert.deepEqual(
      [rate.carrier, rate.serviceLevel, rate.priceMinor, rate.currency],
      ['ecofreight', 'standard', 695, 'EUR'],
    );

    const asked = randomUUID();
    await probe.publish('orders', CheckoutRequested, asked, checkoutRequested(asked, 'parcelpost'));
    const parcelpost = dataOf(RateQuoted, await probe.next(RateQuoted, asked));
    assert.deepEqual([parcelpost.carrier, parcelpost.priceMinor], ['parcelpost', 1095]);

    const expressOnly = randomUUID();
    await probe.publish(
      'orders',
      CheckoutRequested,
      expressOnly,
      checkoutRequested(expressOnly, 'swiftship'),
    );
    const refused = dataOf(ShippingCheckoutRefused, await probe.next(ShippingCheckoutRefused, expressOnly));
    assert.equal(refused.step, 'rate');
    assert.equal(refused.code, 'NO_RATE');
    assert.match(refused.reason, /no carrier swiftship ships standard to DE/);
  });

  it('books one parcel per order and cancels it once when the checkout is abandoned', async () => {
    assert.ok(probe);
    const orderId = randomUUID();
    const request = await probe.publish(
      'orders',
      ShipmentRequested,
      orderId,
      shipmentRequested(orderId, 'ecofreight'),
    );
    const created = dataOf(ShipmentCreated, await probe.next(ShipmentCreated, orderId));
    assert.equal(created.carrier, 'ecofreight');
    await probe.redeliver(request);
    const again = await probe.publish(
      'orders',
      ShipmentRequested,
      orderId,
      shipmentRequested(orderId, 'ecofreight'),
    );
    await handled(request, again);
    assert.deepEqual(await shipmentsOf(orderId), [{ id: created.shipmentId, status: 'label_created' }]);

    const abandonedData = {
      orderId,
      reasonCode: 'COUPON_REFUSED',
      reason: 'the coupon cannot be used',
      abandonedAt: new Date().toISOString(),
    };
    const abandon = await probe.publish('orders', CheckoutAbandoned, orderId, abandonedData);
    await probe.next(ShipmentCancelled, orderId);
    await probe.redeliver(abandon);
    const abandonAgain = await probe.publish('orders', CheckoutAbandoned, orderId, abandonedData);
    await handled(abandon, abandonAgain);
    assert.deepEqual(await shipmentsOf(orderId), [{ id: created.shipmentId, status: 'cancelled' }]);
    assert.deepEqual(await publishedFor(orderId), [ShipmentCreated.type, ShipmentCancelled.type]);
  });

  it('refuses a booking the carrier cannot take, booking nothing', async () => {
    assert.ok(probe);
    const orderId = randomUUID();
    await probe.publish('orders', ShipmentRequested, orderId, shipmentRequested(orderId, 'swiftship'));
    const refused = dataOf(ShippingCheckoutRefused, await probe.next(ShippingCheckoutRefused, orderId));
    assert.equal(refused.step, 'create-shipment');
    assert.equal(refused.code, 'UNKNOWN_SERVICE_LEVEL');
    assert.deepEqual(await shipmentsOf(orderId), []);
  });
});
