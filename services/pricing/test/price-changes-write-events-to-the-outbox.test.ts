import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PriceChanged } from '@emporium/contracts';
import type { TestTokenIssuer } from '@emporium/platform/testing';
import { type jsonClient, problemOf, type TestService } from '@emporium/platform/testing';
import type { PricingDatabase } from '../src/store/database.ts';
import { dataOf, eventsAbout, outboxEvents } from './fixtures/outbox-events.ts';
import { startPricingWithAdmin } from './fixtures/start-pricing.ts';

// No bus is configured here, so every event stays in the outbox where the test can read it.
describe('price changes in the outbox', () => {
  let issuer: TestTokenIssuer;
  let pricing: TestService<PricingDatabase>;
  let api: ReturnType<typeof jsonClient>;
  let admin: { token: string };
  const now = new Date('2030-05-01T08:00:00.000Z');

  before(async () => {
    ({ pricing, issuer, api, admin } = await startPricingWithAdmin({ dependencies: { clock: () => now } }));
  });
  after(async () => {
    await pricing?.close();
    await issuer?.close();
  });

  const put = async (path: string, body: object, expected = 200) => {
    const response = await api('PUT', `/admin/prices/${path}`, body, admin);
    assert.equal(response.status, expected, await response.clone().text());
    return response;
  };
  const eventsOf = (sku: string) => eventsAbout(pricing.database.db, sku);

  it('publishes nothing for the seeded price lists', async () => {
    assert.deepEqual(await outboxEvents(pricing.database.db), []);
  });

  it('writes PriceChanged with the old and the new price, as a CloudEvent its contract accepts', async () => {
    await put('GARD-TOOL-0001/EUR', { amountMinor: 2599 });
    const events = await eventsOf('GARD-TOOL-0001');
    assert.equal(events.length, 1);
    assert.equal(events[0]?.subject, 'GARD-TOOL-0001');
    assert.deepEqual(dataOf(PriceChanged, events[0]), {
      sku: 'GARD-TOOL-0001',
      currency: 'EUR',
      oldAmountMinor: 2800,
      newAmountMinor: 2599,
      effectiveFrom: now.toISOString(),
      changedAt: now.toISOString(),
    });
  });

  it('writes nothing when the price already is that amount', async () => {
    await put('GARD-TOOL-0002/EUR', { amountMinor: 3695 });
    assert.deepEqual(await eventsOf('GARD-TOOL-0002'), []);
  });

  it('reports a first price in a new currency with no old amount, and a scheduled one with its time', async () => {
    await put('GARD-TOOL-0003/CHF', { amountMinor: 4990 });
    const later = new Date(now.getTime() + 86_400_000);
    await put('GARD-TOOL-0003/CHF', { amountMinor: 3990, validFrom: later.toISOString() });
    const [first, scheduled] = await eventsOf('GARD-TOOL-0003');
    assert.equal(dataOf(PriceChanged, first).oldAmountMinor, null);
    assert.deepEqual(dataOf(PriceChanged, scheduled), {
      sku: 'GARD-TOOL-0003',
      currency: 'CHF',
      oldAmountMinor: 4990,
      newAmountMinor: 3990,
      effectiveFrom: later.toISOString(),
      changedAt: now.toISOString(),
    });
  });

  it('writes no event for a refused change, and leaves the price as it was', async () => {
    const before = (await outboxEvents(pricing.database.db)).length;
    const eurPrice = async () => {
      const response = await api('GET', '/prices/GARD-TOOL-0004');
      const { prices } = (await response.json()) as {
        prices: Array<{ currency: string; amountMinor: number }>;
      };
      return prices.find((price) => price.currency === 'EUR')?.amountMinor;
    };
    const priceBefore = await eurPrice();
    assert.equal(typeof priceBefore, 'number');
    const past = await put(
      'GARD-TOOL-0004/EUR',
      { amountMinor: 100, validFrom: new Date(now.getTime() - 3_600_000).toISOString() },
      422,
    );
    assert.equal((await problemOf(past)).code, 'PRICE_IN_THE_PAST');
    const unknownCurrency = await put('GARD-TOOL-0004/XYZ', { amountMinor: 100 }, 400);
    assert.equal((await problemOf(unknownCurrency)).code, 'UNSUPPORTED_CURRENCY');
    await put('GARD-TOOL-0004/EUR', { amountMinor: -1 }, 400);
    await put('GARD-TOOL-0004/EUR', { amountMinor: 0 }, 400);
    assert.equal((await api('PUT', '/admin/prices/GARD-TOOL-0004/EUR', { amountMinor: 1 })).status, 401);
    assert.equal((await outboxEvents(pricing.database.db)).length, before);
    assert.equal(await eurPrice(), priceBefore);
  });
});
