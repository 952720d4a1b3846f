import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  bodyOf,
  jsonClient,
  problemOf,
  startTestTokenIssuer,
  type TestTokenIssuer,
} from '@emporium/platform/testing';
import { checkDigit } from '../src/domain/tracking-number.ts';
import { type ShippingClient, shipmentRequest, shippingClient } from './fixtures/shipping-client.ts';
import { manualClock, type ShippingTestService, startShipping } from './fixtures/start-shipping.ts';

interface TrackingPage {
  trackingNumber: string;
  carrier: string;
  carrierName: string;
  serviceLevel: string;
  status: string;
  destination: { city: string; country: string };
  estimatedDelivery: { earliest: string; latest: string } | null;
  events: Array<{ status: string; description: string; location: string; time: string }>;
}

interface RateQuote {
  zone: string;
  currency: string;
  rates: Array<{ carrier: string; serviceLevel: string; price: { amountMinor: number; currency: string } }>;
}

/**
 * The text a PDF shows, as pdfkit writes it: hex strings inside TJ arrays, one font byte per
 * character (Windows-1252 for the built-in fonts).
 */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const shown: string[] = [];
  for (const [, array = ''] of source.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    for (const [, hex = ''] of array.matchAll(/<([0-9a-fA-F]*)>/g))
      shown.push(Buffer.from(hex, 'hex').toString('latin1'));
  }
  return shown.join('');
}

