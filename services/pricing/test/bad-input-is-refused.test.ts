import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestTokenIssuer } from '@emporium/platform/testing';
import { type jsonClient, problemOf, type TestService } from '@emporium/platform/testing';
import { sql } from 'kysely';
import type { PricingDatabase } from '../src/store/database.ts';
import { startPricingWithAdmin } from './fixtures/start-pricing.ts';

const line = { sku: 'GARD-TOOL-0001', quantity: 1 };
const valid = { lines: [line], currency: 'EUR', shipTo: { country: 'DE' } };

describe('bad input', () => {
  let issuer: TestTokenIssuer;
  let pricing: TestService<PricingDatabase>;
  let api: ReturnType<typeof jsonClient>;
  let admin: { token: string };
  /** Every table a refused request must leave alone, as row counts. */
  let stateBefore: Record<string, number>;

  const state = async () => {
    const { rows } = await sql<Record<string, number>>`
      select (select count(*)::int from prices) as prices,
             (select count(*)::int from promotions) as promotions,
             (select coalesce(sum(used_count), 0)::int from promotions) as uses,
             (select count(*)::int from coupon_redemptions) as redemptions,
             (select count(*)::int from tax_rules) as tax_rules,
             (select count(*)::int from outbox) as events,
             (select count(*)::int from idempotency_keys) as keys`.execute(pricing.database.db);
    return rows[0] ?? {};
  };

  before(async () => {
    ({ pricing, issuer, api, admin } = await startPricingWithAdmin());
    stateBefore = await state();
  });
  after(async () => {
    await pricing?.close();
    await issuer?.close();
  });

  it('refuses malformed quote requests with 400, naming the field', async () => {
    const bodies: Record<string, [unknown, RegExp]> = {
      'zero quantity': [{ ...valid, lines: [{ ...line, quantity: 0 }] }, /quantity/],
      'negative quantity': [{ ...valid, lines: [{ ...line, quantity: -2 }] }, /quantity/],
      'fractional quantity': [{ ...valid, lines: [{ ...line, quantity: 1.5 }] }, /quantity/],
      'quantity 1000': [{ ...valid, lines: [{ ...line, quantity: 1000 }] }, /quantity/],
      'quantity as text': [{ ...valid, lines: [{ ...line, quantity: '2' }] }, /quantity/],
      'no lines': [{ ...valid, lines: [] }, /lines/],
      '101 lines': [
        {
          ...valid,
          lines: Array.from({ length: 101 }, (_, index) => ({ sku: `SKU-${index}`, quantity: 1 })),
        },
        /lines/,
      ],
      'the same SKU twice': [{ ...valid, lines: [line, line] }, /GARD-TOOL-0001 appears twice/],
      'lowercase SKU': [{ ...valid, lines: [{ ...line, sku: 'gard-tool-0001' }] }, /sku/],
      'lowercase currency': [{ ...valid, currency: 'eur' }, /currency/],
      'no currency': [{ lines: [line], shipTo: { country: 'DE' } }, /currency is required/],
      'no destination': [{ lines: [line], currency: 'EUR' }, /shipTo is required/],
      'a country name': [{ ...valid, shipTo: { country: 'Germany' } }, /country/],
      'a coupon with spaces inside': [{ ...valid, couponCode: 'TEN OFF' }, /couponCode/],
      'an unknown field': [{ ...valid, discount: 50 }, /discount is not a known field/],
      'a price from the client': [
        { ...valid, lines: [{ ...line, unitPriceMinor: 1 }] },
        /unitPriceMinor is not a known field/,
      ],
      'an array': [[valid], /body/],
      null: [null, /body/],
    };
    for (const [what, [body, names]] of Object.entries(bodies)) {
      const response = await api('POST', '/quotes', body);
      assert.equal(response.status, 400, `${what}: ${await response.clone().text()}`);
      const problem = await problemOf(response);
      assert.equal(problem.code, 'VALIDATION_FAILED', what);
      assert.match(problem.detail, names, what);
    }
  });

  it('refuses quotes that cannot be made with a clear 4xx: currency, SKUs, destination', async () => {
    const cases: Array<[object, number, string, RegExp]> = [
      [
        { ...valid, currency: 'JPY' },
        400,
        'UNSUPPORTED_CURRENCY',
        /no price list in JPY; quotes can be made in EUR, GBP, USD/,
      ],
      [
        { ...valid, lines: [line, { sku: 'NOPE-0001', quantity: 1 }, { sku: 'NOPE-0002', quantity: 1 }] },
        422,
        'UNKNOWN_SKU',
        /knows no product NOPE-0001, NOPE-0002/,
      ],
      [{ ...valid, shipTo: { country: 'BR' } }, 422, 'NO_TAX_RULE', /no tax rule for country BR/],
      [
        { ...valid, currency: 'USD', shipTo: { country: 'US', region: 'ZZ' } },
        422,
        'NO_TAX_RULE',
        /region ZZ of US/,
      ],
    ];
    for (const [body, status, code, detail] of cases) {
      const response = await api('POST', '/quotes', body);
      assert.equal(response.status, status, await response.clone().text());
      const problem = await problemOf(response);
      assert.equal(problem.code, code);
      assert.match(problem.detail, detail);
    }
  });

  it('says which SKU has no price in the currency asked (a currency mismatch)', async () => {
    const chf = await api('PUT', '/admin/prices/GARD-TOOL-0009/CHF', { amountMinor: 2500 }, admin);
    assert.equal(chf.status, 200);
    stateBefore = await state();
    const response = await api('POST', '/quotes', { ...valid, currency: 'CHF', shipTo: { country: 'CH' } });
    assert.equal(response.status, 422);
    const problem = await problemOf(response);
    assert.equal(problem.code, 'SKU_NOT_PRICED');
    assert.equal(problem.detail, 'GARD-TOOL-0001 has no price in CHF');
    assert.deepEqual(problem.skus, ['GARD-TOOL-0001']);
  });

  it('refuses malformed admin input with 4xx', async () => {
    const puts: Array<[string, unknown, number]> = [
      ['/admin/prices/GARD-TOOL-0001/EUR', { amountMinor: -100 }, 400],
      ['/admin/prices/GARD-TOOL-0001/EUR', { amountMinor: 0 }, 400],
      ['/admin/prices/GARD-TOOL-0001/EUR', { amountMinor: 19.99 }, 400],
      ['/admin/prices/GARD-TOOL-0001/EUR', { amountMinor: '1999' }, 400],
      ['/admin/prices/GARD-TOOL-0001/EUR', { amountMinor: 100_000_001 }, 400],
      ['/admin/prices/GARD-TOOL-0001/EUR', { amountMinor: 100, validFrom: 'tomorrow' }, 400],
      ['/admin/prices/GARD-TOOL-0001/EUR', {}, 400],
      ['/admin/prices/GARD-TOOL-0001/eur', { amountMinor: 100 }, 400],
      ['/admin/prices/gard-tool-0001/EUR', { amountMinor: 100 }, 400],
      ['/admin/tax-rules/DE', { rateBps: 10_001, name: 'Too much', taxIncluded: true }, 400],
      ['/admin/tax-rules/DE', { rateBps: -1, name: 'Negative', taxIncluded: true }, 400],
      ['/admin/tax-rules/DEU', { rateBps: 1900, name: 'DE VAT', taxIncluded: true }, 400],
      ['/admin/tax-rules/US/california', { rateBps: 725, name: 'CA', taxIncluded: false }, 400],
      ['/admin/tax-rules/DE', { rateBps: 1900, name: ' padded ', taxIncluded: true }, 400],
    ];
    for (const [path, body, status] of puts) {
      const response = await api('PUT', path, body, admin);
      assert.equal(
        response.status,
        status,
        `${path} ${JSON.stringify(body)}: ${await response.clone().text()}`,
      );
    }
    const promotions: Record<string, unknown> = {
      'a zero value': { name: 'Zero', kind: 'percentage', value: 0 },
      'an unknown kind': { name: 'Bogof', kind: 'buy-one-get-one', value: 1 },
      'a float value': { name: 'Half', kind: 'percentage', value: 12.5 },
      'no name': { kind: 'percentage', value: 100 },
      'a bad coupon code': { name: 'Bad', kind: 'percentage', value: 100, couponCode: 'NO WAY' },
      'a bad date': { name: 'Bad', kind: 'percentage', value: 100, startsAt: '2025-13-45' },
      'an unknown field': { name: 'Bad', kind: 'percentage', value: 100, priority: 1 },
      'duplicate targets': {
        name: 'Bad',
        kind: 'percentage',
        value: 100,
        scope: 'sku',
        targets: ['A-1', 'A-1'],
      },
    };
    for (const [what, body] of Object.entries(promotions)) {
      const response = await api('POST', '/admin/promotions', body, {
        ...admin,
        headers: { 'idempotency-key': what.replaceAll(' ', '-') },
      });
      assert.equal(response.status, 400, `${what}: ${await response.clone().text()}`);
    }
    const inconsistent: Record<string, unknown> = {
      'percentage over 100%': { name: 'Over', kind: 'percentage', value: 10_001 },
      'a window that ends before it starts': {
        name: 'Back',
        kind: 'percentage',
        value: 100,
        startsAt: '2030-01-02T00:00:00Z',
        endsAt: '2030-01-01T00:00:00Z',
      },
      'SKUs that are not SKUs': {
        name: 'Bad',
        kind: 'percentage',
        value: 100,
        scope: 'sku',
        targets: ['lower-case'],
      },
    };
    for (const [what, body] of Object.entries(inconsistent)) {
      const response = await api('POST', '/admin/promotions', body, {
        ...admin,
        headers: { 'idempotency-key': what.replaceAll(' ', '-') },
      });
      assert.equal(response.status, 422, what);
      assert.equal((await problemOf(response)).code, 'INVALID_PROMOTION', what);
    }
    for (const path of [
      '/admin/promotions/not-a-uuid',
      '/admin/promotions?cursor=nope',
      '/admin/promotions?limit=0',
      '/admin/promotions?kind=all',
    ]) {
      assert.equal((await api('GET', path, undefined, admin)).status, 400, path);
    }
    assert.equal(
      (await api('PATCH', '/admin/promotions/5eed0000-0000-4000-8000-000000000001', {}, admin)).status,
      400,
    );
    assert.equal(
      (await api('PATCH', '/admin/promotions/5eed0000-0000-4000-8000-000000000001', { usedCount: 0 }, admin))
        .status,
      400,
      'uses are counted, never written',
    );
  });

  it('refuses malformed, oversized and non-JSON bodies, and never answers 5xx to odd paths', async () => {
    const malformed = await api('POST', '/quotes', '{"lines": [');
    assert.equal((await problemOf(malformed)).code, 'MALFORMED_BODY');
    const huge = await api('POST', '/quotes', {
      ...valid,
      shipTo: { country: 'DE', city: 'x'.repeat(1_100_000) },
    });
    assert.equal(huge.status, 413);
    const text = await fetch(`${pricing.url}/quotes`, {
      method: 'POST',
      body: 'sku=X',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(text.status, 415);
    for (const path of [
      '/prices/%00',
      '/prices/%ED%A0%80',
      `/prices/${'A'.repeat(300)}`,
      "/prices/' or 1=1 --",
    ]) {
      const response = await api('GET', path);
      assert.ok(response.status >= 400 && response.status < 500, `${path}: ${response.status}`);
    }
  });

  it('left every table as it was', async () => {
    assert.deepEqual(await state(), stateBefore);
  });
});
