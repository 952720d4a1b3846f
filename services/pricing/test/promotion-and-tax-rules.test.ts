import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProblemError } from '@emporium/platform/http';
import { formatAmount, formatRate } from '../src/domain/currency.ts';
import {
  coversLine,
  describeOffer,
  type PromotionDefinition,
  promotionDefinitionProblem,
  promotionStatusAt,
  remainingUses,
} from '../src/domain/promotion.ts';
import { type TaxRule, taxRuleFor } from '../src/domain/tax-rule.ts';
import { CA_SALES_TAX, DE_VAT, NOW, promotion } from './fixtures/domain-builders.ts';

describe('promotion rules', () => {
  it('tells where a promotion stands: withdrawn, scheduled, live, expired, used up', () => {
    const base = promotion({ id: 'p', kind: 'percentage', value: 1000 });
    assert.equal(promotionStatusAt(base, NOW), 'live');
    assert.equal(promotionStatusAt({ ...base, active: false }, NOW), 'withdrawn');
    assert.equal(promotionStatusAt({ ...base, startsAt: new Date('2026-01-01') }, NOW), 'scheduled');
    assert.equal(promotionStatusAt({ ...base, endsAt: NOW }, NOW), 'expired', 'endsAt is exclusive');
    assert.equal(
      promotionStatusAt({ ...base, couponCode: 'X10', usageLimit: 2, usedCount: 2 }, NOW),
      'used-up',
    );
    assert.equal(promotionStatusAt({ ...base, couponCode: 'X10', usageLimit: 2, usedCount: 1 }, NOW), 'live');
  });

  it('counts remaining uses, -1 for unlimited', () => {
    assert.equal(remainingUses(promotion({ id: 'p', kind: 'fixed', value: 1 })), -1);
    assert.equal(
      remainingUses(promotion({ id: 'p', kind: 'fixed', value: 1, usageLimit: 5, usedCount: 2 })),
      3,
    );
    assert.equal(
      remainingUses(promotion({ id: 'p', kind: 'fixed', value: 1, usageLimit: 5, usedCount: 9 })),
      0,
    );
  });

  it('covers lines by scope: everything, listed categories, or listed SKUs', () => {
    const byCategory = promotion({
      id: 'p',
      kind: 'percentage',
      value: 1,
      scope: 'category',
      targets: ['tea'],
    });
    assert.ok(coversLine(byCategory, { sku: 'T-1', categorySlug: 'tea' }));
    assert.ok(!coversLine(byCategory, { sku: 'T-1', categorySlug: 'coffee' }));
    assert.ok(
      !coversLine(byCategory, { sku: 'T-1', categorySlug: null }),
      'an unknown category is not covered',
    );
    const bySku = promotion({ id: 'p', kind: 'percentage', value: 1, scope: 'sku', targets: ['T-1'] });
    assert.ok(coversLine(bySku, { sku: 'T-1', categorySlug: null }));
    assert.ok(!coversLine(bySku, { sku: 'T-2', categorySlug: 'tea' }));
  });

  it('refuses definitions that contradict themselves, saying how', () => {
    const valid: PromotionDefinition = {
      name: 'Sale',
      kind: 'percentage',
      value: 1000,
      currency: null,
      scope: 'all',
      targets: [],
      startsAt: NOW,
      endsAt: null,
      couponCode: null,
      usageLimit: null,
      minSubtotalMinor: null,
      stackable: false,
      active: true,
    };
    assert.equal(promotionDefinitionProblem(valid), undefined);
    const cases: Array<[Partial<PromotionDefinition>, RegExp]> = [
      [{ value: 10_001 }, /1 to 10000 basis points/],
      [{ kind: 'fixed', value: 500 }, /fixed amount needs the currency/],
      [{ minSubtotalMinor: 1000 }, /minimum subtotal needs the currency/],
      [{ targets: ['tea'] }, /scope all covers everything/],
      [{ scope: 'category' }, /needs at least one category slug/],
      [{ scope: 'sku', targets: ['lower-case'] }, /"lower-case" is not a SKU/],
      [{ scope: 'category', targets: ['Tea'] }, /"Tea" is not a category slug/],
      [{ currency: 'EUD' }, /EUD is not a currency/],
      [{ endsAt: NOW }, /endsAt must be after startsAt/],
      [{ usageLimit: 10 }, /only a coupon can have a usage limit/],
    ];
    for (const [change, message] of cases) {
      assert.match(promotionDefinitionProblem({ ...valid, ...change }) ?? 'accepted', message);
    }
  });

  it('describes offers and amounts without floats', () => {
    assert.equal(describeOffer(promotion({ id: 'p', kind: 'percentage', value: 1000 })), '10% off');
    assert.equal(describeOffer(promotion({ id: 'p', kind: 'percentage', value: 1250 })), '12.5% off');
    assert.equal(
      describeOffer(promotion({ id: 'p', kind: 'fixed', value: 505, currency: 'EUR' })),
      '5.05 EUR off',
    );
    assert.equal(formatRate(725), '7.25%');
    assert.equal(formatRate(5), '0.05%');
    assert.equal(formatAmount(-1999, 'USD'), '-19.99 USD');
    assert.equal(formatAmount(1500, 'JPY'), '1500 JPY');
  });
});

describe('tax rules', () => {
  const rules: TaxRule[] = [
    DE_VAT,
    CA_SALES_TAX,
    { country: 'US', region: 'NY', rateBps: 400, name: 'New York sales tax', taxIncluded: false },
    { country: 'CA', region: null, rateBps: 500, name: 'CA GST', taxIncluded: false },
    { country: 'CA', region: 'QC', rateBps: 1498, name: 'QC GST+QST', taxIncluded: false },
  ];
  const problemOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      assert.ok(error instanceof ProblemError);
      assert.equal(error.code, 'NO_TAX_RULE');
      return error.message;
    }
    assert.fail('not refused');
  };

  it("takes the region's own rule over its country's, and the country's where the region has none", () => {
    assert.equal(taxRuleFor(rules, { country: 'CA', region: 'QC' }).name, 'QC GST+QST');
    assert.equal(taxRuleFor(rules, { country: 'CA', region: 'ON' }).name, 'CA GST');
    assert.equal(taxRuleFor(rules, { country: 'CA', region: null }).name, 'CA GST');
    assert.equal(taxRuleFor(rules, { country: 'DE', region: 'BY' }), DE_VAT);
    assert.equal(taxRuleFor(rules, { country: 'US', region: 'NY' }).rateBps, 400);
  });

  it('refuses a destination it has no rule for, rather than quoting it tax-free', () => {
    assert.match(
      problemOf(() => taxRuleFor(rules, { country: 'XX', region: null })),
      /no tax rule for country XX/,
    );
    assert.match(
      problemOf(() => taxRuleFor(rules, { country: 'US', region: null })),
      /Tax in US depends on the region: give shipTo.region/,
    );
    assert.match(
      problemOf(() => taxRuleFor(rules, { country: 'US', region: 'ZZ' })),
      /region ZZ of US/,
    );
  });
});
