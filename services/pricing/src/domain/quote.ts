import { CouponNotApplicable } from '../errors.ts';
import { formatAmount } from './currency.ts';
import {
  assertCouponUsable,
  coversLine,
  describeOffer,
  fitsCurrency,
  type Promotion,
  promotionStatusAt,
} from './promotion.ts';
import { basisPointsOf, spreadByLargestRemainder } from './rounding.ts';
import { type TaxRule, taxOnNet } from './tax-rule.ts';

/**
 * Prices a quote: pure, deterministic, and explainable (every change to a price is a named
 * adjustment). All amounts are integer minor units of one currency.
 *
 * Rules, in the order they are applied:
 *
 * 1. **Gross**: each line's gross is unit price × quantity.
 * 2. **Competing automatic promotions** (no coupon code, not stackable): each line gets the
 *    single one that takes the most off it; a tie goes to the smaller promotion id.
 * 3. **Stackable automatic promotions** then apply on top, each to what its lines cost by
 *    then, in promotion id order.
 * 4. **The coupon** (at most one per quote) applies last, to what its lines cost by then. A
 *    coupon that is not stackable is not combined with other offers: it skips lines that got
 *    a competing promotion in step 2 (stackable promotions combine with anything, coupons
 *    included). A coupon that ends up covering no line, or whose minimum is not reached, is
 *    refused (COUPON_NOT_APPLICABLE) rather than silently ignored.
 * 5. **Tax** per line, on its net amount, at the destination's rule: for a tax-included rule
 *    the tax is the part of the net it makes up, otherwise it is added on top.
 *
 * Arithmetic:
 * - A **percentage** is taken of each covered line's amount (not per unit), rounded **half up**
 *   to the minor unit (see rounding.ts): 10% of 0.05 is 0.01, 10% of 0.04 is 0.00.
 * - A **fixed amount** is taken once per quote, capped at what its covered lines cost, and
 *   spread over them in proportion to their amounts by the **largest remainder** method (the
 *   leftover minor units go to the largest remainders, ties to the earlier line), so the
 *   shares add up to the amount exactly.
 * - A **minimum subtotal** compares the gross of the lines a promotion covers.
 * - **Tax** is rounded half up per line, in basis points of the net.
 * - So no discount exceeds what it is taken from, no line goes below zero, and the totals are
 *   sums of the lines: subtotal = Σ gross, discountTotal = Σ adjustments (zero or negative),
 *   taxTotal = Σ line taxes, total = Σ net (+ taxTotal when tax is added).
 *
 * Lines keep the order they were given in; adjustments are listed in the order applied.
 */

export interface PricedLine {
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  /** Null when pricing does not know the SKU's category. */
  categorySlug: string | null;
}

export interface QuoteInput {
  currency: string;
  lines: readonly PricedLine[];
  /** Automatic promotions to consider; those not live at `now`, in another currency, or with a coupon code are skipped. */
  promotions: readonly Promotion[];
  /** The promotion of the coupon given, already found by its code; null without a coupon. */
  coupon: Promotion | null;
  taxRule: TaxRule;
  now: Date;
}

export interface Adjustment {
  /** `promotion:<id>` for an automatic promotion, `coupon:<CODE>` for a coupon. */
  code: string;
  description: string;
  /** Negative: what it took off. */
  amountMinor: number;
}

export interface TaxLine {
  name: string;
  rateBps: number;
  amountMinor: number;
}

export interface QuotedLine {
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  grossMinor: number;
  adjustments: Adjustment[];
  /** grossMinor + Σ adjustments; never negative. */
  netMinor: number;
  taxes: TaxLine[];
}

export interface Quote {
  currency: string;
  lines: QuotedLine[];
  subtotalMinor: number;
  discountTotalMinor: number;
  taxTotalMinor: number;
  totalMinor: number;
  taxIncluded: boolean;
  couponCode: string | null;
}

