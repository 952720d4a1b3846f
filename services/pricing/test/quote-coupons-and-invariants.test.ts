import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '@emporium/demo-data';
import { ProblemError } from '@emporium/platform/http';
import type { Promotion } from '../src/domain/promotion.ts';
import { priceQuote } from '../src/domain/quote.ts';
import { CA_SALES_TAX, DE_VAT, line, promotion, quoteInput } from './fixtures/domain-builders.ts';

const coupon = (fields: Partial<Promotion> = {}) =>
  promotion({
    id: 'c1',
    kind: 'percentage',
    value: 1000,
    couponCode: 'WELCOME10',
    name: 'Welcome',
    ...fields,
  });

function refusal(run: () => unknown): { code: string; detail: string } {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ProblemError, `a ProblemError, not ${String(error)}`);
    return { code: error.code, detail: error.message };
  }
  assert.fail('the quote was not refused');
}

describe('quote arithmetic: the coupon', () => {
  it('applies after automatic promotions and is named by its code', () => {
    const quote = priceQuote(quoteInput({ lines: [line('A-1', 2000), line('B-1', 999)], coupon: coupon() }));
    assert.equal(quote.couponCode, 'WELCOME10');
    assert.deepEqual(
      quote.lines.map((quoted) => quoted.adjustments),
      [
        [{ code: 'coupon:WELCOME10', description: 'Welcome (10% off)', amountMinor: -200 }],
        [{ code: 'coupon:WELCOME10', description: 'Welcome (10% off)', amountMinor: -100 }],
      ],
    );
  });

  it('is not combined with other offers unless stackable: it skips lines already discounted', () => {
    const sale = promotion({ id: 'p1', kind: 'percentage', value: 2000, scope: 'sku', targets: ['A-1'] });
    const lines = [line('A-1', 1000), line('B-1', 1000)];
    const alone = priceQuote(quoteInput({ lines, promotions: [sale], coupon: coupon() }));
    assert.deepEqual(
      alone.lines.map((quoted) => quoted.netMinor),
      [800, 900],
    );
    const stacked = priceQuote(
      quoteInput({ lines, promotions: [sale], coupon: coupon({ stackable: true }) }),
    );
    assert.deepEqual(
      stacked.lines.map((quoted) => quoted.netMinor),
      [720, 900],
      '10% of the 8.00 left',
    );
  });

  it('combines with stackable promotions, which combine with anything', () => {
    const club = promotion({ id: 'p1', kind: 'percentage', value: 500, stackable: true });
    const quote = priceQuote(
      quoteInput({ lines: [line('A-1', 1000)], promotions: [club], coupon: coupon() }),
    );
    assert.deepEqual(
      quote.lines[0]?.adjustments.map((adjustment) => [adjustment.code, adjustment.amountMinor]),
      [
        ['promotion:p1', -50],
        ['coupon:WELCOME10', -95],
      ],
    );
  });

  it('spreads a fixed coupon over the lines it applies to', () => {
    const five = coupon({
      kind: 'fixed',
      value: 500,
      currency: 'EUR',
      couponCode: 'SAVE5',
      minSubtotalMinor: 5000,
    });
    const quote = priceQuote(
      quoteInput({ lines: [line('A-1', 2500), line('B-1', 2500), line('C-1', 1000)], coupon: five }),
    );
    // 208.33 each for the first two and 83.33 for the third: the leftover unit goes to the
    // first of the three equal remainders.
    assert.deepEqual(
      quote.lines.map((quoted) => quoted.netMinor - quoted.grossMinor),
      [-209, -208, -83],
    );
    assert.equal(quote.discountTotalMinor, -500);
  });

  it('is refused, naming it and why, when it cannot be used now', () => {
    const lines = [line('A-1', 1000)];
    const cases: Array<[Partial<Promotion>, string, RegExp]> = [
      [{ endsAt: new Date('2025-06-01T00:00:00Z') }, 'COUPON_EXPIRED', /WELCOME10 expired at 2025-06-01/],
      [
        { startsAt: new Date('2025-07-01T00:00:00Z') },
        'COUPON_NOT_YET_VALID',
        /WELCOME10 is valid from 2025-07-01/,
      ],
      [{ usageLimit: 3, usedCount: 3 }, 'COUPON_USED_UP', /WELCOME10 has been used up/],
      [{ active: false }, 'COUPON_INACTIVE', /WELCOME10 has been withdrawn/],
      [{ kind: 'fixed', value: 500, currency: 'GBP' }, 'COUPON_NOT_APPLICABLE', /GBP only, not EUR/],
    ];
    for (const [fields, code, detail] of cases) {
      const refused = refusal(() => priceQuote(quoteInput({ lines, coupon: coupon(fields) })));
      assert.equal(refused.code, code);
      assert.match(refused.detail, detail);
    }
  });

  it('is refused when it applies to nothing in the cart, rather than silently ignored', () => {
    const shoesOnly = coupon({ scope: 'category', targets: ['shoes'] });
    assert.match(
      refusal(() => priceQuote(quoteInput({ lines: [line('A-1', 1000, 1, 'books')], coupon: shoesOnly })))
        .detail,
      /applies to none of the items/,
    );
    const sale = promotion({ id: 'p1', kind: 'percentage', value: 2000 });
    assert.match(
      refusal(() =>
        priceQuote(quoteInput({ lines: [line('A-1', 1000)], promotions: [sale], coupon: coupon() })),
      ).detail,
      /cannot be combined with the offers/,
    );
    const minimum = coupon({ currency: 'EUR', minSubtotalMinor: 5000 });
    const short = refusal(() => priceQuote(quoteInput({ lines: [line('A-1', 4999)], coupon: minimum })));
    assert.equal(short.code, 'COUPON_NOT_APPLICABLE');
    assert.match(short.detail, /needs 50.00 EUR of eligible items; these come to 49.99 EUR/);
  });
});

