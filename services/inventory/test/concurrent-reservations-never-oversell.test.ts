/**
 * The invariant inventory exists for, checked against a real PostgreSQL through the real gRPC
 * server: however many reservations race for the same stock, no unit is promised twice, and
 * reservations locking overlapping SKUs in any order never deadlock.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Code, ConnectError } from '@connectrpc/connect';
import { ReservationStatus } from '@emporium/contracts/proto/inventory/v1/inventory_service';
import { sql } from 'kysely';
import {
  startInventory,
  stockRows,
  stockUp,
  type TestInventory,
  totalsOf,
} from './fixtures/start-inventory.ts';

/** Every call's outcome: its reservation status, or the gRPC code it failed with. */
async function outcomes(calls: Promise<{ reservation?: { status: ReservationStatus } | undefined }>[]) {
  const settled = await Promise.allSettled(calls);
  return settled.map((result) =>
    result.status === 'fulfilled'
      ? (result.value.reservation?.status ?? 'none')
      : Code[ConnectError.from(result.reason).code],
  );
}

function tally(values: readonly unknown[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
}

describe('concurrent reservations on a real database', () => {
  let inventory: TestInventory;
  before(async () => {
    // A pool as large as the load, so the calls really meet in PostgreSQL, not in the pool's queue.
    inventory = await startInventory({ host: { DATABASE_POOL_MAX: 30 } });
  });
  after(() => inventory?.close());

  it('lets exactly 10 of 30 one-unit reservations of a 10-unit SKU succeed', async () => {
    const sku = 'RACE-LAST-0001';
    await stockUp(inventory.db, sku, { ams: 4, fra: 3, lyo: 3 });
    const results = await outcomes(
      Array.from({ length: 30 }, () =>
        inventory.grpc.reserve({ orderId: randomUUID(), lines: [{ sku, quantity: 1 }] }),
      ),
    );
    assert.deepEqual(tally(results), { [ReservationStatus.RESERVED]: 10, FailedPrecondition: 20 });

    const rows = await stockRows(inventory.db, sku);
    assert.deepEqual(
      rows.map((row) => [row.warehouse, row.on_hand, row.reserved]),
      [
        ['ams', 4, 4],
        ['fra', 3, 3],
        ['lyo', 3, 3],
      ],
    );
    const { rows: allocated } = await sql<{ units: number; reservations: number }>`
      select coalesce(sum(a.quantity), 0)::int as units, count(distinct r.id)::int as reservations
      from reservation_allocations a join reservations r on r.id = a.reservation_id
      where a.sku = ${sku} and r.status = 'reserved'`.execute(inventory.db);
    assert.deepEqual(allocated[0], { units: 10, reservations: 10 }, 'allocations match what is reserved');
  });

  it('never deadlocks when reservations take overlapping SKUs in opposite orders, and keeps every count', async () => {
    const skus = ['RACE-A-0001', 'RACE-B-0001', 'RACE-C-0001', 'RACE-D-0001'];
    for (const sku of skus) await stockUp(inventory.db, sku, { ams: 50, fra: 50, lyo: 50 });
    const orders = Array.from({ length: 40 }, (_, index) => ({
      orderId: randomUUID(),
      // Each order takes 1-2 units of three SKUs, half listing them forwards and half backwards.
      lines: (index % 2 === 0 ? skus : [...skus].reverse())
        .filter((_, position) => position !== index % 4)
        .map((sku, position) => ({ sku, quantity: 1 + ((index + position) % 2) })),
    }));
    const reserved = await outcomes(orders.map((order) => inventory.grpc.reserve(order)));
    assert.deepEqual(tally(reserved), { [ReservationStatus.RESERVED]: 40 }, 'no deadlock, no refusal');

    // Then a third give stock back, a third ship, and a third are reserved again, all at once.
    const settled = await outcomes(
      orders.map((order, index) =>
        index % 3 === 0
          ? inventory.grpc.release({ orderId: order.orderId })
          : index % 3 === 1
            ? inventory.grpc.commit({ orderId: order.orderId })
            : inventory.grpc.reserve(order),
      ),
    );
    assert.deepEqual(tally(settled), {
      [ReservationStatus.RELEASED]: 14,
      [ReservationStatus.COMMITTED]: 13,
      [ReservationStatus.RESERVED]: 13,
    });

    for (const sku of skus) {
      const asked = (statuses: number[]) =>
        orders
          .filter((_, index) => statuses.includes(index % 3))
          .flatMap((order) => order.lines)
          .filter((line) => line.sku === sku)
          .reduce((sum, line) => sum + line.quantity, 0);
      assert.deepEqual(
        await totalsOf(inventory.db, sku),
        { onHand: 150 - asked([1]), reserved: asked([2]), available: 150 - asked([1, 2]) },
        `${sku}: shipped units left, reserved ones are held, released ones are back`,
      );
    }
  });

  it('makes one reservation when the same order is reserved ten times at once', async () => {
    const sku = 'RACE-SAME-0001';
    await stockUp(inventory.db, sku, { fra: 5 });
    const orderId = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => inventory.grpc.reserve({ orderId, lines: [{ sku, quantity: 2 }] })),
    );
    assert.equal(new Set(responses.map((response) => response.reservation?.id)).size, 1);
    assert.deepEqual(await totalsOf(inventory.db, sku), { onHand: 5, reserved: 2, available: 3 });
  });

  it('never lets a count go negative: the database refuses it whatever the code does', async () => {
    const sku = 'RACE-GUARD-0001';
    await stockUp(inventory.db, sku, { ams: 1 });
    await assert.rejects(
      sql`update stock set reserved = 2 where sku = ${sku} and warehouse = 'ams'`.execute(inventory.db),
      /stock_reserved_within_on_hand/,
    );
    await assert.rejects(
      sql`update stock set on_hand = -1, reserved = -1 where sku = ${sku}`.execute(inventory.db),
      /violates check constraint/,
    );
  });
});
