import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestTokenIssuer } from '@emporium/platform/testing';
import { bodyOf, type jsonClient, type TestService } from '@emporium/platform/testing';
import type { PricingDatabase } from '../src/store/database.ts';
import type { QuoteView } from './fixtures/quote-view.ts';
import { startPricingWithAdmin } from './fixtures/start-pricing.ts';

const HOUR_MS = 3_600_000;
const AUDIO_WEEK = 'promotion:5eed0000-0000-4000-8000-000000000006';
const COFFEE_CORNER = 'promotion:5eed0000-0000-4000-8000-000000000007';
const BOOK_CLUB = 'promotion:5eed0000-0000-4000-8000-000000000008';

describe('POST /quotes against the seeded price lists, promotions and tax rules', () => {
  let issuer: TestTokenIssuer;
  let pricing: TestService<PricingDatabase>;
  let api: ReturnType<typeof jsonClient>;
  let admin: { token: string };
  // The service's clock: tests move it forward to reach scheduled prices and promotion windows.
  let now = new Date('2030-03-02T10:00:00.000Z');

  before(async () => {
    ({ pricing, issuer, api, admin } = await startPricingWithAdmin({ dependencies: { clock: () => now } }));
  });
  after(async () => {
    await pricing?.close();
    await issuer?.close();
  });

  async function quote(body: object): Promise<QuoteView> {
    const response = await api('POST', '/quotes', body);
    assert.equal(response.status, 200, await response.clone().text());
    const answer = await bodyOf<QuoteView>(response);
    const nets = answer.lines.reduce((sum, line) => sum + line.netMinor, 0);
    assert.equal(answer.subtotalMinor + answer.discountTotalMinor, nets, 'the quote adds up');
    assert.equal(answer.totalMinor, answer.taxIncluded ? nets : nets + answer.taxTotalMinor);
    return answer;
  }
  const oneOf = (sku: string, currency = 'EUR', shipTo: object = { country: 'DE' }) =>
    quote({ lines: [{ sku, quantity: 1 }], currency, shipTo });

  it('adds US sales tax for the state, in USD', async () => {
    const answer = await quote({
      lines: [{ sku: 'GARD-TOOL-0001', quantity: 2 }],
      currency: 'USD',
      shipTo: { country: 'US', region: 'NY', postalCode: '10001', city: 'New York' },
    });
    // 28.00 EUR × 1.08 = 30.24 → 29.99 USD; ×2 = 59.98; 4% = 2.3992 → 2.40.
    assert.deepEqual(answer.lines[0]?.taxes, [
      { name: 'New York sales tax', rateBps: 400, amountMinor: 240 },
    ]);
    assert.equal(answer.taxIncluded, false);
    assert.equal(answer.totalMinor, 5998 + 240);
  });

  it('reads UK prices in GBP as including VAT', async () => {
    const answer = await oneOf('GARD-TOOL-0001', 'GBP', { country: 'GB' });
    // 28.00 × 0.86 = 24.08 → 23.99 GBP; VAT inside: 23.99 × 20/120 = 3.998 → 4.00.
    assert.equal(answer.lines[0]?.unitPriceMinor, 2399);
    assert.deepEqual(answer.lines[0]?.taxes, [{ name: 'UK VAT', rateBps: 2000, amountMinor: 400 }]);
    assert.equal(answer.totalMinor, 2399);
  });

  it('names each seeded promotion where it applies: category sale, fixed amount over a minimum, a stackable one', async () => {
    const answer = await quote({
      lines: [
        { sku: 'ELEC-HEAD-0001', quantity: 1 },
        { sku: 'GROC-COFF-0001', quantity: 1 },
        { sku: 'BOOK-FICT-0001', quantity: 2 },
      ],
      currency: 'EUR',
      shipTo: { country: 'NL' },
    });
    assert.deepEqual(
      answer.lines.map((line) =>
        line.adjustments.map((adjustment) => [adjustment.code, adjustment.amountMinor]),
      ),
      [[[AUDIO_WEEK, -1860]], [[COFFEE_CORNER, -200]], [[BOOK_CLUB, -165]]],
    );
    assert.equal(answer.lines[2]?.adjustments[0]?.description, 'Book club (5% off)');
    const inUsd = await oneOf('GROC-COFF-0001', 'USD', { country: 'US', region: 'TX' });
    assert.deepEqual(inUsd.lines[0]?.adjustments, [], 'the fixed EUR promotion does not apply in USD');
  });

  it('quotes a new price at once, and a scheduled one from its time on', async () => {
    const sku = 'GARD-TOOL-0002';
    const put = (body: object) => api('PUT', `/admin/prices/${sku}/EUR`, body, admin);
    assert.equal((await put({ amountMinor: 3999 })).status, 200);
    assert.equal((await oneOf(sku)).lines[0]?.unitPriceMinor, 3999);

    const later = new Date(now.getTime() + 2 * HOUR_MS);
    assert.equal((await put({ amountMinor: 2999, validFrom: later.toISOString() })).status, 200);
    assert.equal((await oneOf(sku)).lines[0]?.unitPriceMinor, 3999, 'not yet');
    now = new Date(later.getTime() - 1);
    assert.equal((await oneOf(sku)).lines[0]?.unitPriceMinor, 3999, 'a millisecond before');
    now = later;
    assert.equal((await oneOf(sku)).lines[0]?.unitPriceMinor, 2999, 'from its time on');
  });

  it('applies a promotion from its start until its end only', async () => {
    const startsAt = new Date(now.getTime() + HOUR_MS);
    const endsAt = new Date(now.getTime() + 3 * HOUR_MS);
    const created = await api(
      'POST',
      '/admin/promotions',
      {
        name: 'Tool time',
        kind: 'percentage',
        value: 3000,
        scope: 'sku',
        targets: ['GARD-TOOL-0003'],
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
      },
      { ...admin, headers: { 'idempotency-key': 'tool-time' } },
    );
    assert.equal(created.status, 201, await created.clone().text());
    const discounted = async () => (await oneOf('GARD-TOOL-0003')).discountTotalMinor < 0;
    assert.equal(await discounted(), false, 'before its start');
    now = startsAt;
    assert.equal(await discounted(), true, 'from its start');
    now = endsAt;
    assert.equal(await discounted(), false, 'from its end');
  });

  it("follows an admin's new tax rule, and opens a country by giving it one", async () => {
    const toJapan = () =>
      api('POST', '/quotes', {
        lines: [{ sku: 'GARD-TOOL-0001', quantity: 1 }],
        currency: 'USD',
        shipTo: { country: 'JP' },
      });
    assert.equal((await toJapan()).status, 422);
    const opened = await api(
      'PUT',
      '/admin/tax-rules/JP',
      { rateBps: 1000, name: 'JP consumption tax', taxIncluded: true },
      admin,
    );
    assert.equal(opened.status, 200, await opened.clone().text());
    const answer = await bodyOf<QuoteView>(await toJapan());
    assert.equal(answer.lines[0]?.taxes[0]?.name, 'JP consumption tax');

    const raised = await api(
      'PUT',
      '/admin/tax-rules/US/NY',
      { rateBps: 450, name: 'New York sales tax', taxIncluded: false },
      admin,
    );
    assert.equal(raised.status, 200);
    const ny = await oneOf('GARD-TOOL-0001', 'USD', { country: 'US', region: 'NY' });
    assert.equal(ny.lines[0]?.taxes[0]?.rateBps, 450);
  });
});
