/**
 * Inventory on a real PostgreSQL event bus: a ProductCreated from the catalog gives the new
 * SKU a row in every warehouse, once however often it is delivered, and the outbox relay
 * sends inventory's own events to the bus.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ProductCreated, StockReserved } from '@emporium/contracts';
import {
  type CloudEvent,
  createCloudEvent,
  createPostgresTransport,
  type EventTransport,
  type Subscription,
} from '@emporium/platform/messaging';
import { publishEvents } from '@emporium/platform/messaging/testing';
import { createTestDatabase, jsonClient, type TestDatabase, waitFor } from '@emporium/platform/testing';
import { startInventory, stockRows, stockUp, type TestInventory } from './fixtures/start-inventory.ts';

describe('inventory on the event bus', () => {
  let bus: TestDatabase | undefined;
  let transport: EventTransport | undefined;
  let inventory: TestInventory | undefined;
  let listener: Subscription | undefined;
  const received: CloudEvent[] = [];

  before(async () => {
    bus = await createTestDatabase('bus');
    transport = await createPostgresTransport({ url: bus.url, pollingIntervalSeconds: 0.5 });
    // Another context listening to inventory's events, subscribed before anything is published.
    listener = await transport.subscribe({
      group: 'inventory-test.listener',
      types: [StockReserved.type],
      async onDelivery(delivery) {
        received.push(JSON.parse(delivery.body));
        await delivery.ack();
      },
    });
    inventory = await startInventory({ eventTransport: transport });
  });
  after(async () => {
    await inventory?.close();
    await listener?.close();
    await transport?.close();
    await bus?.drop();
  });

  const productCreated = (sku: string) =>
    createCloudEvent('catalog', ProductCreated, {
      subject: sku,
      data: {
        sku,
        name: 'Bus Lamp',
        brand: 'Busbar',
        categorySlug: 'lighting',
        attributes: {},
        status: 'active',
        changedAt: new Date().toISOString(),
      },
    });

  it('gives a new product an empty row in every warehouse, once however often the event comes', async () => {
    assert.ok(transport && inventory);
    const sku = 'BUS-LAMP-0001';
    const event = productCreated(sku);
    await publishEvents(transport, event);
    const db = inventory.db;
    const rows = await waitFor('stock rows for the new product', async () => {
      const found = await stockRows(db, sku);
      return found.length === 3 && found;
    });
    assert.deepEqual(
      rows.map((row) => [row.warehouse, row.on_hand, row.reserved]),
      [
        ['ams', 0, 0],
        ['fra', 0, 0],
        ['lyo', 0, 0],
      ],
    );

    // Stock arrives; a redelivery of the same event, or the product created again, leaves it.
    const admin = await inventory.tokens.token(['admin']);
    await jsonClient(inventory.service.url)(
      'PUT',
      `/admin/stock/${sku}/fra`,
      { onHand: 8 },
      { token: admin },
    );
    const again = productCreated(sku);
    await publishEvents(transport, event, again);
    await waitFor('both deliveries to be handled', async () => {
      const handled = await db
        .selectFrom('inbox')
        .select('event_id')
        .where('event_id', '=', again.id)
        .execute();
      return handled.length === 1;
    });
    assert.deepEqual(
      (await stockRows(db, sku)).map((row) => row.on_hand),
      [0, 8, 0],
    );
  });

  it("relays inventory's events to the bus", async () => {
    assert.ok(inventory);
    await stockUp(inventory.db, 'BUS-SOFA-0001', { ams: 2 });
    const orderId = randomUUID();
    await inventory.grpc.reserve({ orderId, lines: [{ sku: 'BUS-SOFA-0001', quantity: 1 }] });
    const delivered = await waitFor('StockReserved on the bus', () =>
      received.find((event) => event.subject === orderId),
    );
    assert.equal(delivered.type, StockReserved.type);
    assert.equal(delivered.source, 'inventory');
  });
});
