import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { priceQuote, type Quote } from '../src/domain/quote.ts';
import { CA_SALES_TAX, DE_VAT, line, NOW, promotion, quoteInput } from './fixtures/domain-builders.ts';

const discountsOf = (quote: Quote) => quote.lines.map((quoted) => quoted.netMinor - quoted.grossMinor);
const codesOf = (quote: Quote) =>
  quote.lines.map((quoted) => quoted.adjustments.map((adjustment) => adjustment.code));

describe('quote arithmetic: prices and tax', () => {
  it('prices each line as unit price × quantity and keeps the lines in the order given', () => {
    const quote = priceQuote(quoteInput({ lines: [line('B-1', 1999, 3), line('A-1', 500, 1)] }));
    assert.deepEqual(
      quote.lines.map((quoted) => [quoted.sku, quoted.grossMinor, quoted.netMinor]),
      [
        ['B-1', 5997, 5997],
        ['A-1', 500, 500],
      ],
    );
    assert.equal(quote.subtotalMinor, 6497);
    assert.equal(quote.discountTotalMinor, 0);
    assert.equal(quote.totalMinor, 6497);
    assert.equal(quote.couponCode, null);
  });

  it('finds included tax inside each line and leaves the total at the sum of the nets', () => {
    const quote = priceQuote(quoteInput({ lines: [line('A-1', 11900), line('B-1', 100)], taxRule: DE_VAT }));
    assert.deepEqual(
      quote.lines.map((quoted) => quoted.taxes),
      [
        [{ name: 'DE VAT', rateBps: 1900, amountMinor: 1900 }],
        [{ name: 'DE VAT', rateBps: 1900, amountMinor: 16 }],
      ],
    );
    assert.equal(quote.taxIncluded, true);
    assert.equal(quote.taxTotalMinor, 1916);
    assert.equal(quote.totalMinor, 12000, 'included tax does not change the total');
  });

  it('adds US sales tax on top, rounded half up per line, and totals the line taxes (not tax on the total)', () => {
    // 7.25% of 0.10 is 0.00725 → 0.01 per line; on the 0.30 total it would be 0.02175 → 0.02.
    const quote = priceQuote(
      quoteInput({
        lines: [line('A-1', 10), line('B-1', 10), line('C-1', 10)],
        taxRule: CA_SALES_TAX,
        currency: 'USD',
      }),
    );
    assert.deepEqual(
      quote.lines.map((quoted) => quoted.taxes[0]?.amountMinor),
      [1, 1, 1],
    );
    assert.equal(quote.taxTotalMinor, 3);
    assert.equal(quote.taxIncluded, false);
    assert.equal(quote.totalMinor, 33);
  });

  it('lists a 0% tax too, so every line says which rule taxed it', () => {
    const quote = priceQuote(quoteInput({ lines: [line('A-1', 4999)] }));
    assert.deepEqual(quote.lines[0]?.taxes, [{ name: 'Oregon sales tax', rateBps: 0, amountMinor: 0 }]);
    assert.equal(quote.totalMinor, 4999);
  });
});

describe('quote arithmetic: percentage promotions', () => {
  it('takes the percentage of the line amount, not per unit, rounded half up', () => {
    const tenPercent = promotion({ id: 'p1', kind: 'percentage', value: 1000, name: 'Ten' });
    const quote = priceQuote(
      quoteInput({ lines: [line('A-1', 5, 3), line('B-1', 25), line('C-1', 4)], promotions: [tenPercent] }),
    );
    // 10% of 0.15 is 0.015 → 0.02 (per unit it would be 3 × 0.005 → 0.03); 0.025 → 0.03; 0.004 → 0.
    assert.deepEqual(discountsOf(quote), [-2, -3, 0]);
    assert.deepEqual(
      codesOf(quote),
      [['promotion:p1'], ['promotion:p1'], []],
      'a zero discount is not listed',
    );
    assert.deepEqual(quote.lines[0]?.adjustments[0], {
      code: 'promotion:p1',
      description: 'Ten (10% off)',
      amountMinor: -2,
    });
    assert.equal(quote.discountTotalMinor, -5);
    assert.equal(quote.totalMinor, 15 + 25 + 4 - 5);
  });

  it('gives each line the single best automatic promotion', () => {
    const everything = promotion({ id: 'p-all', kind: 'percentage', value: 1000 });
    const audio = promotion({
      id: 'p-audio',
      kind: 'percentage',
      value: 1500,
      scope: 'category',
      targets: ['headphones'],
    });
    const quote = priceQuote(
      quoteInput({
        lines: [line('HEAD-1', 10_000, 1, 'headphones'), line('BOOK-1', 2000, 1, 'fiction')],
        promotions: [everything, audio],
      }),
    );
    assert.deepEqual(discountsOf(quote), [-1500, -200]);
    assert.deepEqual(codesOf(quote), [['promotion:p-audio'], ['promotion:p-all']]);
  });

  it('breaks a tie between equal offers by the smaller promotion id', () => {
    const b = promotion({ id: 'b', kind: 'percentage', value: 1000 });
    const a = promotion({ id: 'a', kind: 'fixed', value: 100, currency: 'EUR' });
    const quote = priceQuote(quoteInput({ lines: [line('A-1', 1000)], promotions: [b, a] }));
    assert.deepEqual(codesOf(quote), [['promotion:a']], '10% of 10.00 and 1.00 off tie; a < b');
  });

  it('applies stackable promotions on top, to what the line costs after the best competing one', () => {
    const sale = promotion({ id: 'p1', kind: 'percentage', value: 2000 });
    const club = promotion({ id: 'p0', kind: 'percentage', value: 500, stackable: true, name: 'Club' });
    const quote = priceQuote(quoteInput({ lines: [line('A-1', 10_000)], promotions: [club, sale] }));
    // 20% of 100.00 = 20.00, then 5% of the 80.00 left = 4.00.
    assert.deepEqual(
      quote.lines[0]?.adjustments.map((adjustment) => [adjustment.code, adjustment.amountMinor]),
      [
        ['promotion:p1', -2000],
        ['promotion:p0', -400],
      ],
    );
    assert.equal(quote.lines[0]?.netMinor, 7600);
  });

  it('makes an item free at 100%, never negative, with no tax on nothing', () => {
    const free = promotion({ id: 'p1', kind: 'percentage', value: 10_000 });
    const quote = priceQuote(
      quoteInput({ lines: [line('A-1', 1234, 2)], promotions: [free], taxRule: DE_VAT }),
    );
    assert.equal(quote.lines[0]?.netMinor, 0);
    assert.equal(quote.taxTotalMinor, 0);
    assert.equal(quote.totalMinor, 0);
  });
});

