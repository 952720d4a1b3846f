import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ShipmentCancelled } from '@emporium/contracts';
import {
  bodyOf,
  jsonClient,
  problemOf,
  startTestTokenIssuer,
  type TestTokenIssuer,
} from '@emporium/platform/testing';
import { eventsAbout } from './fixtures/outbox-events.ts';
import { type ShippingClient, shipmentRequest, shippingClient } from './fixtures/shipping-client.ts';
import { manualClock, type ShippingTestService, startShipping } from './fixtures/start-shipping.ts';

interface ShipmentView {
  id: string;
  orderId: string;
  status: string;
  trackingNumber: string;
  labelPath: string;
  trackingPath: string;
  shipTo: { recipient: string; country: string };
  price: { amountMinor: number; currency: string };
  timeline?: Array<{ status: string }>;
}
interface ShipmentList {
  shipments: ShipmentView[];
  nextCursor: string | null;
}
interface CarrierList {
  carriers: Array<{
    code: string;
    name: string;
    lanes: Array<{
      serviceLevel: string;
      zone: string;
      rates: Array<{ maxWeightGrams: number; price: { amountMinor: number } }>;
    }>;
    unservedCountries: string[];
  }>;
}

describe('admin endpoints', () => {
  const clock = manualClock();
  let issuer: TestTokenIssuer;
  let service: ShippingTestService;
  let client: ShippingClient;
  let api: ReturnType<typeof jsonClient>;
  let admin: string;
  const created: string[] = [];

  before(async () => {
    issuer = await startTestTokenIssuer();
    service = await startShipping({ jwksUrl: issuer.jwksUrl, dependencies: { clock } });
    client = shippingClient(service.rpcUrl);
    api = jsonClient(service.url);
    admin = await issuer.token({ roles: ['admin'] });
    for (let index = 0; index < 5; index++) {
      clock.advance(1_000);
      const { shipment } = await client.createShipment(shipmentRequest({ orderId: `order-admin-${index}` }));
      if (shipment) created.push(shipment.id);
    }
  });
  after(async () => {
    await service?.close();
    await issuer?.close();
  });

  it('refuses every admin route without a token, or with a token lacking the admin role', async () => {
    const id = created[0] ?? '';
    const customer = await issuer.token({ roles: ['customer'] });
    const routes: Array<[string, string]> = [
      ['GET', '/admin/shipments'],
      ['GET', `/admin/shipments/${id}`],
      ['POST', `/admin/shipments/${id}/cancel`],
      ['GET', '/admin/carriers'],
      ['GET', `/shipments/${id}/label`],
    ];
    for (const [method, path] of routes) {
      const anonymous = await api(method, path, undefined, { headers: { 'idempotency-key': randomUUID() } });
      assert.equal(anonymous.status, 401, `${method} ${path}`);
      assert.equal((await problemOf(anonymous)).code, 'AUTH_REQUIRED');
      const shopper = await api(method, path, undefined, {
        token: customer,
        headers: { 'idempotency-key': randomUUID() },
      });
      assert.equal(shopper.status, 403, `${method} ${path}`);
    }
    const read = await bodyOf<ShipmentView>(
      await api('GET', `/admin/shipments/${id}`, undefined, { token: admin }),
    );
    assert.equal(read.status, 'label_created', 'refused cancels changed nothing');
  });

  it('lists shipments newest first a page at a time, filtered by status or order', async () => {
    const first = await bodyOf<ShipmentList>(
      await api('GET', '/admin/shipments?limit=2', undefined, { token: admin }),
    );
    assert.deepEqual(
      first.shipments.map((shipment) => shipment.id),
      [created[4], created[3]],
    );
    assert.ok(first.nextCursor);
    const second = await bodyOf<ShipmentList>(
      await api('GET', `/admin/shipments?limit=2&cursor=${first.nextCursor}`, undefined, { token: admin }),
    );
    assert.deepEqual(
      second.shipments.map((shipment) => shipment.id),
      [created[2], created[1]],
    );
    const last = await bodyOf<ShipmentList>(
      await api('GET', `/admin/shipments?limit=2&cursor=${second.nextCursor}`, undefined, { token: admin }),
    );
    assert.deepEqual(
      last.shipments.map((shipment) => shipment.id),
      [created[0]],
    );
    assert.equal(last.nextCursor, null);

    const byOrder = await bodyOf<ShipmentList>(
      await api('GET', '/admin/shipments?orderId=order-admin-2', undefined, { token: admin }),
    );
    assert.deepEqual(
      byOrder.shipments.map((shipment) => shipment.orderId),
      ['order-admin-2'],
    );
    const delivered = await bodyOf<ShipmentList>(
      await api('GET', '/admin/shipments?status=delivered', undefined, { token: admin }),
    );
    assert.deepEqual(delivered.shipments, []);

    const forged = await api('GET', '/admin/shipments?cursor=bm90LWEtY3Vyc29y', undefined, { token: admin });
    assert.equal(forged.status, 400);
    assert.equal((await problemOf(forged)).code, 'INVALID_CURSOR');
  });

  it('shows one shipment with its address, label path and timeline', async () => {
    const id = created[1] ?? '';
    const detail = await bodyOf<ShipmentView>(
      await api('GET', `/admin/shipments/${id}`, undefined, { token: admin }),
    );
    assert.equal(detail.shipTo.recipient, 'Ada Lovelace');
    assert.equal(detail.labelPath, `/shipments/${id}/label`);
    assert.equal(detail.trackingPath, `/tracking/${detail.trackingNumber}`);
    assert.deepEqual(detail.price, { amountMinor: 1095, currency: 'EUR' });
    assert.deepEqual(
      detail.timeline?.map((entry) => entry.status),
      ['label_created'],
    );
    const missing = await api('GET', `/admin/shipments/${randomUUID()}`, undefined, { token: admin });
    assert.equal(missing.status, 404);
    assert.equal((await problemOf(missing)).code, 'SHIPMENT_NOT_FOUND');
  });

  it('cancels with an Idempotency-Key: replays the first answer, refuses the key elsewhere, and 409 after pickup', async () => {
    const id = created[0] ?? '';
    const missingKey = await api('POST', `/admin/shipments/${id}/cancel`, undefined, { token: admin });
    assert.equal(missingKey.status, 400);
    assert.equal((await problemOf(missingKey)).code, 'IDEMPOTENCY_KEY_MISSING');

    const key = randomUUID();
    const cancel = (shipmentId: string, idempotencyKey: string) =>
      api('POST', `/admin/shipments/${shipmentId}/cancel`, undefined, {
        token: admin,
        headers: { 'idempotency-key': idempotencyKey },
      });
    const first = await cancel(id, key);
    assert.equal(first.status, 200);
    const cancelled = await bodyOf<ShipmentView>(first);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(first.headers.get('idempotent-replayed'), null);
    const again = await cancel(id, key);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await bodyOf<ShipmentView>(again), cancelled);
    assert.equal(
      (await eventsAbout(service.database.db, id)).filter((event) => event.type === ShipmentCancelled.type)
        .length,
      1,
    );

    const reused = await cancel(created[1] ?? '', key);
    assert.equal(reused.status, 422);
    assert.equal((await problemOf(reused)).code, 'IDEMPOTENCY_KEY_REUSED');

    clock.advance(3_600_000);
    await service.tick();
    const late = await cancel(created[2] ?? '', randomUUID());
    assert.equal(late.status, 409);
    const problem = await problemOf(late);
    assert.equal(problem.code, 'SHIPMENT_NOT_CANCELLABLE');
    assert.match(problem.detail, /is picked up/);
    const unknown = await cancel(randomUUID(), randomUUID());
    assert.equal(unknown.status, 404);
  });

  it('lists the carriers with their rate tables', async () => {
    const { carriers } = await bodyOf<CarrierList>(
      await api('GET', '/admin/carriers', undefined, { token: admin }),
    );
    assert.deepEqual(
      carriers.map((carrier) => carrier.code),
      ['ecofreight', 'parcelpost', 'swiftship'],
    );
    const eco = carriers[0];
    assert.deepEqual(
      eco?.lanes.map((lane) => `${lane.serviceLevel}/${lane.zone}`),
      ['standard/domestic', 'standard/eu'],
    );
    assert.deepEqual(
      eco?.lanes[0]?.rates.map((rate) => [rate.maxWeightGrams, rate.price.amountMinor]),
      [
        [2000, 395],
        [5000, 545],
        [10000, 795],
        [30000, 1295],
      ],
    );
    assert.deepEqual(eco?.unservedCountries, ['CY', 'MT']);
  });
});
