import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Code, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { PricingService } from '@emporium/contracts/proto/pricing/v1/pricing_service';
import type { TestTokenIssuer } from '@emporium/platform/testing';
import { bodyOf, type jsonClient, problemOf, type TestService } from '@emporium/platform/testing';
import type { PricingDatabase } from '../src/store/database.ts';
import type { PromotionView, QuoteView } from './fixtures/quote-view.ts';
import { codeOf } from './fixtures/rpc-calls.ts';
import { startPricingWithAdmin } from './fixtures/start-pricing.ts';

const cart = (couponCode: string) => ({
  lines: [{ sku: 'GARD-TOOL-0001', quantity: 2 }],
  currency: 'EUR',
  couponCode,
  shipTo: { country: 'FR' },
});

describe('coupons', () => {
  let issuer: TestTokenIssuer;
  let pricing: TestService<PricingDatabase>;
  let api: ReturnType<typeof jsonClient>;
  let admin: { token: string };
  let client: ReturnType<typeof createClient<typeof PricingService>>;

  before(async () => {
    ({ pricing, issuer, api, admin } = await startPricingWithAdmin());
    client = createClient(PricingService, createGrpcTransport({ baseUrl: pricing.rpcUrl ?? '' }));
  });
  after(async () => {
    await pricing?.close();
    await issuer?.close();
  });

  async function createCoupon(body: object): Promise<PromotionView> {
    const response = await api('POST', '/admin/promotions', body, {
      ...admin,
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    assert.equal(response.status, 201, await response.clone().text());
    return bodyOf<PromotionView>(response);
  }
  const quoteRefusal = async (couponCode: string) => {
    const response = await api('POST', '/quotes', cart(couponCode));
    assert.equal(response.status, 422, await response.clone().text());
    return problemOf(response);
  };
  const usesOf = async (id: string) =>
    (await bodyOf<PromotionView>(await api('GET', `/admin/promotions/${id}`, undefined, admin))).usedCount;

  it('applies a valid coupon, matched whatever its case, without counting a use', async () => {
    const response = await api('POST', '/quotes', cart('  welcome10 '));
    assert.equal(response.status, 200, await response.clone().text());
    const quote = await bodyOf<QuoteView>(response);
    assert.equal(quote.couponCode, 'WELCOME10');
    assert.deepEqual(
      quote.lines[0]?.adjustments.map((adjustment) => adjustment.code),
      ['coupon:WELCOME10'],
    );
    assert.equal(quote.discountTotalMinor, -Math.round(quote.subtotalMinor / 10));
  });

  it('refuses unknown, expired, not yet valid and used-up coupons, naming them and why', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['NOSUCHCODE', 'COUPON_UNKNOWN', /There is no coupon NOSUCHCODE/],
      ['SUMMER2024', 'COUPON_EXPIRED', /Coupon SUMMER2024 expired at 2024-09-01T00:00:00.000Z/],
      ['BLACKFRIDAY', 'COUPON_NOT_YET_VALID', /Coupon BLACKFRIDAY is valid from /],
      ['LAUNCH100', 'COUPON_USED_UP', /Coupon LAUNCH100 has been used up \(all 100 uses taken\)/],
    ];
    for (const [code, problem, detail] of cases) {
      const refused = await quoteRefusal(code);
      assert.equal(refused.code, problem);
      assert.match(refused.detail, detail);
      assert.equal(refused.couponCode ?? code, code);
      const redeemed = await codeOf(client.redeemCoupon({ couponCode: code, orderId: `order-${code}` }));
      assert.equal(redeemed.code, Code.FailedPrecondition, `${code}: ${redeemed.message}`);
      assert.match(redeemed.message, detail);
    }
  });

  it('counts one use per order, however often the order redeems it', async () => {
    const coupon = await createCoupon({
      name: 'Twice',
      kind: 'percentage',
      value: 500,
      couponCode: 'TWICE',
      usageLimit: 2,
    });
    assert.equal(coupon.remainingUses, 2);
    const first = await client.redeemCoupon({ couponCode: 'twice', orderId: 'order-twice-1' });
    assert.equal(first.remainingUses, 1);
    for (let repeat = 0; repeat < 3; repeat++) {
      const again = await client.redeemCoupon({ couponCode: 'TWICE', orderId: 'order-twice-1' });
      assert.equal(again.remainingUses, 1, 'a repeat answers the first result');
    }
    assert.equal(await usesOf(coupon.id), 1);

    // Long after (the idempotency key pruned), the order's redemption is still on record.
    await pricing.database.db.deleteFrom('idempotency_keys').execute();
    assert.equal(
      (await client.redeemCoupon({ couponCode: 'TWICE', orderId: 'order-twice-1' })).remainingUses,
      1,
    );
    assert.equal(await usesOf(coupon.id), 1);
  });

  it('lets concurrent orders take no more uses than the limit', async () => {
    const coupon = await createCoupon({
      name: 'Few',
      kind: 'percentage',
      value: 500,
      couponCode: 'FEW3',
      usageLimit: 3,
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        client.redeemCoupon({ couponCode: 'FEW3', orderId: `order-few-${index}` }),
      ),
    );
    const redeemed = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    assert.equal(redeemed.length, 3);
    assert.deepEqual(redeemed.map((outcome) => outcome.value.remainingUses).sort(), [0, 1, 2]);
    for (const outcome of outcomes.filter((candidate) => candidate.status === 'rejected')) {
      assert.equal((await codeOf(Promise.reject(outcome.reason))).code, Code.FailedPrecondition);
    }
    assert.equal(await usesOf(coupon.id), 3);
    const used = await quoteRefusal('FEW3');
    assert.equal(used.code, 'COUPON_USED_UP');
    assert.equal(
      (await bodyOf<PromotionView>(await api('GET', `/admin/promotions/${coupon.id}`, undefined, admin)))
        .status,
      'used-up',
    );
  });

  it('takes one coupon per order: another coupon for a redeemed order is ALREADY_EXISTS', async () => {
    await createCoupon({ name: 'Other', kind: 'percentage', value: 500, couponCode: 'OTHER5' });
    await client.redeemCoupon({ couponCode: 'WELCOME10', orderId: 'order-one-coupon' });
    const other = await codeOf(client.redeemCoupon({ couponCode: 'OTHER5', orderId: 'order-one-coupon' }));
    assert.equal(other.code, Code.AlreadyExists);
    assert.match(other.message, /order-one-coupon has already redeemed another coupon/);
    await pricing.database.db.deleteFrom('idempotency_keys').execute();
    const later = await codeOf(client.redeemCoupon({ couponCode: 'OTHER5', orderId: 'order-one-coupon' }));
    assert.equal(later.code, Code.AlreadyExists, 'still refused once the idempotency key is forgotten');
  });

  it('refuses a withdrawn coupon, and takes it again once brought back', async () => {
    const coupon = await createCoupon({
      name: 'Flash',
      kind: 'fixed',
      value: 300,
      currency: 'EUR',
      couponCode: 'FLASH3',
    });
    const withdrawn = await api('PATCH', `/admin/promotions/${coupon.id}`, { active: false }, admin);
    assert.equal((await bodyOf<PromotionView>(withdrawn)).status, 'withdrawn');
    assert.equal((await quoteRefusal('FLASH3')).code, 'COUPON_INACTIVE');
    assert.equal(
      (await codeOf(client.redeemCoupon({ couponCode: 'FLASH3', orderId: 'order-flash' }))).code,
      Code.FailedPrecondition,
    );
    await api('PATCH', `/admin/promotions/${coupon.id}`, { active: true }, admin);
    const quote = await bodyOf<QuoteView>(await api('POST', '/quotes', cart('FLASH3')));
    assert.equal(quote.discountTotalMinor, -300);
    assert.equal(
      (await client.redeemCoupon({ couponCode: 'FLASH3', orderId: 'order-flash' })).remainingUses,
      -1,
    );
  });

  it('refuses a coupon in another currency, or whose minimum the cart does not reach', async () => {
    const inUsd = await api('POST', '/quotes', {
      ...cart('SAVE5'),
      currency: 'USD',
      shipTo: { country: 'US', region: 'NY' },
    });
    assert.equal((await problemOf(inUsd)).code, 'COUPON_NOT_APPLICABLE');
    const small = await api('POST', '/quotes', {
      ...cart('SAVE5'),
      lines: [{ sku: 'GROC-TEAS-0001', quantity: 1 }],
    });
    const problem = await problemOf(small);
    assert.equal(problem.code, 'COUPON_NOT_APPLICABLE');
    assert.match(problem.detail, /SAVE5 needs 50.00 EUR of eligible items/);
  });
});