describe('quote arithmetic: fixed-amount promotions', () => {
  it('spreads the amount over the lines it covers in proportion, by the largest remainder', () => {
    const off = promotion({ id: 'p1', kind: 'fixed', value: 100, currency: 'EUR' });
    const quote = priceQuote(
      quoteInput({ lines: [line('A-1', 1000), line('B-1', 1000), line('C-1', 1000)], promotions: [off] }),
    );
    assert.deepEqual(discountsOf(quote), [-34, -33, -33]);
    assert.equal(quote.discountTotalMinor, -100, 'the shares add up to the amount exactly');
  });

  it('spreads only over covered lines, and in proportion to their amounts', () => {
    const off = promotion({
      id: 'p1',
      kind: 'fixed',
      value: 500,
      currency: 'EUR',
      scope: 'sku',
      targets: ['A-1', 'C-1'],
    });
    const quote = priceQuote(
      quoteInput({ lines: [line('A-1', 1000), line('B-1', 9999), line('C-1', 1500, 2)], promotions: [off] }),
    );
    assert.deepEqual(discountsOf(quote), [-125, 0, -375]);
  });

  it('takes at most what the covered lines cost', () => {
    const off = promotion({ id: 'p1', kind: 'fixed', value: 5000, currency: 'EUR' });
    const quote = priceQuote(quoteInput({ lines: [line('A-1', 300), line('B-1', 200)], promotions: [off] }));
    assert.deepEqual(discountsOf(quote), [-300, -200]);
    assert.equal(quote.totalMinor, 0);
  });

  it('applies only in its own currency', () => {
    const off = promotion({ id: 'p1', kind: 'fixed', value: 500, currency: 'EUR' });
    const percent = promotion({ id: 'p2', kind: 'percentage', value: 1000, stackable: true });
    const quote = priceQuote(
      quoteInput({ lines: [line('A-1', 1000)], promotions: [off, percent], currency: 'USD' }),
    );
    assert.deepEqual(codesOf(quote), [['promotion:p2']], 'a percentage without a currency applies anywhere');
  });

  it('waits for its minimum subtotal, measured on the gross of the lines it covers', () => {
    const coffee = promotion({
      id: 'p1',
      kind: 'fixed',
      value: 200,
      currency: 'EUR',
      minSubtotalMinor: 2000,
      scope: 'category',
      targets: ['coffee'],
    });
    const below = priceQuote(
      quoteInput({
        lines: [line('COF-1', 999, 2, 'coffee'), line('TEA-1', 5000, 1, 'tea')],
        promotions: [coffee],
      }),
    );
    assert.equal(below.discountTotalMinor, 0, '19.98 of coffee is below 20.00, whatever else is in the cart');
    const reached = priceQuote(
      quoteInput({ lines: [line('COF-1', 1000, 2, 'coffee')], promotions: [coffee] }),
    );
    assert.equal(reached.discountTotalMinor, -200);
  });
});

describe('quote arithmetic: promotion windows', () => {
  const at = (startsAt: string, endsAt: string | null, fields = {}) =>
    promotion({
      id: 'p1',
      kind: 'percentage',
      value: 1000,
      startsAt: new Date(startsAt),
      endsAt: endsAt === null ? null : new Date(endsAt),
      ...fields,
    });
  const discounted = (candidate: ReturnType<typeof at>) =>
    priceQuote(quoteInput({ lines: [line('A-1', 1000)], promotions: [candidate] })).discountTotalMinor !== 0;

  it('applies from startsAt (inclusive) until endsAt (exclusive)', () => {
    assert.ok(discounted(at(NOW.toISOString(), null)), 'starting now');
    assert.ok(!discounted(at('2025-06-15T12:00:00.001Z', null)), 'starting a millisecond later');
    assert.ok(
      discounted(at('2025-01-01T00:00:00Z', '2025-06-15T12:00:00.001Z')),
      'ending a millisecond later',
    );
    assert.ok(!discounted(at('2025-01-01T00:00:00Z', NOW.toISOString())), 'ending now');
  });

  it('ignores withdrawn promotions and coupons among the automatic ones', () => {
    assert.ok(!discounted(at('2025-01-01T00:00:00Z', null, { active: false })));
    assert.ok(!discounted(at('2025-01-01T00:00:00Z', null, { couponCode: 'SECRET' })));
  });
});
