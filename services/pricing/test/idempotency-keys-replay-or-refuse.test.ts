import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestTokenIssuer } from '@emporium/platform/testing';
import { bodyOf, type jsonClient, problemOf, type TestService } from '@emporium/platform/testing';
import type { PricingDatabase } from '../src/store/database.ts';
import { eventsAbout } from './fixtures/outbox-events.ts';
import type { PromotionView } from './fixtures/quote-view.ts';
import { startPricingWithAdmin } from './fixtures/start-pricing.ts';

describe('Idempotency-Key on admin changes', () => {
  let issuer: TestTokenIssuer;
  let pricing: TestService<PricingDatabase>;
  let api: ReturnType<typeof jsonClient>;
  let token: string;

  before(async () => {
    ({ pricing, issuer, api } = await startPricingWithAdmin());
    token = await issuer.token({ roles: ['admin'] });
  });
  after(async () => {
    await pricing?.close();
    await issuer?.close();
  });

  const withKey = (key: string) => ({ token, headers: { 'idempotency-key': key } });
  const promotionCount = async () =>
    Number(
      (
        await pricing.database.db
          .selectFrom('promotions')
          .select((s) => s.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('creates a promotion once per key, answering a repeat with the first promotion', async () => {
    const body = { name: 'Once', kind: 'percentage', value: 700, couponCode: 'ONCE7' };
    const first = await api('POST', '/admin/promotions', body, withKey('create-once'));
    assert.equal(first.status, 201, await first.clone().text());
    assert.equal(first.headers.get('idempotent-replayed'), null);
    const created = await bodyOf<PromotionView>(first);
    const count = await promotionCount();

    const again = await api(
      'POST',
      '/admin/promotions',
      { couponCode: 'ONCE7', value: 700, kind: 'percentage', name: 'Once' },
      withKey('create-once'),
    );
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(
      await bodyOf<PromotionView>(again),
      created,
      'the same promotion, whatever the key order',
    );
    assert.equal(await promotionCount(), count);
  });

  it('refuses the key with another body (422), creating nothing', async () => {
    await api(
      'POST',
      '/admin/promotions',
      { name: 'Key', kind: 'percentage', value: 100 },
      withKey('create-reused'),
    );
    const count = await promotionCount();
    const reused = await api(
      'POST',
      '/admin/promotions',
      { name: 'Key', kind: 'percentage', value: 200 },
      withKey('create-reused'),
    );
    assert.equal(reused.status, 422);
    const problem = await problemOf(reused);
    assert.equal(problem.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.match(problem.detail, /create-reused was used for a different request; nothing was changed/);
    assert.equal(await promotionCount(), count);
  });

  it('needs a key to create a promotion, and refuses a malformed one', async () => {
    const body = { name: 'Keyless', kind: 'percentage', value: 100 };
    const missing = await api('POST', '/admin/promotions', body, { token });
    assert.equal(missing.status, 400);
    assert.equal((await problemOf(missing)).code, 'IDEMPOTENCY_KEY_MISSING');
    const invalid = await api('POST', '/admin/promotions', body, withKey('has spaces'));
    assert.equal((await problemOf(invalid)).code, 'IDEMPOTENCY_KEY_INVALID');
  });

  it('lets a refused create be retried with the same key once fixed', async () => {
    const refused = await api(
      'POST',
      '/admin/promotions',
      { name: 'Fix', kind: 'fixed', value: 100 },
      withKey('create-fixed'),
    );
    assert.equal(refused.status, 422);
    const fixed = await api(
      'POST',
      '/admin/promotions',
      { name: 'Fix', kind: 'fixed', value: 100, currency: 'EUR' },
      withKey('create-fixed'),
    );
    assert.equal(fixed.status, 201, 'a refusal stores nothing under the key');
  });

  it('sets a price once per key: one change, one event; another amount with the key is refused', async () => {
    const sku = 'GARD-TOOL-0006';
    const first = await api('PUT', `/admin/prices/${sku}/EUR`, { amountMinor: 1111 }, withKey('price-1'));
    assert.equal(first.status, 200);
    const again = await api('PUT', `/admin/prices/${sku}/EUR`, { amountMinor: 1111 }, withKey('price-1'));
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await bodyOf(again), await bodyOf(first));
    assert.equal((await eventsAbout(pricing.database.db, sku)).length, 1);

    const reused = await api('PUT', `/admin/prices/${sku}/EUR`, { amountMinor: 2222 }, withKey('price-1'));
    assert.equal((await problemOf(reused)).code, 'IDEMPOTENCY_KEY_REUSED');
    const otherSku = await api(
      'PUT',
      '/admin/prices/GARD-TOOL-0007/EUR',
      { amountMinor: 1111 },
      withKey('price-1'),
    );
    assert.equal(otherSku.status, 422, 'the path is part of the request');
    const prices = await bodyOf<{ prices: Array<{ currency: string; amountMinor: number }> }>(
      await api('GET', `/prices/${sku}`),
    );
    assert.equal(prices.prices.find((price) => price.currency === 'EUR')?.amountMinor, 1111);
    assert.equal((await eventsAbout(pricing.database.db, sku)).length, 1);
  });

  it('replays a promotion change and a tax rule change under their keys', async () => {
    const id = '5eed0000-0000-4000-8000-000000000007';
    const change = await api('PATCH', `/admin/promotions/${id}`, { value: 250 }, withKey('patch-1'));
    assert.equal(change.status, 200);
    const replay = await api('PATCH', `/admin/promotions/${id}`, { value: 250 }, withKey('patch-1'));
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    const otherPromotion = await api(
      'PATCH',
      '/admin/promotions/5eed0000-0000-4000-8000-000000000006',
      { value: 250 },
      withKey('patch-1'),
    );
    assert.equal((await problemOf(otherPromotion)).code, 'IDEMPOTENCY_KEY_REUSED');

    const rule = { rateBps: 825, name: 'Texas sales tax', taxIncluded: false };
    assert.equal((await api('PUT', '/admin/tax-rules/US/TX', rule, withKey('tax-1'))).status, 200);
    const replayed = await api('PUT', '/admin/tax-rules/US/TX', rule, withKey('tax-1'));
    assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
    const elsewhere = await api('PUT', '/admin/tax-rules/US/OK', rule, withKey('tax-1'));
    assert.equal((await problemOf(elsewhere)).code, 'IDEMPOTENCY_KEY_REUSED');
  });
});
