import { IdempotencyKeyReused, runIdempotent } from '@emporium/platform/idempotency';
import type { Kysely } from 'kysely';
import { assertCouponLive, remainingUses } from '../domain/promotion.ts';
import { CouponUnknown, OrderHasCoupon } from '../errors.ts';
import type { PricingDatabase } from '../store/database.ts';
import { findPromotion, findRedemption, recordRedemption } from '../store/promotions-store.ts';

export interface Redemption {
  /** Uses left after this one; -1 when unlimited. */
  remainingUses: number;
}

/**
 * Counts one use of a coupon by an order. Idempotent per order: the order id is the
 * idempotency key, so a repeat answers the first result; and since an order redeems at most
 * one coupon (recorded for good in coupon_redemptions), a repeat after the key has been
 * pruned counts nothing either, and another coupon for the same order is refused
 * (ORDER_ALREADY_HAS_COUPON). The coupon's row is locked while its uses are counted, so
 * concurrent orders never take more uses than the limit: the one over it gets COUPON_USED_UP.
 * A coupon that is not live (withdrawn, not yet valid, expired, used up) is refused, unless
 * this order already redeemed it.
 */
export async function redeemCoupon(
  db: Kysely<PricingDatabase>,
  request: { couponCode: string; orderId: string },
  now: Date,
): Promise<Redemption> {
  const { couponCode, orderId } = request;
  try {
    const { result } = await runIdempotent(
      db,
      { scope: 'pricing.redeem-coupon', key: orderId, request: { couponCode } },
      (trx) => redeemCouponIn(trx, request, now),
    );
    return result;
  } catch (error) {
    if (error instanceof IdempotencyKeyReused) throw otherCoupon(orderId);
    throw error;
  }
}

/**
 * redeemCoupon's work in the caller's transaction (the checkout consumer's, beside its inbox
 * record), keyed by the order alone: coupon_redemptions holds one use per order for good. A
 * refusal is thrown before anything is written.
 */
export async function redeemCouponIn(
  trx: Kysely<PricingDatabase>,
  { couponCode, orderId }: { couponCode: string; orderId: string },
  now: Date,
): Promise<Redemption> {
  const coupon = await findPromotion(trx, { couponCode }, { lock: true });
  if (!coupon) throw CouponUnknown(`There is no coupon ${couponCode}`, { couponCode });
  const redeemed = await findRedemption(trx, orderId);
  if (redeemed && redeemed.promotionId !== coupon.id) throw otherCoupon(orderId);
  if (redeemed) return { remainingUses: remainingUses(coupon) };
  assertCouponLive(coupon, now);
  await recordRedemption(trx, coupon.id, orderId, now);
  return { remainingUses: remainingUses({ ...coupon, usedCount: coupon.usedCount + 1 }) };
}

function otherCoupon(orderId: string) {
  return OrderHasCoupon(`Order ${orderId} has already redeemed another coupon; an order takes one coupon`, {
    orderId,
  });
}