describe('the REST API: rates, public tracking and labels', () => {
  const clock = manualClock();
  let issuer: TestTokenIssuer;
  let service: ShippingTestService;
  let client: ShippingClient;
  let api: ReturnType<typeof jsonClient>;
  let admin: string;

  before(async () => {
    issuer = await startTestTokenIssuer();
    service = await startShipping({ jwksUrl: issuer.jwksUrl, dependencies: { clock } });
    client = shippingClient(service.rpcUrl);
    api = jsonClient(service.url);
    admin = await issuer.token({ roles: ['admin'] });
  });
  after(async () => {
    await service?.close();
    await issuer?.close();
  });

  it('quotes rates to anyone, converting the currency, and refuses what it cannot quote', async () => {
    const response = await api('POST', '/shipping/rates', {
      shipTo: { country: 'GB' },
      weightGrams: 2_000,
      currency: 'GBP',
    });
    assert.equal(response.status, 200);
    const quote = await bodyOf<RateQuote>(response);
    assert.equal(quote.zone, 'europe');
    assert.deepEqual(
      quote.rates.map((rate) => [
        rate.carrier,
        rate.serviceLevel,
        rate.price.amountMinor,
        rate.price.currency,
      ]),
      [
        ['parcelpost', 'standard', 1526, 'GBP'], // 17.95 EUR × 0.85 GBP per EUR = 15.2575
        ['parcelpost', 'express', 2801, 'GBP'], // 32.95 EUR
        ['swiftship', 'express', 3396, 'GBP'], // 39.95 EUR
      ],
    );
    const euros = await bodyOf<RateQuote>(
      await api('POST', '/shipping/rates', { shipTo: { country: 'NL' }, weightGrams: 10 }),
    );
    assert.equal(euros.currency, 'EUR');
    assert.equal(euros.rates[0]?.price.amountMinor, 395);

    const currency = await api('POST', '/shipping/rates', {
      shipTo: { country: 'NL' },
      weightGrams: 10,
      currency: 'XYZ',
    });
    assert.equal(currency.status, 400);
    const problem = await problemOf(currency);
    assert.equal(problem.code, 'UNSUPPORTED_CURRENCY');
    assert.match(problem.detail, /XYZ is not supported; use one of EUR, USD/);
    const country = await api('POST', '/shipping/rates', { shipTo: { country: 'ZZ' }, weightGrams: 10 });
    assert.equal(country.status, 400);
    assert.equal((await problemOf(country)).code, 'UNKNOWN_COUNTRY');
  });

  it('shows the public timeline by tracking number, with no name, street or order', async () => {
    const { shipment } = await client.createShipment(
      shipmentRequest({ carrier: 'swiftship', serviceLevel: 'express', weightGrams: 400 }),
    );
    assert.ok(shipment);
    clock.advance(3_600_000);
    await service.tick();

    // Case and spaces do not matter, as when a number is read off a label.
    const typed = shipment.trackingNumber.toLowerCase().replace(/(.{4})/g, '$1 ');
    const response = await api('GET', `/tracking/${encodeURIComponent(typed)}`);
    assert.equal(response.status, 200);
    const text = await response.clone().text();
    const page = await bodyOf<TrackingPage>(response);
    assert.equal(page.trackingNumber, shipment.trackingNumber);
    assert.deepEqual(
      [page.carrier, page.carrierName, page.serviceLevel],
      ['swiftship', 'SwiftShip', 'express'],
    );
    assert.equal(page.status, 'picked_up');
    assert.deepEqual(page.destination, { city: 'Berlin', country: 'DE' });
    assert.deepEqual(
      page.events.map((event) => [event.status, event.location]),
      [
        ['label_created', 'Tilburg, NL'],
        ['picked_up', 'Tilburg, NL'],
      ],
    );
    assert.equal(page.estimatedDelivery?.earliest, '2025-03-04');
    for (const secret of ['Ada Lovelace', 'Friedrichstraße', '10117', shipment.orderId, shipment.id]) {
      assert.ok(!text.includes(secret), `the public page does not show ${secret}`);
    }
  });

  it('refuses a mistyped tracking number as a typo and an unknown one as not found', async () => {
    const serial = '12345678';
    const valid = `PP${serial}${checkDigit(serial)}NL`;
    const unknown = await api('GET', `/tracking/${valid}`);
    assert.equal(unknown.status, 404);
    assert.equal((await problemOf(unknown)).code, 'TRACKING_NUMBER_NOT_FOUND');

    const typo = `PP${serial}${(checkDigit(serial) + 1) % 10}NL`;
    const mistyped = await api('GET', `/tracking/${typo}`);
    assert.equal(mistyped.status, 400);
    const problem = await problemOf(mistyped);
    assert.equal(problem.code, 'TRACKING_NUMBER_INVALID');
    assert.match(problem.detail, /check digit .* does not match/);

    for (const text of ['hello', 'PP123NL', "PP1234567' OR 1=1", '%F0%9F%93%A6']) {
      const response = await api('GET', `/tracking/${encodeURIComponent(text)}`);
      assert.equal(response.status, 400, text);
      assert.equal((await problemOf(response)).code, 'TRACKING_NUMBER_INVALID');
    }
  });

  it('serves the label as an A6 PDF with the tracking number as text and a barcode, to admins only', async () => {
    const { shipment } = await client.createShipment(
      shipmentRequest({
        shipTo: {
          recipient: 'Łukasz Müller-Straße',
          lines: ['Ulica Długa 5', 'Mieszkanie 2'],
          postalCode: '80-831',
          city: 'Gdańsk',
          country: 'PL',
        },
        weightGrams: 2_345,
      }),
    );
    assert.ok(shipment);
    assert.equal((await api('GET', shipment.labelPath)).status, 401);
    const shopper = await issuer.token({ roles: ['customer'] });
    assert.equal((await api('GET', shipment.labelPath, undefined, { token: shopper })).status, 403);

    const response = await api('GET', shipment.labelPath, undefined, { token: admin });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const source = pdf.toString('latin1');
    assert.ok(source.includes('/MediaBox [0 0 297.64 419.53]'), 'the page is A6');
    assert.ok(source.includes('/Subtype /Image'), 'the barcode is embedded');
    const text = pdfText(pdf);
    // Helvetica has ü and ß but no Ł or ń: the label spells those plainly, as a label printer does.
    const expectedText = [
      shipment.trackingNumber,
      'Lukasz Müller-Straße',
      'Ulica Dluga 5',
      '80-831 Gdansk',
      'ParcelPost',
      'STANDARD',
      'Emporium Fulfilment',
      'Weight: 2.345 kg',
    ];
    for (const expected of expectedText) {
      assert.ok(text.includes(expected), `the label shows ${expected}: ${text}`);
    }
    assert.ok(
      pdf.toString('latin1').includes(`(Shipping label ${shipment.trackingNumber})`),
      'the title names it',
    );

    const missing = await api('GET', '/shipments/00000000-0000-4000-8000-000000000000/label', undefined, {
      token: admin,
    });
    assert.equal(missing.status, 404);
    assert.equal((await problemOf(missing)).code, 'SHIPMENT_NOT_FOUND');
  });
});
