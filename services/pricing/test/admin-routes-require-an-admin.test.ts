import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestTokenIssuer } from '@emporium/platform/testing';
import { bodyOf, type jsonClient, problemOf, type TestService } from '@emporium/platform/testing';
import type { PricingDatabase } from '../src/store/database.ts';
import type { PromotionView } from './fixtures/quote-view.ts';
import { startPricingWithAdmin } from './fixtures/start-pricing.ts';

interface PromotionList {
  promotions: PromotionView[];
  nextCursor: string | null;
}
interface TaxRuleList {
  taxRules: Array<{
    country: string;
    region: string | null;
    rateBps: number;
    name: string;
    taxIncluded: boolean;
  }>;
}

describe('admin routes', () => {
  let issuer: TestTokenIssuer;
  let pricing: TestService<PricingDatabase>;
  let api: ReturnType<typeof jsonClient>;
  let admin: { token: string };

  before(async () => {
    ({ pricing, issuer, api, admin } = await startPricingWithAdmin());
  });
  after(async () => {
    await pricing?.close();
    await issuer?.close();
  });

  describe('who may call them', () => {
    const routes: Array<[string, string, unknown]> = [
      ['GET', '/admin/promotions', undefined],
      ['GET', '/admin/promotions/5eed0000-0000-4000-8000-000000000001', undefined],
      ['POST', '/admin/promotions', { name: 'x', kind: 'percentage', value: 100 }],
      ['PATCH', '/admin/promotions/5eed0000-0000-4000-8000-000000000001', { active: false }],
      ['PUT', '/admin/prices/GARD-TOOL-0001/EUR', { amountMinor: 1 }],
      ['GET', '/admin/tax-rules', undefined],
      ['PUT', '/admin/tax-rules/DE', { rateBps: 0, name: 'x', taxIncluded: true }],
      ['PUT', '/admin/tax-rules/US/CA', { rateBps: 0, name: 'x', taxIncluded: false }],
      ['GET', '/admin/dead-letters', undefined],
    ];

    it('refuses every admin route without a token (401) and to a customer (403), changing nothing', async () => {
      const customer = await issuer.token({ roles: ['customer'] });
      for (const [method, path, body] of routes) {
        const anonymous = await api(method, path, body);
        assert.equal(anonymous.status, 401, `${method} ${path}`);
        assert.equal((await problemOf(anonymous)).code, 'AUTH_REQUIRED');
        const forbidden = await api(method, path, body, { token: customer });
        assert.equal(forbidden.status, 403, `${method} ${path}`);
        assert.equal((await problemOf(forbidden)).code, 'FORBIDDEN');
      }
      const welcome = await api(
        'GET',
        '/admin/promotions/5eed0000-0000-4000-8000-000000000001',
        undefined,
        admin,
      );
      assert.equal((await bodyOf<PromotionView>(welcome)).active, true);
      const prices = await bodyOf<{ prices: Array<{ amountMinor: number }> }>(
        await api('GET', '/prices/GARD-TOOL-0001'),
      );
      assert.equal(prices.prices[0]?.amountMinor, 2800);
    });

    it('refuses expired, forged and tampered tokens with 401', async () => {
      const expired = await api('GET', '/admin/promotions', undefined, {
        token: await issuer.token({ roles: ['admin'], expiresInSeconds: -60 }),
      });
      assert.equal((await problemOf(expired)).code, 'TOKEN_EXPIRED');
      const forged = await api('GET', '/admin/promotions', undefined, {
        token: await issuer.tokenFromUnknownKey({ roles: ['admin'] }),
      });
      assert.equal((await problemOf(forged)).code, 'TOKEN_INVALID');
      const [header, , signature] = admin.token.split('.');
      const payload = Buffer.from(JSON.stringify({ roles: ['admin'], sub: 'me' })).toString('base64url');
      assert.equal(
        (await api('GET', '/admin/promotions', undefined, { token: `${header}.${payload}.${signature}` }))
          .status,
        401,
      );
    });
  });

  describe('promotions', () => {
    it('creates, reads, lists and changes promotions', async () => {
      const created = await api(
        'POST',
        '/admin/promotions',
        {
          name: 'Garden days',
          kind: 'percentage',
          value: 1200,
          scope: 'category',
          targets: ['garden-tools'],
          couponCode: 'garden12',
          usageLimit: 50,
        },
        { ...admin, headers: { 'idempotency-key': 'garden-days' } },
      );
      assert.equal(created.status, 201, await created.clone().text());
      const promotion = await bodyOf<PromotionView>(created);
      assert.equal(created.headers.get('location'), `/admin/promotions/${promotion.id}`);
      assert.equal(promotion.couponCode, 'GARDEN12', 'stored upper case');
      assert.equal(promotion.status, 'live');
      assert.equal(promotion.remainingUses, 50);
      assert.deepEqual(
        await bodyOf<PromotionView>(await api('GET', `/admin/promotions/${promotion.id}`, undefined, admin)),
        promotion,
      );

      const changed = await api(
        'PATCH',
        `/admin/promotions/${promotion.id}`,
        { value: 1500, targets: ['garden-tools', 'seeds-bulbs'] },
        admin,
      );
      assert.equal(changed.status, 200, await changed.clone().text());
      const after = await bodyOf<PromotionView>(changed);
      assert.equal(after.value, 1500);
      assert.deepEqual(after.targets, ['garden-tools', 'seeds-bulbs']);
      assert.equal(after.name, 'Garden days', 'fields not sent stay');

      const coupons = await bodyOf<PromotionList>(
        await api('GET', '/admin/promotions?kind=coupon&limit=100', undefined, admin),
      );
      assert.ok(coupons.promotions.every((candidate) => candidate.couponCode !== null));
      assert.ok(coupons.promotions.some((candidate) => candidate.id === promotion.id));
      const automatic = await bodyOf<PromotionList>(
        await api('GET', '/admin/promotions?kind=automatic', undefined, admin),
      );
      assert.ok(automatic.promotions.every((candidate) => candidate.couponCode === null));
    });

    it('pages through every promotion once, in id order', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? '' : `&cursor=${cursor}`;
        const page: PromotionList = await bodyOf<PromotionList>(
          await api('GET', `/admin/promotions?limit=3${query}`, undefined, admin),
        );
        assert.ok(page.promotions.length <= 3);
        seen.push(...page.promotions.map((promotion) => promotion.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      const all = await bodyOf<PromotionList>(
        await api('GET', '/admin/promotions?limit=100', undefined, admin),
      );
      assert.deepEqual(
        seen,
        all.promotions.map((promotion) => promotion.id),
      );
      assert.deepEqual(seen, [...seen].sort());
      assert.ok(seen.length >= 8, 'the seeded promotions are there');
    });

    it('refuses an inconsistent promotion (422), a taken coupon code (409), and an unknown id (404)', async () => {
      const post = (body: object) =>
        api('POST', '/admin/promotions', body, {
          ...admin,
          headers: { 'idempotency-key': crypto.randomUUID() },
        });
      const fixedWithoutCurrency = await post({ name: 'Five', kind: 'fixed', value: 500 });
      assert.equal(fixedWithoutCurrency.status, 422);
      const problem = await problemOf(fixedWithoutCurrency);
      assert.equal(problem.code, 'INVALID_PROMOTION');
      assert.match(problem.detail, /a fixed amount needs the currency/);

      const taken = await post({ name: 'Again', kind: 'percentage', value: 100, couponCode: 'Welcome10' });
      assert.equal(taken.status, 409);
      assert.equal((await problemOf(taken)).code, 'COUPON_CODE_TAKEN');

      const limitOnAutomatic = await api(
        'PATCH',
        '/admin/promotions/5eed0000-0000-4000-8000-000000000006',
        { usageLimit: 10 },
        admin,
      );
      assert.equal((await problemOf(limitOnAutomatic)).code, 'INVALID_PROMOTION');

      const missing = await api(
        'PATCH',
        '/admin/promotions/00000000-0000-4000-8000-000000000000',
        { active: false },
        admin,
      );
      assert.equal(missing.status, 404);
      assert.equal((await problemOf(missing)).code, 'PROMOTION_NOT_FOUND');
      assert.equal(
        (await api('GET', '/admin/promotions/00000000-0000-4000-8000-000000000000', undefined, admin)).status,
        404,
      );
    });
  });

  describe('prices and tax rules', () => {
    it("sets a SKU's price and shows every currency's", async () => {
      const set = await api('PUT', '/admin/prices/GARD-TOOL-0005/EUR', { amountMinor: 4321 }, admin);
      assert.equal(set.status, 200, await set.clone().text());
      const body = await bodyOf<{
        amountMinor: number;
        previousAmountMinor: number | null;
        changed: boolean;
      }>(set);
      assert.equal(body.amountMinor, 4321);
      assert.equal(body.changed, true);
      assert.equal(typeof body.previousAmountMinor, 'number');
      const prices = await bodyOf<{
        categorySlug: string;
        prices: Array<{ currency: string; amountMinor: number }>;
      }>(await api('GET', '/prices/GARD-TOOL-0005'));
      assert.equal(prices.categorySlug, 'garden-tools');
      assert.deepEqual(
        prices.prices.map((price) => price.currency),
        ['EUR', 'GBP', 'USD'],
      );
      assert.equal(prices.prices[0]?.amountMinor, 4321);
      const missing = await api('GET', '/prices/NO-SUCH-SKU');
      assert.equal(missing.status, 404);
      assert.equal((await problemOf(missing)).code, 'PRICE_NOT_FOUND');
    });

    it('lists tax rules and sets country-wide and regional ones', async () => {
      const before = await bodyOf<TaxRuleList>(await api('GET', '/admin/tax-rules', undefined, admin));
      assert.deepEqual(
        before.taxRules.find((rule) => rule.country === 'DE'),
        {
          country: 'DE',
          region: null,
          rateBps: 1900,
          name: 'DE VAT',
          taxIncluded: true,
        },
      );
      const regional = await api(
        'PUT',
        '/admin/tax-rules/US/NJ',
        { rateBps: 663, name: 'New Jersey sales tax', taxIncluded: false },
        admin,
      );
      assert.deepEqual(await bodyOf(regional), {
        country: 'US',
        region: 'NJ',
        rateBps: 663,
        name: 'New Jersey sales tax',
        taxIncluded: false,
      });
      const after = await bodyOf<TaxRuleList>(await api('GET', '/admin/tax-rules', undefined, admin));
      assert.equal(after.taxRules.length, before.taxRules.length + 1);
      const german = await api(
        'PUT',
        '/admin/tax-rules/DE',
        { rateBps: 1600, name: 'DE VAT (reduced period)', taxIncluded: true },
        admin,
      );
      assert.equal(german.status, 200);
      const changed = await bodyOf<TaxRuleList>(await api('GET', '/admin/tax-rules', undefined, admin));
      assert.equal(changed.taxRules.length, after.taxRules.length, 'replaced, not added');
      assert.equal(changed.taxRules.find((rule) => rule.country === 'DE')?.rateBps, 1600);
    });
  });
});
