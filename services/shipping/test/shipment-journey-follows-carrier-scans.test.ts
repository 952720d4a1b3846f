import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  deliveryFate,
  nextScan,
  type TrackedShipment,
  ticksUntilNextScan,
} from '../src/domain/carrier-scans.ts';
import {
  assertMove,
  IllegalShipmentTransition,
  isCancellable,
  isFinal,
  type ShipmentStatus,
} from '../src/domain/shipment-status.ts';

function parcel(id: string): TrackedShipment {
  return {
    id,
    status: 'label_created',
    deliveryAttempts: 0,
    carrierName: 'ParcelPost',
    hub: { city: 'Utrecht', country: 'NL' },
    destination: { city: 'Berlin', country: 'DE' },
  };
}

/** Every scan of a shipment's journey until it ends. */
function journey(id: string, exceptionPercent: number) {
  let shipment = parcel(id);
  const scans = [];
  for (let step = 0; step < 20; step++) {
    const scan = nextScan(shipment, exceptionPercent);
    if (!scan) return scans;
    scans.push(scan);
    shipment = { ...shipment, status: scan.status, deliveryAttempts: scan.deliveryAttempts };
  }
  assert.fail(`the journey of ${id} did not end`);
}

/** The first id `shipment-<n>` whose fate matches. */
function idWhere(matches: (id: string) => boolean): string {
  for (let n = 0; n < 10_000; n++) if (matches(`shipment-${n}`)) return `shipment-${n}`;
  assert.fail('no such id');
}

describe('the shipment state machine', () => {
  it('allows only the moves of a real parcel', () => {
    assertMove('label_created', 'picked_up');
    assertMove('label_created', 'cancelled');
    assertMove('out_for_delivery', 'exception');
    assertMove('exception', 'out_for_delivery');
    assertMove('exception', 'returned');
    const illegal: Array<[ShipmentStatus, ShipmentStatus]> = [
      ['picked_up', 'cancelled'],
      ['label_created', 'delivered'],
      ['delivered', 'exception'],
      ['cancelled', 'picked_up'],
      ['returned', 'out_for_delivery'],
      ['in_transit', 'picked_up'],
    ];
    for (const [from, to] of illegal) assert.throws(() => assertMove(from, to), IllegalShipmentTransition);
  });

  it('can cancel only before pickup, and ends at delivered, returned or cancelled', () => {
    assert.ok(isCancellable('label_created'));
    for (const status of ['picked_up', 'in_transit', 'delivered', 'cancelled'] as const) {
      assert.ok(!isCancellable(status), status);
    }
    assert.deepEqual(
      (
        [
          'label_created',
          'picked_up',
          'in_transit',
          'out_for_delivery',
          'delivered',
          'exception',
          'returned',
          'cancelled',
        ] as const
      ).filter(isFinal),
      ['delivered', 'returned', 'cancelled'],
    );
  });
});

describe('the simulated carrier scans', () => {
  it('take an ordinary parcel from the warehouse through the hub to the door', () => {
    const scans = journey('shipment-ordinary', 0);
    assert.deepEqual(
      scans.map((scan) => [scan.status, scan.location]),
      [
        ['picked_up', 'Tilburg, NL'],
        ['in_transit', 'Utrecht, NL'],
        ['out_for_delivery', 'Berlin, DE'],
        ['delivered', 'Berlin, DE'],
      ],
    );
    assert.equal(scans.at(-1)?.deliveryAttempts, 1);
    assert.equal(scans[0]?.description, 'Picked up by ParcelPost');
  });

  it('fail a first delivery, then deliver on a second attempt or return the parcel, per shipment', () => {
    const redelivered = idWhere((id) => {
      const fate = deliveryFate(id, 100);
      return fate.fails && fate.afterwards === 'redelivered';
    });
    assert.deepEqual(
      journey(redelivered, 100).map((scan) => scan.status),
      ['picked_up', 'in_transit', 'out_for_delivery', 'exception', 'out_for_delivery', 'delivered'],
    );
    const again = journey(redelivered, 100);
    assert.equal(again.at(-1)?.deliveryAttempts, 2);
    assert.match(again[3]?.description ?? '', /^Delivery attempt failed: /);
    assert.equal(again[4]?.description, 'Out for delivery (attempt 2)');

    const returned = idWhere((id) => {
      const fate = deliveryFate(id, 100);
      return fate.fails && fate.afterwards === 'returned';
    });
    const scans = journey(returned, 100);
    assert.deepEqual(
      scans.map((scan) => scan.status),
      ['picked_up', 'in_transit', 'out_for_delivery', 'exception', 'returned'],
    );
    assert.equal(scans.at(-1)?.location, 'Tilburg, NL');
    assert.equal(scans.at(-1)?.reason, scans[3]?.reason);
  });

  it('meet an exception on about the configured share of parcels, the same ones every time', () => {
    const ids = Array.from({ length: 10_000 }, (_, index) => `parcel-${index}`);
    const failing = ids.filter((id) => deliveryFate(id, 5).fails).length;
    assert.ok(failing > 400 && failing < 600, `${failing} of 10000 at 5%`);
    assert.equal(ids.filter((id) => deliveryFate(id, 0).fails).length, 0);
    assert.equal(ids.filter((id) => deliveryFate(id, 100).fails).length, ids.length);
    assert.deepEqual(journey('parcel-7', 5), journey('parcel-7', 5));
  });

  it('pace each step 1-3 ticks (2-4 at the warehouse), deterministically per shipment', () => {
    const ids = Array.from({ length: 300 }, (_, index) => `pace-${index}`);
    const waits = ids.map((id) => ticksUntilNextScan(id, 'in_transit', 0));
    assert.deepEqual([...new Set(waits)].sort(), [1, 2, 3]);
    const atWarehouse = ids.map((id) => ticksUntilNextScan(id, 'label_created', 0));
    assert.deepEqual([...new Set(atWarehouse)].sort(), [2, 3, 4]);
    assert.equal(ticksUntilNextScan('pace-1', 'picked_up', 0), ticksUntilNextScan('pace-1', 'picked_up', 0));
  });

  it('have nothing after a final status', () => {
    for (const status of ['delivered', 'returned', 'cancelled'] as const) {
      assert.equal(nextScan({ ...parcel('x'), status }, 5), undefined);
    }
  });
});