describe('quote arithmetic: invariants over many carts', () => {
  const promotions = [
    promotion({ id: 'p-a', kind: 'percentage', value: 1250 }),
    promotion({ id: 'p-b', kind: 'percentage', value: 3333, scope: 'category', targets: ['c1'] }),
    promotion({ id: 'p-c', kind: 'fixed', value: 777, currency: 'EUR', scope: 'category', targets: ['c2'] }),
    promotion({
      id: 'p-d',
      kind: 'percentage',
      value: 499,
      stackable: true,
      scope: 'category',
      targets: ['c1', 'c3'],
    }),
    promotion({
      id: 'p-e',
      kind: 'fixed',
      value: 150,
      currency: 'EUR',
      stackable: true,
      minSubtotalMinor: 3000,
    }),
  ];
  const coupons = [
    null,
    coupon({ stackable: true }),
    coupon({ id: 'c2', kind: 'fixed', value: 1000, currency: 'EUR', couponCode: 'TENOFF', stackable: true }),
  ];

  it('adds up exactly, never goes negative, and never discounts more than the price', () => {
    const rng = createRng(42);
    for (let round = 0; round < 1500; round++) {
      const lines = Array.from({ length: rng.int(1, 8) }, (_, index) =>
        line(`SKU-${index}`, rng.int(1, 50_000), rng.int(1, 20), `c${rng.int(1, 4)}`),
      );
      const taxRule = rng.int(0, 1) === 0 ? DE_VAT : CA_SALES_TAX;
      const input = quoteInput({ lines, promotions, coupon: coupons[rng.int(0, 2)] ?? null, taxRule });
      const quote = priceQuote(input);
      const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

      assert.deepEqual(
        quote.lines.map((quoted) => quoted.sku),
        lines.map((given) => given.sku),
        'order kept',
      );
      for (const quoted of quote.lines) {
        assert.equal(quoted.grossMinor, quoted.unitPriceMinor * quoted.quantity);
        assert.equal(quoted.netMinor, quoted.grossMinor + sum(quoted.adjustments.map((a) => a.amountMinor)));
        assert.ok(
          quoted.adjustments.every((adjustment) => adjustment.amountMinor < 0),
          'adjustments only discount',
        );
        assert.ok(quoted.netMinor >= 0 && quoted.netMinor <= quoted.grossMinor);
        assert.ok(
          quoted.taxes.every(
            (tax) => tax.amountMinor >= 0 && tax.amountMinor <= Math.max(quoted.netMinor, 1),
          ),
        );
      }
      const nets = sum(quote.lines.map((quoted) => quoted.netMinor));
      assert.equal(quote.subtotalMinor, sum(quote.lines.map((quoted) => quoted.grossMinor)));
      assert.equal(
        quote.discountTotalMinor,
        sum(quote.lines.flatMap((quoted) => quoted.adjustments.map((a) => a.amountMinor))),
      );
      assert.equal(
        quote.taxTotalMinor,
        sum(quote.lines.flatMap((quoted) => quoted.taxes.map((tax) => tax.amountMinor))),
      );
      assert.equal(quote.subtotalMinor + quote.discountTotalMinor, nets);
      assert.equal(quote.totalMinor, quote.taxIncluded ? nets : nets + quote.taxTotalMinor);
    }
  });

  it('is deterministic: the same answer every time, whatever order the promotions come in', () => {
    const lines = [line('A-1', 1999, 3, 'c1'), line('B-1', 4550, 1, 'c2'), line('C-1', 120, 7, 'c3')];
    const first = priceQuote(quoteInput({ lines, promotions, coupon: coupons[2] ?? null, taxRule: DE_VAT }));
    const again = priceQuote(
      quoteInput({
        lines,
        promotions: [...promotions].reverse(),
        coupon: coupons[2] ?? null,
        taxRule: DE_VAT,
      }),
    );
    assert.deepEqual(again, first);
    assert.deepEqual(
      first.lines.map((quoted) => quoted.adjustments.map((adjustment) => adjustment.code)),
      [
        ['promotion:p-b', 'promotion:p-d', 'promotion:p-e', 'coupon:TENOFF'],
        ['promotion:p-c', 'promotion:p-e', 'coupon:TENOFF'],
        ['promotion:p-a', 'promotion:p-d', 'promotion:p-e', 'coupon:TENOFF'],
      ],
    );
  });
});
