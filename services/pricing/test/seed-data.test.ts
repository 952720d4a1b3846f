import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedCatalogue } from '@emporium/demo-data';
import { promotionDefinitionProblem, promotionStatusAt } from '../src/domain/promotion.ts';
import { endingInNinetyNine, seedPrices } from '../src/store/seed/seed-prices.ts';
import { seedPromotions } from '../src/store/seed/seed-promotions.ts';
import { seedTaxRules } from '../src/store/seed/seed-tax-rules.ts';

describe('the demo data', () => {
  it('moves converted prices to the nearest x.99, ties up, never below 0.99', () => {
    assert.equal(endingInNinetyNine(1234), 1199);
    assert.equal(endingInNinetyNine(1248), 1199);
    assert.equal(endingInNinetyNine(1249), 1299, '12.49 is as near 11.99 as 12.99: up');
    assert.equal(endingInNinetyNine(1250), 1299);
    assert.equal(endingInNinetyNine(1199), 1199);
    assert.equal(endingInNinetyNine(42), 99);
    assert.equal(endingInNinetyNine(0), 99);
  });

  it('prices every catalogue product in EUR (its reference price), USD and GBP, the same way every time', () => {
    const { products } = seedCatalogue();
    const prices = seedPrices(products);
    assert.equal(prices.length, products.length * 3);
    const first = products.find((product) => product.sku === 'ELEC-HEAD-0001');
    assert.ok(first);
    assert.equal(first.referencePriceMinor, 12400, 'the example below is this product');
    const mine = prices.filter((price) => price.sku === first.sku);
    assert.deepEqual(
      mine.map((price) => price.currency),
      ['EUR', 'USD', 'GBP'],
    );
    assert.equal(mine[0]?.amountMinor, first.referencePriceMinor);
    // 124.00 EUR × 1.08 = 133.92 USD → 133.99; × 0.86 = 106.64 GBP → 106.99.
    assert.deepEqual(
      mine.map((price) => price.amountMinor),
      [12400, 13399, 10699],
    );
    for (const price of prices.filter((price) => price.currency !== 'EUR')) {
      assert.equal(price.amountMinor % 100, 99, `${price.sku} ${price.currency} ends in .99`);
    }
    assert.deepEqual(seedPrices(seedCatalogue().products), prices);
  });

  it('seeds consistent promotions with unique coupon codes: live, scheduled, expired and used-up ones', () => {
    const now = new Date('2025-06-15T12:00:00Z');
    const promotions = seedPromotions(now);
    for (const promotion of promotions) {
      assert.equal(promotionDefinitionProblem(promotion), undefined, promotion.name);
    }
    const codes = promotions.flatMap((promotion) => (promotion.couponCode ? [promotion.couponCode] : []));
    assert.equal(new Set(codes).size, codes.length);
    const statusOf = (code: string) =>
      promotionStatusAt(
        promotions.find((promotion) => promotion.couponCode === code) ?? assert.fail(code),
        now,
      );
    assert.equal(statusOf('WELCOME10'), 'live');
    assert.equal(statusOf('SUMMER2024'), 'expired');
    assert.equal(statusOf('LAUNCH100'), 'used-up');
    assert.equal(statusOf('BLACKFRIDAY'), 'scheduled');
    const categories = new Set(seedCatalogue().categories.map((category) => category.slug));
    for (const promotion of promotions.filter((candidate) => candidate.scope === 'category')) {
      assert.ok(
        promotion.targets.every((slug) => categories.has(slug)),
        `${promotion.name} targets real categories`,
      );
    }
  });

  it('seeds one tax rule per destination', () => {
    const rules = seedTaxRules();
    const keys = rules.map((rule) => `${rule.country}-${rule.region ?? '*'}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(
      rules.filter((rule) => rule.country !== 'US').every((rule) => rule.taxIncluded && rule.region === null),
    );
    assert.ok(
      rules
        .filter((rule) => rule.country === 'US')
        .every((rule) => !rule.taxIncluded && rule.region !== null),
    );
  });
});
