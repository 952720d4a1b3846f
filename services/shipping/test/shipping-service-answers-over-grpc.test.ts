import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ShipmentCancelled, ShipmentCreated } from '@emporium/contracts';
import { ShipmentStatus } from '@emporium/contracts/proto/shipping/v1/shipping_service';
import { sql } from 'kysely';
import { dataOf, eventsAbout } from './fixtures/outbox-events.ts';
import {
  Code,
  failureOf,
  type ShippingClient,
  shipmentRequest,
  shippingClient,
} from './fixtures/shipping-client.ts';
import { manualClock, type ShippingTestService, startShipping } from './fixtures/start-shipping.ts';

describe('shipping.v1.ShippingService over gRPC', () => {
  const clock = manualClock();
  let service: ShippingTestService;
  let client: ShippingClient;
  const shipmentCount = async () =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from shipments`.execute(service.database.db)).rows[0]?.n,
    );

  before(async () => {
    service = await startShipping({ dependencies: { clock } });
    client = shippingClient(service.rpcUrl);
  });
  after(() => service?.close());

  it('quotes every carrier that delivers, cheapest first, in the currency asked', async () => {
    const { rates } = await client.quoteRates({
      shipTo: { country: 'DE' },
      weightGrams: 1_500,
      currency: 'EUR',
    });
    assert.deepEqual(
      rates.map((rate) => [rate.carrier, rate.serviceLevel, rate.price?.amountMinor, rate.price?.currency]),
      [
        ['ecofreight', 'standard', 695n, 'EUR'],
        ['parcelpost', 'standard', 1095n, 'EUR'],
        ['parcelpost', 'express', 2195n, 'EUR'],
        ['swiftship', 'express', 2495n, 'EUR'],
      ],
    );
    assert.deepEqual([rates[0]?.estimatedDaysMin, rates[0]?.estimatedDaysMax], [3, 6]);
    const inDollars = await client.quoteRates({
      shipTo: { country: 'US' },
      weightGrams: 800,
      currency: 'USD',
    });
    assert.deepEqual(
      inDollars.rates.map((rate) => `${rate.carrier}/${rate.serviceLevel} ${rate.price?.amountMinor}`),
      // 24.95, 44.95 and 54.95 EUR at 1.08 USD per EUR, rounded to the cent.
      ['parcelpost/standard 2695', 'parcelpost/express 4855', 'swiftship/express 5935'],
    );
    assert.deepEqual(
      (await client.quoteRates({ shipTo: { country: 'AQ' }, weightGrams: 800, currency: 'EUR' })).rates,
      [],
    );
  });

  it('refuses a bad quote request with INVALID_ARGUMENT naming the field', async () => {
    const cases: Array<[Parameters<ShippingClient['quoteRates']>[0], RegExp]> = [
      [{ weightGrams: 100, currency: 'EUR' }, /^ship_to: /],
      [
        { shipTo: { country: 'XX' }, weightGrams: 100, currency: 'EUR' },
        /^ship_to\.country: XX is not an ISO/,
      ],
      [{ shipTo: { country: 'de' }, weightGrams: 100, currency: 'EUR' }, /^ship_to\.country: /],
      [{ shipTo: { country: 'DE' }, weightGrams: 0, currency: 'EUR' }, /^weight_grams: .* got 0/],
      [{ shipTo: { country: 'DE' }, weightGrams: 30_001, currency: 'EUR' }, /^weight_grams: /],
      [{ shipTo: { country: 'DE' }, weightGrams: -5, currency: 'EUR' }, /^weight_grams: /],
      [{ shipTo: { country: 'DE' }, weightGrams: 100, currency: '' }, /^currency: is required/],
      [
        { shipTo: { country: 'DE' }, weightGrams: 100, currency: 'XYZ' },
        /^currency: unsupported currency "XYZ"/,
      ],
    ];
    for (const [request, message] of cases) {
      const failure = await failureOf(client.quoteRates(request));
      assert.equal(failure.code, Code.InvalidArgument, failure.message);
      assert.match(failure.message, message);
    }
  });

  it('creates a shipment with a tracking number, a label path and the first scan, and publishes ShipmentCreated', async () => {
    const request = shipmentRequest({ weightGrams: 1_500 });
    const { shipment } = await client.createShipment(request);
    assert.ok(shipment);
    assert.match(shipment.trackingNumber, /^PP[0-9]{9}NL$/);
    assert.equal(shipment.status, ShipmentStatus.LABEL_CREATED);
    assert.equal(shipment.labelPath, `/shipments/${shipment.id}/label`);
    assert.deepEqual([shipment.price?.amountMinor, shipment.price?.currency], [1095n, 'EUR']);
    assert.equal(shipment.shipTo?.recipient, 'Ada Lovelace');
    assert.deepEqual(
      shipment.timeline.map((event) => [event.status, event.location]),
      [[ShipmentStatus.LABEL_CREATED, 'Tilburg, NL']],
    );
    const events = await eventsAbout(service.database.db, shipment.id);
    assert.equal(events.length, 1);
    const data = dataOf(ShipmentCreated, events[0]);
    assert.equal(data.trackingNumber, shipment.trackingNumber);
    assert.equal(data.orderId, request.orderId);
    assert.deepEqual(data.price, { amountMinor: 1095, currency: 'EUR' });
    assert.equal(data.destinationCountry, 'DE');

    const read = await client.getShipment({ shipmentId: shipment.id });
    assert.equal(read.shipment?.trackingNumber, shipment.trackingNumber);
  });

  it('answers a repeated CreateShipment with the first shipment, and refuses the key for another request', async () => {
    const request = shipmentRequest();
    const before = await shipmentCount();
    let replayedHeader: string | null = null;
    const first = await client.createShipment(request);
    const again = await client.createShipment(request, {
      onHeader: (headers) => {
        replayedHeader = headers.get('idempotent-replayed');
      },
    });
    assert.equal(again.shipment?.id, first.shipment?.id);
    assert.equal(again.shipment?.trackingNumber, first.shipment?.trackingNumber);
    assert.equal(replayedHeader, 'true');
    assert.equal(await shipmentCount(), before + 1);

    const reused = await failureOf(client.createShipment({ ...request, weightGrams: 2_500 }));
    assert.equal(reused.code, Code.AlreadyExists);
    assert.match(reused.message, /already used for a different .*request/);
    assert.equal(await shipmentCount(), before + 1);
  });

  it('runs concurrent CreateShipments with one key once', async () => {
    const request = shipmentRequest();
    const before = await shipmentCount();
    const answers = await Promise.all(Array.from({ length: 4 }, () => client.createShipment(request)));
    assert.equal(new Set(answers.map((answer) => answer.shipment?.id)).size, 1);
    assert.equal(await shipmentCount(), before + 1);
  });

  it('refuses carriers, levels, destinations, weights and addresses the carriers do not take, changing nothing', async () => {
    const before = await shipmentCount();
    const cases: Array<[Parameters<typeof shipmentRequest>[0], Code, RegExp]> = [
      [
        { carrier: 'dhl' },
        Code.InvalidArgument,
        /^carrier: there is no carrier "dhl"; carriers: ecofreight, parcelpost, swiftship/,
      ],
      [
        { carrier: 'swiftship', serviceLevel: 'standard' },
        Code.InvalidArgument,
        /^service_level: swiftship offers no .* it offers: express/,
      ],
      [
        { carrier: 'ecofreight', shipTo: { ...shipmentRequest().shipTo, country: 'US', city: 'Boston' } },
        Code.FailedPrecondition,
        /^ship_to\.country: ecofreight standard does not deliver to US/,
      ],
      [
        { carrier: 'swiftship', serviceLevel: 'express', weightGrams: 25_000 },
        Code.FailedPrecondition,
        /^weight_grams: swiftship express takes parcels up to 20000 g/,
      ],
      [
        // The test address: rates are quoted by zone, but the carrier's address check refuses it.
        { shipTo: { ...shipmentRequest().shipTo, postalCode: '00000' } },
        Code.FailedPrecondition,
        /^ship_to\.postal_code: \w+ cannot deliver to postal code 00000/,
      ],
    ];
    for (const [overrides, code, message] of cases) {
      const failure = await failureOf(client.createShipment(shipmentRequest(overrides)));
      assert.equal(failure.code, code, failure.message);
      assert.match(failure.message, message);
    }
    assert.equal(await shipmentCount(), before);
  });

  it('refuses malformed shipments with INVALID_ARGUMENT naming the field, changing nothing', async () => {
    const before = await shipmentCount();
    const shipTo = shipmentRequest().shipTo;
    const cases: Array<[Parameters<typeof shipmentRequest>[0], RegExp]> = [
      [{ idempotencyKey: '' }, /^idempotency_key: is required/],
      [{ idempotencyKey: 'has space' }, /^idempotency_key: /],
      [{ orderId: '' }, /^order_id: is required/],
      [{ orderId: ' padded ' }, /^order_id: /],
      [{ shipTo: undefined }, /^ship_to: is required/],
      [{ shipTo: { ...shipTo, country: 'ZZ' } }, /^ship_to\.country: ZZ is not an ISO/],
      [{ shipTo: { ...shipTo, recipient: '' } }, /^ship_to\.recipient: is required/],
      [{ shipTo: { ...shipTo, lines: [] } }, /^ship_to\.lines: give at least one/],
      [{ shipTo: { ...shipTo, lines: ['a', 'b', 'c', 'd', 'e'] } }, /^ship_to\.lines: at most 4/],
      [{ shipTo: { ...shipTo, lines: ['line\nbreak'] } }, /^ship_to\.lines\[0\]: /],
      [{ shipTo: { ...shipTo, city: 'x'.repeat(101) } }, /^ship_to\.city: at most 100/],
      [{ shipTo: { ...shipTo, postalCode: '10117; drop' } }, /^ship_to\.postal_code: /],
      [{ shipTo: { ...shipTo, region: 'Bavaria' } }, /^ship_to\.region: /],
      [{ items: [] }, /^items: give at least one item/],
      [{ items: [{ sku: 'ELEC-HEAD-0001', quantity: 0 }] }, /^items\[0\]\.quantity: 1 to 10000, got 0/],
      [{ items: [{ sku: 'ELEC-HEAD-0001', quantity: -1 }] }, /^items\[0\]\.quantity: /],
      [{ items: [{ sku: 'lower-case', quantity: 1 }] }, /^items\[0\]\.sku: "lower-case" is not a SKU/],
      [
        {
          items: [
            { sku: 'ELEC-HEAD-0001', quantity: 1 },
            { sku: 'ELEC-HEAD-0001', quantity: 2 },
          ],
        },
        /^items\[1\]\.sku: ELEC-HEAD-0001 is listed twice/,
      ],
      [{ weightGrams: 0 }, /^weight_grams: /],
      [{ weightGrams: 30_001 }, /^weight_grams: /],
      [{ currency: 'BTC' }, /^currency: unsupported currency "BTC"/],
    ];
    for (const [overrides, message] of cases) {
      const failure = await failureOf(client.createShipment(shipmentRequest(overrides)));
      assert.equal(failure.code, Code.InvalidArgument, `${JSON.stringify(overrides)}: ${failure.message}`);
      assert.match(failure.message, message);
    }
    assert.equal(await shipmentCount(), before);
  });

  it('cancels before pickup (idempotently, publishing ShipmentCancelled once), and refuses after', async () => {
    const { shipment } = await client.createShipment(shipmentRequest());
    assert.ok(shipment);
    const key = `cancel-${shipment.id}`;
    const cancelled = await client.cancelShipment({ idempotencyKey: key, shipmentId: shipment.id });
    assert.equal(cancelled.shipment?.status, ShipmentStatus.CANCELLED);
    assert.deepEqual(
      cancelled.shipment?.timeline.map((event) => event.status),
      [ShipmentStatus.LABEL_CREATED, ShipmentStatus.CANCELLED],
    );
    const replay = await client.cancelShipment({ idempotencyKey: key, shipmentId: shipment.id });
    assert.deepEqual(replay, cancelled);
    const otherKey = await client.cancelShipment({ idempotencyKey: `${key}-again`, shipmentId: shipment.id });
    assert.equal(otherKey.shipment?.status, ShipmentStatus.CANCELLED);
    const types = (await eventsAbout(service.database.db, shipment.id)).map((event) => event.type);
    assert.deepEqual(types, [ShipmentCreated.type, ShipmentCancelled.type]);

    // A cancelled shipment is off the tracking job's queue.
    clock.advance(3_600_000);
    await service.tick();
    assert.equal(
      (await client.getShipment({ shipmentId: shipment.id })).shipment?.status,
      ShipmentStatus.CANCELLED,
    );

    const { shipment: picked } = await client.createShipment(shipmentRequest());
    assert.ok(picked);
    clock.advance(3_600_000);
    await service.tick();
    assert.equal(
      (await client.getShipment({ shipmentId: picked.id })).shipment?.status,
      ShipmentStatus.PICKED_UP,
    );
    const refused = await failureOf(
      client.cancelShipment({ idempotencyKey: `cancel-${picked.id}`, shipmentId: picked.id }),
    );
    assert.equal(refused.code, Code.FailedPrecondition);
    assert.match(refused.message, /is picked up: only a parcel not yet picked up can be cancelled/);
    assert.equal(
      (await client.getShipment({ shipmentId: picked.id })).shipment?.status,
      ShipmentStatus.PICKED_UP,
    );

    const reused = await failureOf(client.cancelShipment({ idempotencyKey: key, shipmentId: picked.id }));
    assert.equal(reused.code, Code.AlreadyExists);
  });

  it('answers NOT_FOUND for an unknown shipment and INVALID_ARGUMENT for a malformed id', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    assert.equal((await failureOf(client.getShipment({ shipmentId: unknown }))).code, Code.NotFound);
    assert.equal(
      (await failureOf(client.cancelShipment({ idempotencyKey: 'k-unknown', shipmentId: unknown }))).code,
      Code.NotFound,
    );
    const malformed = await failureOf(client.getShipment({ shipmentId: 'not-a-uuid' }));
    assert.equal(malformed.code, Code.InvalidArgument);
    assert.match(malformed.message, /^shipment_id: "not-a-uuid" is not a shipment id/);
    assert.equal(
      (await failureOf(client.cancelShipment({ shipmentId: unknown }))).code,
      Code.InvalidArgument,
    );
  });
});
