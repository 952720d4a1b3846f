import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ShipmentCreated,
  ShipmentDelivered,
  ShipmentDispatched,
  ShipmentException,
  ShipmentReturned,
} from '@emporium/contracts';
import { ShipmentStatus } from '@emporium/contracts/proto/shipping/v1/shipping_service';
import { waitFor } from '@emporium/platform/testing';
import { sql } from 'kysely';
import { deliveryFate } from '../src/domain/carrier-scans.ts';
import { dataOf, eventsAbout } from './fixtures/outbox-events.ts';
import { shipmentRequest, shippingClient } from './fixtures/shipping-client.ts';
import { manualClock, type ShippingTestService, startShipping } from './fixtures/start-shipping.ts';

describe('the tracking job', () => {
  const services: ShippingTestService[] = [];
  after(async () => {
    for (const service of services) await service.close();
  });
  // Ticked by hand, with every first delivery failing.
  const clock = manualClock();
  let manual: ShippingTestService;
  before(async () => {
    manual = await startShipping({ exceptionPercent: 100, dependencies: { clock } });
    services.push(manual);
  });

  it('moves a shipment on its timer from label to delivered, publishing dispatched and delivered', async () => {
    const service = await startShipping({ simulation: true, tickMs: 20, exceptionPercent: 0 });
    services.push(service);
    const client = shippingClient(service.rpcUrl);
    const { shipment } = await client.createShipment(shipmentRequest());
    assert.ok(shipment);

    const delivered = await waitFor('the shipment to be delivered', async () => {
      const read = (await client.getShipment({ shipmentId: shipment.id })).shipment;
      return read?.status === ShipmentStatus.DELIVERED && read;
    });
    assert.deepEqual(
      delivered.timeline.map((event) => ShipmentStatus[event.status]),
      ['LABEL_CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED'],
    );
    const times = delivered.timeline.map(
      (event) => Number(event.time?.seconds) * 1000 + (event.time?.nanos ?? 0) / 1e6,
    );
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      'scans in time order',
    );

    const events = await eventsAbout(service.database.db, shipment.id);
    assert.deepEqual(
      events.map((event) => event.type),
      [ShipmentCreated.type, ShipmentDispatched.type, ShipmentDelivered.type],
    );
    const dispatched = dataOf(ShipmentDispatched, events[1]);
    assert.equal(dispatched.trackingNumber, shipment.trackingNumber);
    const deliveredData = dataOf(ShipmentDelivered, events[2]);
    assert.equal(deliveredData.deliveryAttempts, 1);
    assert.equal(deliveredData.orderId, shipment.orderId);
    const { rows } = await sql<{ next_scan_at: Date | null }>`
      select next_scan_at from shipments where id = ${shipment.id}`.execute(service.database.db);
    assert.equal(rows[0]?.next_scan_at, null, 'a delivered shipment leaves the queue');
  });

  it('fails first deliveries when told to, then redelivers or returns each parcel as its fate says', async () => {
    const service = manual;
    const client = shippingClient(service.rpcUrl);
    const shipments = [];
    for (let index = 0; index < 6; index++) {
      const { shipment } = await client.createShipment(shipmentRequest());
      assert.ok(shipment);
      shipments.push(shipment);
    }
    // Each tick an hour later: every shipment is due, and moves exactly one step.
    for (let tick = 0; tick < 8; tick++) {
      clock.advance(3_600_000);
      await service.tick();
    }
    for (const shipment of shipments) {
      const fate = deliveryFate(shipment.id, 100);
      assert.ok(fate.fails);
      const read = (await client.getShipment({ shipmentId: shipment.id })).shipment;
      const events = await eventsAbout(service.database.db, shipment.id);
      const types = events.map((event) => event.type);
      const exception = dataOf(ShipmentException, events[2]);
      assert.equal(exception.reason, fate.reason);
      if (fate.afterwards === 'redelivered') {
        assert.equal(read?.status, ShipmentStatus.DELIVERED);
        assert.deepEqual(types, [
          ShipmentCreated.type,
          ShipmentDispatched.type,
          ShipmentException.type,
          ShipmentDelivered.type,
        ]);
        assert.equal(dataOf(ShipmentDelivered, events[3]).deliveryAttempts, 2);
      } else {
        assert.equal(read?.status, ShipmentStatus.RETURNED);
        assert.deepEqual(types, [
          ShipmentCreated.type,
          ShipmentDispatched.type,
          ShipmentException.type,
          ShipmentReturned.type,
        ]);
        assert.equal(dataOf(ShipmentReturned, events[3]).reason, fate.reason);
      }
    }
  });

  it('lets instances tick at once without scanning any shipment twice', async () => {
    // The earlier test's parcels have all reached the end of their journeys: only these are due.
    const client = shippingClient(manual.rpcUrl);
    const ids: string[] = [];
    for (let index = 0; index < 12; index++) {
      const { shipment } = await client.createShipment(shipmentRequest());
      if (shipment) ids.push(shipment.id);
    }
    clock.advance(3_600_000);
    // Four "instances" run the job at the same moment, sharing the database.
    const moved = await Promise.all(Array.from({ length: 4 }, () => manual.tick()));
    assert.equal(
      moved.reduce((sum, count) => sum + count, 0),
      ids.length,
    );
    const { rows } = await sql<{ scans: string }>`
      select count(*) as scans from tracking_events where shipment_id = any(${ids}::uuid[])
      group by shipment_id`.execute(manual.database.db);
    assert.deepEqual(
      rows.map((row) => Number(row.scans)),
      ids.map(() => 2),
      'label created, then exactly one pickup each',
    );
  });
});
