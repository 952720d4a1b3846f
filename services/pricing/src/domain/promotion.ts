import {
  CouponExpired,
  CouponInactive,
  CouponNotApplicable,
  CouponNotYetValid,
  CouponUsedUp,
} from '../errors.ts';
import { formatAmount, formatRate, isKnownCurrency } from './currency.ts';
import { CATEGORY_SLUG_PATTERN, SKU_PATTERN } from './identifiers.ts';

const SKU = new RegExp(SKU_PATTERN);
const CATEGORY_SLUG = new RegExp(CATEGORY_SLUG_PATTERN);

export const PROMOTION_KINDS = ['percentage', 'fixed'] as const;
export type PromotionKind = (typeof PROMOTION_KINDS)[number];

export const PROMOTION_SCOPES = ['all', 'category', 'sku'] as const;
export type PromotionScope = (typeof PROMOTION_SCOPES)[number];

/** Coupon codes are compared case-insensitively: stored and shown upper case. */
export const COUPON_CODE_PATTERN = '^[A-Z0-9][A-Z0-9_-]{2,31}$';
/** As typed by a shopper: any case, surrounding spaces dropped by normaliseCouponCode. */
export const COUPON_CODE_INPUT_PATTERN = '^\\s*[A-Za-z0-9][A-Za-z0-9_-]{2,31}\\s*$';

export function normaliseCouponCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Largest percentage: 100% (10,000 basis points) makes an item free, never negative. */
export const MAX_PERCENTAGE_BPS = 10_000;

/**
 * A promotion: an automatic one (no coupon code) applies to every quote it fits; a coupon
 * applies when its code is given. Amounts (a fixed value, a minimum subtotal) are in
 * `currency`, and such a promotion applies only to quotes in that currency; a percentage
 * without a minimum has no currency and applies in every currency.
 */
export interface Promotion {
  id: string;
  name: string;
  kind: PromotionKind;
  /** percentage: basis points (1000 = 10%); fixed: minor units of `currency`. */
  value: number;
  currency: string | null;
  scope: PromotionScope;
  /** The category slugs (scope `category`) or SKUs (scope `sku`) it covers; empty for `all`. */
  targets: readonly string[];
  startsAt: Date;
  /** Exclusive; null for open-ended. */
  endsAt: Date | null;
  couponCode: string | null;
  /** Coupons only: redemptions allowed in all; null for unlimited. */
  usageLimit: number | null;
  usedCount: number;
  /** Gross of the lines it covers must reach this, in `currency`. */
  minSubtotalMinor: number | null;
  /** Applies on top of other promotions instead of competing with them (see quote.ts). */
  stackable: boolean;
  /** False once an admin withdraws it. */
  active: boolean;
}

export type PromotionStatus = 'withdrawn' | 'scheduled' | 'live' | 'expired' | 'used-up';

/** Where a promotion stands at `now`; only a `live` one changes prices. */
export function promotionStatusAt(promotion: Promotion, now: Date): PromotionStatus {
  if (!promotion.active) return 'withdrawn';
  if (now < promotion.startsAt) return 'scheduled';
  if (promotion.endsAt !== null && now >= promotion.endsAt) return 'expired';
  if (promotion.usageLimit !== null && promotion.usedCount >= promotion.usageLimit) return 'used-up';
  return 'live';
}

/** What a promotion needs to know of a line to tell whether it covers it. */
export interface LineIdentity {
  sku: string;
  /** Null when pricing has not learnt the SKU's category (category promotions skip it). */
  categorySlug: string | null;
}

export function coversLine(promotion: Promotion, line: LineIdentity): boolean {
  switch (promotion.scope) {
    case 'all':
      return true;
    case 'category':
      return line.categorySlug !== null && promotion.targets.includes(line.categorySlug);
    case 'sku':
      return promotion.targets.includes(line.sku);
  }
}

export function fitsCurrency(promotion: Promotion, currency: string): boolean {
  return promotion.currency === null || promotion.currency === currency;
}

