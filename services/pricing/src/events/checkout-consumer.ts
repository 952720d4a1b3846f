import {
  CheckoutRequested,
  CouponRedeemed,
  CouponRedemptionRequested,
  OrderQuoted,
  PricingCheckoutRefused,
} from '@emporium/contracts';
import { ProblemError } from '@emporium/platform/http';
import { type EventHandler, type EventPublisher, handleEvent } from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
import { redeemCouponIn } from '../coupons/redeem-coupon.ts';
import { normaliseCouponCode } from '../domain/promotion.ts';
import type { Quote } from '../domain/quote.ts';
import { checkQuoteRequest } from '../domain/quote-request.ts';
import { priceQuoteRequest } from '../quotes/price-quote-request.ts';
import type { PricingDatabase } from '../store/database.ts';

/** The durable consumer group of pricing's part in checkout by choreography. */
export const CHECKOUT_GROUP = 'pricing.checkout';

type Step = 'quote' | 'redeem-coupon';

/**
 * Pricing's part in a choreographed checkout. orders.checkout.requested is quoted as Quote
 * would (promotions, coupon, destination tax) and answered with pricing.order.quoted, or
 * pricing.checkout.refused (step quote); a quote reads only. orders.coupon.redemption-requested
 * counts the coupon's use for the order (pricing.coupon.redeemed), once per order for good
 * (coupon_redemptions), or refuses (step redeem-coupon: used up meanwhile, expired). Nothing
 * to compensate: orders asks for the redemption last, when nothing refusable is left but capture.
 */
export function checkoutHandlers(
  publisher: EventPublisher,
  clock: () => Date,
): EventHandler<PricingDatabase>[] {
  /** Runs a step; a refusal (thrown before anything is written) is published instead. */
  async function refusing(
    trx: Kysely<PricingDatabase>,
    orderId: string,
    step: Step,
    work: () => Promise<void>,
  ): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      await publisher.publish(trx, PricingCheckoutRefused, {
        subject: orderId,
        data: { orderId, step, code: error.code, reason: error.message, refusedAt: clock().toISOString() },
      });
    }
  }

  return [
    handleEvent<PricingDatabase, typeof CheckoutRequested>(CheckoutRequested, async (trx, event) => {
      const { orderId, lines, currency, couponCode, shipTo } = event.data;
      await refusing(trx, orderId, 'quote', async () => {
        const request = checkQuoteRequest({
          lines,
          currency,
          couponCode: couponCode ?? undefined,
          shipTo: { country: shipTo.country, region: shipTo.region },
        });
        const now = clock();
        const quote = await priceQuoteRequest(trx, request, now);
        await publisher.publish(trx, OrderQuoted, {
          subject: orderId,
          data: quotedData(orderId, quote, now),
        });
      });
    }),

    handleEvent<PricingDatabase, typeof CouponRedemptionRequested>(
      CouponRedemptionRequested,
      async (trx, event) => {
        const { orderId } = event.data;
        const couponCode = normaliseCouponCode(event.data.couponCode);
        await refusing(trx, orderId, 'redeem-coupon', async () => {
          const now = clock();
          const { remainingUses } = await redeemCouponIn(trx, { couponCode, orderId }, now);
          await publisher.publish(trx, CouponRedeemed, {
            subject: orderId,
            data: { orderId, couponCode, remainingUses, redeemedAt: now.toISOString() },
          });
        });
      },
    ),
  ];
}

function quotedData(orderId: string, quote: Quote, now: Date) {
  return {
    orderId,
    currency: quote.currency,
    lines: quote.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      netMinor: line.netMinor,
    })),
    subtotalMinor: quote.subtotalMinor,
    discountTotalMinor: quote.discountTotalMinor,
    taxTotalMinor: quote.taxTotalMinor,
    totalMinor: quote.totalMinor,
    taxIncluded: quote.taxIncluded,
    quotedAt: now.toISOString(),
  };
}
