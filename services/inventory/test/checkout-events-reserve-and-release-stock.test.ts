/**
 * Inventory's part in checkout by choreography, on a real PostgreSQL event bus: a checkout
 * request reserves the order's lines (stock.reserved) or is refused (inventory.checkout.refused)
 * and holds nothing; an abandoned checkout gives the stock back (stock.released). Redelivered
 * or repeated events change nothing more: the inbox skips the same event, and the order id
 * (one reservation per order) stops a second request.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CheckoutAbandoned,
  CheckoutRequested,
  type EventData,
  InventoryCheckoutRefused,
  StockReleased,
  StockReserved,
} from '@emporium/contracts';
import { createPostgresTransport, type EventTransport } from '@emporium/platform/messaging';
import { type BusProbe, startBusProbe, waitUntilHandled } from '@emporium/platform/messaging/testing';
import { createTestDatabase, type TestDatabase } from '@emporium/platform/testing';
import { CHECKOUT_GROUP } from '../src/events/checkout-consumer.ts';
import {
  dataOf,
  eventsAbout,
  startInventory,
  stockUp,
  type TestInventory,
  totalsOf,
} from './fixtures/start-inventory.ts';

function checkoutRequested(orderId: string, lines: { sku: string; quantity: number }[]) {
  return {
    orderId,
    userId: randomUUID(),
    lines,
    currency: 'EUR',
    shipTo: { name: 'Ada', line1: 'Main St 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
    couponCode: null,
    carrier: null,
    serviceLevel: 'standard',
    weightGrams: 500,
    reservationTtlSeconds: 3600,
    requestedAt: new Date().toISOString(),
  } satisfies EventData<typeof CheckoutRequested>;
}

const abandoned = (orderId: string) =>
  ({
    orderId,
    reasonCode: 'PAYMENT_DECLINED',
    reason: 'the card was declined',
    abandonedAt: new Date().toISOString(),
  }) satisfies EventData<typeof CheckoutAbandoned>;

describe('inventory in a choreographed checkout', () => {
  let bus: TestDatabase | undefined;
  let transport: EventTransport | undefined;
  let inventory: TestInventory | undefined;
  let probe: BusProbe | undefined;

  before(async () => {
    bus = await createTestDatabase('bus');
    transport = await createPostgresTransport({ url: bus.url, pollingIntervalSeconds: 0.5 });
    probe = await startBusProbe(transport, {
      group: 'inventory-test.orders',
      listensTo: [StockReserved, StockReleased, InventoryCheckoutRefused],
    });
    inventory = await startInventory({ eventTransport: transport });
  });
  after(async () => {
    await inventory?.close();
    await probe?.close();
    await transport?.close();
    await bus?.drop();
  });

  const handled = (...eventIds: string[]) => {
    assert.ok(inventory);
    return waitUntilHandled(inventory.db, CHECKOUT_GROUP, eventIds);
  };

  it('reserves an order once however often it is asked, and releases it once when abandoned', async () => {
    assert.ok(probe && inventory);
    const sku = 'CHOREO-LAMP-01';
    await stockUp(inventory.db, sku, { ams: 3 });
    const orderId = randomUUID();

    const request = await probe.publish(
      'orders',
      CheckoutRequested,
      orderId,
      checkoutRequested(orderId, [{ sku, quantity: 2 }]),
    );
    const reserved = dataOf(StockReserved, await probe.next(StockReserved, orderId));
    assert.deepEqual(reserved.lines, [{ sku, quantity: 2 }]);
    assert.equal((await totalsOf(inventory.db, sku)).reserved, 2);

    // The same event again, and a second request for the same order: nothing more is held.
    await probe.redeliver(request);
    const again = await probe.publish(
      'orders',
      CheckoutRequested,
      orderId,
      checkoutRequested(orderId, [{ sku, quantity: 2 }]),
    );
    await handled(request.id, again.id);
    assert.equal((await totalsOf(inventory.db, sku)).reserved, 2);

    const abandon = await probe.publish('orders', CheckoutAbandoned, orderId, abandoned(orderId));
    const released = dataOf(StockReleased, await probe.next(StockReleased, orderId));
    assert.equal(released.reason, 'released');
    assert.equal((await totalsOf(inventory.db, sku)).reserved, 0);

    await probe.redeliver(abandon);
    const abandonAgain = await probe.publish('orders', CheckoutAbandoned, orderId, abandoned(orderId));
    await handled(abandon.id, abandonAgain.id);
    assert.deepEqual(
      (await eventsAbout(inventory.db, orderId)).map((event) => event.type),
      [StockReserved.type, StockReleased.type],
      'one reservation and one release, whatever was delivered twice',
    );
    assert.deepEqual(await totalsOf(inventory.db, sku), { onHand: 3, reserved: 0, available: 3 });
  });

  it('refuses an order it cannot fill and holds nothing for it', async () => {
    assert.ok(probe && inventory);
    const sku = 'CHOREO-SOFA-01';
    await stockUp(inventory.db, sku, { fra: 1 });
    const orderId = randomUUID();
    await probe.publish(
      'orders',
      CheckoutRequested,
      orderId,
      checkoutRequested(orderId, [{ sku, quantity: 2 }]),
    );
    const refused = dataOf(InventoryCheckoutRefused, await probe.next(InventoryCheckoutRefused, orderId));
    assert.equal(refused.step, 'reserve');
    assert.equal(refused.code, 'INSUFFICIENT_STOCK');
    assert.match(refused.reason, new RegExp(sku));
    assert.deepEqual(await totalsOf(inventory.db, sku), { onHand: 1, reserved: 0, available: 1 });

    // Abandoning an order that holds nothing is harmless.
    const abandon = await probe.publish('orders', CheckoutAbandoned, orderId, abandoned(orderId));
    await handled(abandon.id);
    assert.deepEqual(
      (await eventsAbout(inventory.db, orderId)).map((event) => event.type),
      [InventoryCheckoutRefused.type],
    );
  });
});