/**
 * Refuses a coupon that cannot be used at `now`, naming it and saying why: withdrawn, not
 * yet valid, expired, or used up.
 */
export function assertCouponLive(coupon: Promotion, now: Date): void {
  const code = coupon.couponCode ?? coupon.id;
  const about = { couponCode: code };
  switch (promotionStatusAt(coupon, now)) {
    case 'withdrawn':
      throw CouponInactive(`Coupon ${code} has been withdrawn`, about);
    case 'scheduled':
      throw CouponNotYetValid(`Coupon ${code} is valid from ${coupon.startsAt.toISOString()}`, about);
    case 'expired':
      throw CouponExpired(`Coupon ${code} expired at ${coupon.endsAt?.toISOString()}`, about);
    case 'used-up':
      throw CouponUsedUp(`Coupon ${code} has been used up (all ${coupon.usageLimit} uses taken)`, about);
    case 'live':
      return;
  }
}

/** As assertCouponLive, and also refuses a coupon in another currency than the quote's. */
export function assertCouponUsable(coupon: Promotion, now: Date, currency: string): void {
  assertCouponLive(coupon, now);
  if (!fitsCurrency(coupon, currency)) {
    const code = coupon.couponCode ?? coupon.id;
    throw CouponNotApplicable(
      `Coupon ${code} applies to quotes in ${coupon.currency} only, not ${currency}`,
      {
        couponCode: code,
      },
    );
  }
}

/** Uses left after the ones counted so far; -1 when unlimited (RedeemCoupon's remaining_uses). */
export function remainingUses(coupon: Promotion): number {
  return coupon.usageLimit === null ? -1 : Math.max(0, coupon.usageLimit - coupon.usedCount);
}

/** The fields that define a promotion, as an admin writes them. */
export type PromotionDefinition = Omit<Promotion, 'id' | 'usedCount'>;

/**
 * The first rule a promotion definition breaks, as a message for the admin, or undefined.
 * Checked on create and on the result of every change, so a promotion is never stored
 * half-consistent.
 */
export function promotionDefinitionProblem(definition: PromotionDefinition): string | undefined {
  const { kind, value, currency, scope, targets } = definition;
  if (kind === 'percentage' && (value < 1 || value > MAX_PERCENTAGE_BPS)) {
    return `a percentage is 1 to ${MAX_PERCENTAGE_BPS} basis points (10000 = 100%), not ${value}`;
  }
  if (kind === 'fixed' && currency === null) return 'a fixed amount needs the currency it is in';
  if (definition.minSubtotalMinor !== null && currency === null) {
    return 'a minimum subtotal needs the currency it is in';
  }
  if (scope === 'all' && targets.length > 0) return 'scope all covers everything: give no targets';
  if (scope !== 'all' && targets.length === 0) {
    return `scope ${scope} needs at least one ${scope === 'sku' ? 'SKU' : 'category slug'} in targets`;
  }
  const pattern = scope === 'sku' ? SKU : CATEGORY_SLUG;
  const malformed = targets.find((target) => !pattern.test(target));
  if (malformed !== undefined) {
    return `${JSON.stringify(malformed)} is not a ${scope === 'sku' ? 'SKU' : 'category slug'}, which scope ${scope} targets`;
  }
  if (currency !== null && !isKnownCurrency(currency)) return `${currency} is not a currency pricing knows`;
  if (definition.endsAt !== null && definition.endsAt <= definition.startsAt) {
    return 'endsAt must be after startsAt';
  }
  if (definition.usageLimit !== null && definition.couponCode === null) {
    return 'only coupons are redeemed, so only a coupon can have a usage limit';
  }
  return undefined;
}

/** "10% off", "5.00 EUR off": how an adjustment describes the promotion behind it. */
export function describeOffer(promotion: Promotion): string {
  if (promotion.kind === 'fixed') return `${formatAmount(promotion.value, promotion.currency ?? '')} off`;
  return `${formatRate(promotion.value)} off`;
}
