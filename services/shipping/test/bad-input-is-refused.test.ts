import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ShippingService } from '@emporium/contracts/proto/shipping/v1/shipping_service';
import {
  bodyOf,
  jsonClient,
  problemOf,
  startTestTokenIssuer,
  type TestTokenIssuer,
} from '@emporium/platform/testing';
import { sql } from 'kysely';
import { shipmentRequest, shippingClient } from './fixtures/shipping-client.ts';
import { type ShippingTestService, startShipping } from './fixtures/start-shipping.ts';

const quote = { shipTo: { country: 'DE' }, weightGrams: 1_000, currency: 'EUR' };

describe('bad input', () => {
  let issuer: TestTokenIssuer;
  let service: ShippingTestService;
  let api: ReturnType<typeof jsonClient>;
  let admin: string;
  let shipmentId: string;
  const state = async () => {
    const { rows } = await sql<{ shipments: string; scans: string; keys: string }>`
      select (select count(*) from shipments) as shipments, (select count(*) from tracking_events) as scans,
             (select count(*) from idempotency_keys) as keys`.execute(service.database.db);
    return rows[0];
  };

  before(async () => {
    issuer = await startTestTokenIssuer();
    service = await startShipping({ jwksUrl: issuer.jwksUrl });
    api = jsonClient(service.url);
    admin = await issuer.token({ roles: ['admin'] });
    const { shipment } = await shippingClient(service.rpcUrl).createShipment(shipmentRequest());
    shipmentId = shipment?.id ?? '';
  });
  after(async () => {
    await service?.close();
    await issuer?.close();
  });

  it('refuses bad rate requests with 400, naming the field', async () => {
    const bodies: Record<string, [unknown, RegExp]> = {
      'no shipTo': [{ weightGrams: 100 }, /body\.shipTo is required/],
      'no weight': [{ shipTo: { country: 'DE' } }, /body\.weightGrams is required/],
      'lower-case country': [{ ...quote, shipTo: { country: 'de' } }, /body\.shipTo\.country/],
      'three-letter country': [{ ...quote, shipTo: { country: 'DEU' } }, /body\.shipTo\.country/],
      'numeric country': [{ ...quote, shipTo: { country: 49 } }, /body\.shipTo\.country/],
      'zero grams': [{ ...quote, weightGrams: 0 }, /body\.weightGrams/],
      'over 30 kg': [{ ...quote, weightGrams: 30_001 }, /body\.weightGrams/],
      'fractional grams': [{ ...quote, weightGrams: 1.5 }, /body\.weightGrams/],
      'weight as text': [{ ...quote, weightGrams: '100' }, /body\.weightGrams/],
      'lower-case currency': [{ ...quote, currency: 'eur' }, /body\.currency/],
      'a name on a quote': [
        { ...quote, shipTo: { country: 'DE', recipient: 'Ada' } },
        /recipient is not a known field/,
      ],
      'unknown field': [{ ...quote, coupon: 'FREE' }, /coupon is not a known field/],
      'postal code with a quote': [
        { ...quote, shipTo: { country: 'DE', postalCode: "1'; --" } },
        /postalCode/,
      ],
      'city with a NUL': [{ ...quote, shipTo: { country: 'DE', city: 'Ber\u0000lin' } }, /./],
      null: [null, /./],
      'an array': [[quote], /./],
    };
    for (const [what, [body, detail]] of Object.entries(bodies)) {
      const response = await api('POST', '/shipping/rates', body);
      assert.equal(response.status, 400, `${what}: ${await response.clone().text()}`);
      const problem = await problemOf(response);
      assert.equal(problem.code, 'VALIDATION_FAILED', what);
      assert.match(problem.detail, detail, what);
    }
  });

  it('refuses malformed, oversized and non-JSON bodies', async () => {
    const malformed = await api('POST', '/shipping/rates', '{"shipTo": {"country": "DE"},');
    assert.equal(malformed.status, 400);
    assert.equal((await problemOf(malformed)).code, 'MALFORMED_BODY');
    const huge = await api('POST', '/shipping/rates', {
      ...quote,
      shipTo: { country: 'DE', city: 'x'.repeat(1_100_000) },
    });
    assert.equal(huge.status, 413);
    const text = await fetch(`${service.url}/shipping/rates`, {
      method: 'POST',
      body: 'country=DE',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(text.status, 415);
  });

  it('refuses bad admin parameters and idempotency keys with 4xx, changing nothing', async () => {
    const before = await state();
    const reads = [
      '/admin/shipments?limit=0',
      '/admin/shipments?limit=101',
      '/admin/shipments?limit=ten',
      '/admin/shipments?status=lost',
      `/admin/shipments?orderId=${'x'.repeat(101)}`,
      '/admin/shipments?cursor=',
      '/admin/shipments?shipmentId=1',
      '/admin/shipments/not-a-uuid',
      '/admin/shipments/%00',
      '/shipments/12345/label',
    ];
    for (const path of reads) {
      const response = await api('GET', path, undefined, { token: admin });
      assert.equal(response.status, 400, `${path}: ${await response.clone().text()}`);
    }
    const cancel = (headers: Record<string, string>, body?: unknown) =>
      api('POST', `/admin/shipments/${shipmentId}/cancel`, body, { token: admin, headers });
    for (const key of ['', 'x'.repeat(256), 'clé-non-ascii', 'has space']) {
      const response = await cancel({ 'idempotency-key': key });
      assert.equal(response.status, 400, JSON.stringify(key));
      assert.equal((await problemOf(response)).code, 'IDEMPOTENCY_KEY_INVALID');
    }
    const notJson = await cancel({ 'idempotency-key': 'k-1' }, '{not json');
    assert.equal(notJson.status, 400);
    const badId = await api('POST', '/admin/shipments/42/cancel', undefined, {
      token: admin,
      headers: { 'idempotency-key': 'k-2' },
    });
    assert.equal(badId.status, 400);
    assert.deepEqual(await state(), before);
    const read = await bodyOf<{ status: string }>(
      await api('GET', `/admin/shipments/${shipmentId}`, undefined, { token: admin }),
    );
    assert.equal(read.status, 'label_created');
  });

  it('never answers 5xx to odd tracking numbers or paths', async () => {
    for (const path of [
      '/tracking/%00',
      '/tracking/%ED%A0%80',
      `/tracking/${'A'.repeat(41)}`,
      `/tracking/${'A'.repeat(300)}`,
      '/tracking/..%2F..%2Fetc%2Fpasswd',
      '/tracking/%3Cscript%3E',
    ]) {
      const response = await api('GET', path);
      assert.ok(response.status >= 400 && response.status < 500, `${path}: ${response.status}`);
    }
  });

  it('answers INVALID_ARGUMENT to an RPC body that is not the request message', async () => {
    const before = await state();
    for (const body of ['{"weightGrams": "heavy"}', '{"items": 7}', '{"shipTo": [1]}', '{']) {
      const response = await fetch(`${service.url}/${ShippingService.typeName}/CreateShipment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      assert.equal(response.status, 400, body);
      assert.equal(((await response.json()) as { code: string }).code, 'invalid_argument');
    }
    assert.deepEqual(await state(), before);
  });
});