export function priceQuote(input: QuoteInput): Quote {
  const { currency, now } = input;
  const lines: QuotedLine[] = input.lines.map((line) => {
    const grossMinor = line.unitPriceMinor * line.quantity;
    if (!Number.isSafeInteger(grossMinor) || grossMinor < 0) {
      throw new RangeError(`line ${line.sku}: ${line.unitPriceMinor} × ${line.quantity} is not an amount`);
    }
    const { sku, quantity, unitPriceMinor } = line;
    return { sku, quantity, unitPriceMinor, grossMinor, adjustments: [], netMinor: grossMinor, taxes: [] };
  });
  const covered = (promotion: Promotion) => input.lines.map((line) => coversLine(promotion, line));

  const live = input.promotions
    .filter(
      (promotion) =>
        promotion.couponCode === null &&
        promotionStatusAt(promotion, now) === 'live' &&
        fitsCurrency(promotion, currency),
    )
    .sort(byId);

  // 2. Competing promotions are all measured against the gross, before any of them applies.
  const offers = live
    .filter((promotion) => !promotion.stackable)
    .map((promotion) => ({ promotion, discounts: discountsOf(promotion, lines, covered(promotion)) }));
  const competed = lines.map((line, index) => {
    let best: { promotion: Promotion; amount: number } | undefined;
    for (const { promotion, discounts } of offers) {
      const amount = discounts[index] ?? 0;
      if (amount > (best?.amount ?? 0)) best = { promotion, amount };
    }
    if (best) adjust(line, automaticAdjustment(best.promotion, best.amount));
    return best !== undefined;
  });

  // 3. Stackable promotions, one after another.
  for (const promotion of live.filter((candidate) => candidate.stackable)) {
    const discounts = discountsOf(promotion, lines, covered(promotion));
    lines.forEach((line, index) => {
      adjust(line, automaticAdjustment(promotion, discounts[index] ?? 0));
    });
  }

  // 4. The coupon.
  const coupon = input.coupon;
  if (coupon) applyCoupon(coupon, lines, { inScope: covered(coupon), competed }, currency, now);

  // 5. Tax, per line.
  const { taxRule } = input;
  for (const line of lines) {
    line.taxes.push({
      name: taxRule.name,
      rateBps: taxRule.rateBps,
      amountMinor: taxOnNet(taxRule, line.netMinor),
    });
  }

  const sum = (amounts: number[]) => amounts.reduce((total, amount) => total + amount, 0);
  const netTotal = sum(lines.map((line) => line.netMinor));
  const taxTotalMinor = sum(lines.flatMap((line) => line.taxes.map((tax) => tax.amountMinor)));
  return {
    currency,
    lines,
    subtotalMinor: sum(lines.map((line) => line.grossMinor)),
    discountTotalMinor: sum(
      lines.flatMap((line) => line.adjustments.map((adjustment) => adjustment.amountMinor)),
    ),
    taxTotalMinor,
    totalMinor: taxRule.taxIncluded ? netTotal : netTotal + taxTotalMinor,
    taxIncluded: taxRule.taxIncluded,
    couponCode: coupon?.couponCode ?? null,
  };
}

function applyCoupon(
  coupon: Promotion,
  lines: QuotedLine[],
  /** Which lines the coupon's scope covers, and which got a competing promotion. */
  { inScope, competed }: { inScope: boolean[]; competed: boolean[] },
  currency: string,
  now: Date,
): void {
  const code = coupon.couponCode ?? coupon.id;
  assertCouponUsable(coupon, now, currency);
  if (!inScope.includes(true)) {
    throw CouponNotApplicable(`Coupon ${code} applies to none of the items quoted`, { couponCode: code });
  }
  const eligible = inScope.map((covers, index) => covers && (coupon.stackable || !competed[index]));
  if (!eligible.includes(true)) {
    throw CouponNotApplicable(
      `Coupon ${code} cannot be combined with the offers already applied to these items`,
      { couponCode: code },
    );
  }
  const minimum = coupon.minSubtotalMinor;
  const grossCovered = lines.reduce(
    (total, line, index) => total + (eligible[index] ? line.grossMinor : 0),
    0,
  );
  if (minimum !== null && grossCovered < minimum) {
    throw CouponNotApplicable(
      `Coupon ${code} needs ${formatAmount(minimum, currency)} of eligible items; these come to ${formatAmount(grossCovered, currency)}`,
      { couponCode: code },
    );
  }
  const discounts = discountsOf(coupon, lines, eligible);
  lines.forEach((line, index) => {
    adjust(line, {
      code: `coupon:${code}`,
      description: `${coupon.name} (${describeOffer(coupon)})`,
      amountMinor: -(discounts[index] ?? 0),
    });
  });
}

/**
 * What one promotion takes off each line (positive amounts; zero for lines it does not
 * cover), measured on the lines' current net amounts. Zero everywhere when its minimum
 * subtotal is not reached.
 */
function discountsOf(
  promotion: Promotion,
  lines: readonly QuotedLine[],
  covered: readonly boolean[],
): number[] {
  const nets = lines.map((line, index) => (covered[index] ? line.netMinor : 0));
  const grossCovered = lines.reduce(
    (total, line, index) => total + (covered[index] ? line.grossMinor : 0),
    0,
  );
  if (promotion.minSubtotalMinor !== null && grossCovered < promotion.minSubtotalMinor)
    return nets.map(() => 0);
  if (promotion.kind === 'percentage') return nets.map((net) => basisPointsOf(net, promotion.value));
  const available = nets.reduce((total, net) => total + net, 0);
  return spreadByLargestRemainder(Math.min(promotion.value, available), nets);
}

function automaticAdjustment(promotion: Promotion, amount: number): Adjustment {
  return {
    code: `promotion:${promotion.id}`,
    description: `${promotion.name} (${describeOffer(promotion)})`,
    amountMinor: -amount,
  };
}

/** Applies a discount to a line; a zero one changes nothing and is not listed. */
function adjust(line: QuotedLine, adjustment: Adjustment): void {
  if (adjustment.amountMinor === 0) return;
  line.adjustments.push(adjustment);
  line.netMinor += adjustment.amountMinor;
}

function byId(a: Promotion, b: Promotion): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
