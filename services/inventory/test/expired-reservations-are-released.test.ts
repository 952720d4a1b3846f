import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Code } from '@connectrpc/connect';
import { StockReleased } from '@emporium/contracts';
import { ReservationStatus } from '@emporium/contracts/proto/inventory/v1/inventory_service';
import { createEventPublisher } from '@emporium/platform/messaging';
import { waitFor } from '@emporium/platform/testing';
import { createStockEvents } from '../src/events/stock-events.ts';
import { expireDueReservations } from '../src/reservations/reservation-expiry-job.ts';
import type { InventoryDeps } from '../src/stock/inventory-deps.ts';
import { rpcErrorOf } from './fixtures/rpc-errors.ts';
import {
  dataOf,
  eventsAbout,
  startInventory,
  stockUp,
  type TestInventory,
  testClock,
  totalsOf,
} from './fixtures/start-inventory.ts';

const status = (inventory: TestInventory, orderId: string) =>
  inventory.db
    .selectFrom('reservations')
    .select('status')
    .where('order_id', '=', orderId)
    .executeTakeFirstOrThrow()
    .then((row) => row.status);

describe('the expiry job', () => {
  const clock = testClock();
  let inventory: TestInventory;
  before(async () => {
    inventory = await startInventory({ clock: clock.now, config: { RESERVATION_EXPIRY_INTERVAL_MS: 50 } });
    await stockUp(inventory.db, 'EXPIRY-LAMP-0001', { ams: 5 });
  });
  after(() => inventory?.close());

  it('gives back the stock of a reservation not committed in time, and says so on the bus', async () => {
    const orderId = randomUUID();
    const { reservation } = await inventory.grpc.reserve({
      orderId,
      lines: [{ sku: 'EXPIRY-LAMP-0001', quantity: 3 }],
      ttlSeconds: 10,
    });
    assert.equal(Number(reservation?.expireTime?.seconds) * 1000, clock.now().getTime() + 10_000);

    clock.advance(9_999);
    // The job runs every 50 ms: several runs later the reservation still holds.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await status(inventory, orderId), 'reserved');
    assert.equal((await totalsOf(inventory.db, 'EXPIRY-LAMP-0001')).available, 2);

    clock.advance(1);
    await waitFor('the reservation to expire', async () => (await status(inventory, orderId)) === 'expired');
    assert.deepEqual(await totalsOf(inventory.db, 'EXPIRY-LAMP-0001'), {
      onHand: 5,
      reserved: 0,
      available: 5,
    });

    const events = await eventsAbout(inventory.db, orderId);
    assert.deepEqual(
      events.map((event) => event.type),
      ['emporium.inventory.stock.reserved.v1', StockReleased.type],
    );
    const released = dataOf(StockReleased, events[1]);
    assert.equal(released.reason, 'expired');
    assert.equal(released.reservationId, reservation?.id);
    assert.deepEqual(released.allocations, [{ sku: 'EXPIRY-LAMP-0001', warehouse: 'ams', quantity: 3 }]);
    assert.equal(released.releasedAt, clock.now().toISOString());

    // An expired reservation stays expired: a retried Reserve and Commit are refused.
    const retried = await rpcErrorOf(
      inventory.grpc.reserve({ orderId, lines: [{ sku: 'EXPIRY-LAMP-0001', quantity: 3 }] }),
    );
    assert.equal(retried.code, Code.FailedPrecondition);
    assert.match(retried.message, /was expired at .*place the order again under a new order id/);
    assert.equal((await totalsOf(inventory.db, 'EXPIRY-LAMP-0001')).reserved, 0);
    const commit = await rpcErrorOf(inventory.grpc.commit({ orderId }));
    assert.equal(commit.code, Code.FailedPrecondition);
    assert.match(commit.message, /was expired at/);
    assert.equal((await inventory.grpc.release({ orderId })).reservation?.status, ReservationStatus.EXPIRED);
    assert.equal((await eventsAbout(inventory.db, orderId)).length, 2, 'released once');
  });

  it('leaves committed and released reservations alone', async () => {
    const [committed, released] = [randomUUID(), randomUUID()];
    for (const orderId of [committed, released]) {
      await inventory.grpc.reserve({
        orderId,
        lines: [{ sku: 'EXPIRY-LAMP-0001', quantity: 1 }],
        ttlSeconds: 10,
      });
    }
    await inventory.grpc.commit({ orderId: committed });
    await inventory.grpc.release({ orderId: released });
    clock.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await status(inventory, committed), 'committed');
    assert.equal(await status(inventory, released), 'released');
    assert.deepEqual(await totalsOf(inventory.db, 'EXPIRY-LAMP-0001'), {
      onHand: 4,
      reserved: 0,
      available: 4,
    });
  });
});

describe('a reservation past its expiry before the job reaches it', () => {
  const clock = testClock();
  let inventory: TestInventory;
  before(async () => {
    // The job sleeps for an hour: only the calls themselves can notice the expiry.
    inventory = await startInventory({
      clock: clock.now,
      config: { RESERVATION_EXPIRY_INTERVAL_MS: 3_600_000 },
    });
    await stockUp(inventory.db, 'EXPIRY-SOFA-0001', { fra: 2 });
  });
  after(() => inventory?.close());

  it('cannot be committed: Commit expires it and refuses, so the stock goes back', async () => {
    const orderId = randomUUID();
    await inventory.grpc.reserve({
      orderId,
      lines: [{ sku: 'EXPIRY-SOFA-0001', quantity: 2 }],
      ttlSeconds: 30,
    });
    clock.advance(30_000);
    const commit = await rpcErrorOf(inventory.grpc.commit({ orderId }));
    assert.equal(commit.code, Code.FailedPrecondition);
    assert.equal(await status(inventory, orderId), 'expired');
    assert.deepEqual(await totalsOf(inventory.db, 'EXPIRY-SOFA-0001'), {
      onHand: 2,
      reserved: 0,
      available: 2,
    });
    const events = await eventsAbout(inventory.db, orderId);
    assert.equal(dataOf(StockReleased, events[1]).reason, 'expired');
  });

  it('is expired by jobs of several instances exactly once, each taking different reservations', async () => {
    await stockUp(inventory.db, 'EXPIRY-MANY-0001', { ams: 100 });
    const orderIds = Array.from({ length: 30 }, () => randomUUID());
    for (const orderId of orderIds) {
      await inventory.grpc.reserve({
        orderId,
        lines: [{ sku: 'EXPIRY-MANY-0001', quantity: 2 }],
        ttlSeconds: 10,
      });
    }
    clock.advance(10_000);
    const deps: InventoryDeps = {
      db: inventory.db,
      events: createStockEvents(createEventPublisher('inventory', clock.now), 5),
      clock: clock.now,
      lowStockThreshold: 5,
    };
    // Four "instances" each expire batches of 4 at the same time until nothing is due.
    const instance = async () => {
      let total = 0;
      for (let expired = -1; expired !== 0; total += expired) expired = await expireDueReservations(deps, 4);
      return total;
    };
    const counts = await Promise.all([instance(), instance(), instance(), instance()]);
    assert.equal(
      counts.reduce((sum, count) => sum + count, 0),
      30,
    );
    assert.deepEqual(await totalsOf(inventory.db, 'EXPIRY-MANY-0001'), {
      onHand: 100,
      reserved: 0,
      available: 100,
    });
    for (const orderId of orderIds) {
      const types = (await eventsAbout(inventory.db, orderId)).map((event) => event.type);
      assert.deepEqual(types, ['emporium.inventory.stock.reserved.v1', StockReleased.type], orderId);
    }
  });
});
