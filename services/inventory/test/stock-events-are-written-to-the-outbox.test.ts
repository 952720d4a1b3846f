import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { StockAdjusted, StockCommitted, StockLow, StockReleased, StockReserved } from '@emporium/contracts';
import { jsonClient } from '@emporium/platform/testing';
import { rpcErrorOf } from './fixtures/rpc-errors.ts';
import {
  dataOf,
  eventsAbout,
  outboxEvents,
  startInventory,
  stockUp,
  type TestInventory,
  testClock,
} from './fixtures/start-inventory.ts';

// No bus is configured here, so every event stays in the outbox where the test can read it.
describe('stock events in the outbox', () => {
  const clock = testClock();
  let inventory: TestInventory;
  before(async () => {
    inventory = await startInventory({ clock: clock.now });
  });
  after(() => inventory?.close());

  it('writes StockReserved, then StockCommitted, with the order as subject', async () => {
    await stockUp(inventory.db, 'EVT-LAMP-0001', { ams: 20, lyo: 30 });
    const orderId = randomUUID();
    const { reservation } = await inventory.grpc.reserve({
      orderId,
      lines: [{ sku: 'EVT-LAMP-0001', quantity: 35 }],
      ttlSeconds: 600,
    });
    clock.advance(1_000);
    await inventory.grpc.commit({ orderId });
    await inventory.grpc.commit({ orderId });

    const events = await eventsAbout(inventory.db, orderId);
    assert.equal(events.length, 2, 'a repeated Commit publishes nothing');
    const allocations = [
      { sku: 'EVT-LAMP-0001', warehouse: 'ams', quantity: 5 },
      { sku: 'EVT-LAMP-0001', warehouse: 'lyo', quantity: 30 },
    ];
    assert.deepEqual(dataOf(StockReserved, events[0]), {
      reservationId: reservation?.id,
      orderId,
      lines: [{ sku: 'EVT-LAMP-0001', quantity: 35 }],
      allocations,
      expiresAt: new Date(clock.now().getTime() - 1_000 + 600_000).toISOString(),
      reservedAt: new Date(clock.now().getTime() - 1_000).toISOString(),
    });
    assert.deepEqual(dataOf(StockCommitted, events[1]), {
      reservationId: reservation?.id,
      orderId,
      lines: [{ sku: 'EVT-LAMP-0001', quantity: 35 }],
      allocations,
      committedAt: clock.now().toISOString(),
    });
  });

  it('writes StockReleased with reason released, once however often it is released', async () => {
    await stockUp(inventory.db, 'EVT-SOFA-0001', { fra: 40 });
    const orderId = randomUUID();
    await inventory.grpc.reserve({ orderId, lines: [{ sku: 'EVT-SOFA-0001', quantity: 1 }] });
    await inventory.grpc.release({ orderId });
    await inventory.grpc.release({ orderId });
    const events = await eventsAbout(inventory.db, orderId);
    assert.deepEqual(
      events.map((event) => event.type),
      [StockReserved.type, StockReleased.type],
    );
    assert.equal(dataOf(StockReleased, events[1]).reason, 'released');
  });

  it('writes StockLow once when availability crosses the threshold, and again only after it recovered', async () => {
    const sku = 'EVT-SCARCE-0001';
    await stockUp(inventory.db, sku, { ams: 4, fra: 4 });
    const lowEvents = async () =>
      (await eventsAbout(inventory.db, sku)).filter((event) => event.type === StockLow.type);
    const reserve = async (quantity: number) => {
      const orderId = randomUUID();
      await inventory.grpc.reserve({ orderId, lines: [{ sku, quantity }] });
      return orderId;
    };

    await reserve(2); // 8 -> 6: above the threshold of 5
    assert.equal((await lowEvents()).length, 0);
    const crossing = await reserve(1); // 6 -> 5: at the threshold
    assert.equal((await lowEvents()).length, 1);
    assert.deepEqual(dataOf(StockLow, (await lowEvents())[0]), {
      sku,
      available: 5,
      threshold: 5,
      changedAt: clock.now().toISOString(),
    });
    const lower = await reserve(3); // 5 -> 2: still low, nothing new
    await inventory.grpc.commit({ orderId: crossing }); // on hand and reserved both down: 2 stays 2
    assert.equal((await lowEvents()).length, 1);

    await inventory.grpc.release({ orderId: lower }); // 2 -> 5: still at the threshold
    assert.equal((await lowEvents()).length, 1);
    const admin = await inventory.tokens.token(['admin']);
    const restocked = await jsonClient(inventory.service.url)(
      'POST',
      `/admin/stock/${sku}/lyo/restock`,
      { quantity: 10 },
      { token: admin, headers: { 'idempotency-key': randomUUID() } },
    );
    assert.equal(restocked.status, 200); // 5 -> 15: recovered
    await reserve(10); // 15 -> 5: crosses again
    const lows = await lowEvents();
    assert.equal(lows.length, 2);
    assert.equal(dataOf(StockLow, lows[1]).available, 5);
  });

  it('writes StockAdjusted for a restock and a count, and nothing for a count that changes nothing', async () => {
    const sku = 'EVT-COUNT-0001';
    await stockUp(inventory.db, sku, { ams: 10 });
    const api = jsonClient(inventory.service.url);
    const token = await inventory.tokens.token(['admin']);
    await api(
      'POST',
      `/admin/stock/${sku}/fra/restock`,
      { quantity: 4 },
      { token, headers: { 'idempotency-key': randomUUID() } },
    );
    await api('PUT', `/admin/stock/${sku}/ams`, { onHand: 3 }, { token });
    await api('PUT', `/admin/stock/${sku}/ams`, { onHand: 3 }, { token });
    let events = await eventsAbout(inventory.db, sku);
    assert.deepEqual(
      events.map((event) => event.type),
      [StockAdjusted.type, StockAdjusted.type],
    );
    assert.deepEqual(dataOf(StockAdjusted, events[0]), {
      sku,
      warehouse: 'fra',
      reason: 'restock',
      onHandBefore: 0,
      onHand: 4,
      availableBefore: 10,
      available: 14,
      adjustedAt: clock.now().toISOString(),
    });
    assert.deepEqual(dataOf(StockAdjusted, events[1]), {
      sku,
      warehouse: 'ams',
      reason: 'count',
      onHandBefore: 10,
      onHand: 3,
      availableBefore: 14,
      available: 7,
      adjustedAt: clock.now().toISOString(),
    });

    // A count can take a SKU into low stock too: 7 -> 4.
    await api('PUT', `/admin/stock/${sku}/ams`, { onHand: 0 }, { token });
    events = await eventsAbout(inventory.db, sku);
    assert.deepEqual(
      events.slice(2).map((event) => event.type),
      [StockAdjusted.type, StockLow.type],
    );
    assert.equal(dataOf(StockLow, events[3]).available, 4);
  });

  it('writes no event for a refused call', async () => {
    await stockUp(inventory.db, 'EVT-REFUSED-0001', { ams: 1 });
    const before = (await outboxEvents(inventory.db)).length;
    const orderId = randomUUID();
    await rpcErrorOf(inventory.grpc.reserve({ orderId, lines: [{ sku: 'EVT-REFUSED-0001', quantity: 2 }] }));
    await rpcErrorOf(inventory.grpc.reserve({ orderId, lines: [{ sku: 'NO-SUCH-0001', quantity: 1 }] }));
    await rpcErrorOf(inventory.grpc.commit({ orderId }));
    assert.equal((await outboxEvents(inventory.db)).length, before);
  });
});
