import { create } from '@bufbuild/protobuf';
import {
  PricingService,
  RedeemCouponResponseSchema,
} from '@emporium/contracts/proto/pricing/v1/pricing_service';
import { HttpErrors } from '@emporium/platform/http';
import type { RpcServices } from '@emporium/platform/rpc';
import type { Kysely } from 'kysely';
import { redeemCoupon } from '../coupons/redeem-coupon.ts';
import { COUPON_CODE_INPUT_PATTERN, normaliseCouponCode } from '../domain/promotion.ts';
import { checkQuoteRequest } from '../domain/quote-request.ts';
import { priceQuoteRequest } from '../quotes/price-quote-request.ts';
import type { PricingDatabase } from '../store/database.ts';
import { quoteRequestInputOf, toQuoteResponse } from './quote-messages.ts';
import { answering } from './rpc-problems.ts';

const COUPON = new RegExp(COUPON_CODE_INPUT_PATTERN);
/** Order ids are the orders service's; any 1-128 visible ASCII characters (a UUID, typically). */
const ORDER_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * pricing.v1.PricingService: Quote (reads only) and RedeemCoupon (idempotent per order).
 * Every request is checked first; a bad field is INVALID_ARGUMENT naming it, and refusals
 * carry the gRPC code errors.ts gives them.
 */
export function servePricingService(
  rpc: Pick<RpcServices, 'serve'>,
  { db, clock }: { db: Kysely<PricingDatabase>; clock: () => Date },
): void {
  rpc.serve(PricingService, {
    quote: (request) =>
      answering(async () => {
        const checked = checkQuoteRequest(quoteRequestInputOf(request));
        return toQuoteResponse(await priceQuoteRequest(db, checked, clock()));
      }),

    redeemCoupon: (request) =>
      answering(async () => {
        if (!COUPON.test(request.couponCode)) {
          throw invalid(
            `couponCode: ${JSON.stringify(request.couponCode.slice(0, 40))} is not a coupon code`,
          );
        }
        if (!ORDER_ID.test(request.orderId)) {
          throw invalid('orderId: required, 1 to 128 visible ASCII characters');
        }
        const redemption = await redeemCoupon(
          db,
          { couponCode: normaliseCouponCode(request.couponCode), orderId: request.orderId },
          clock(),
        );
        return create(RedeemCouponResponseSchema, { remainingUses: redemption.remainingUses });
      }),
  });
}

function invalid(detail: string) {
  return HttpErrors.ValidationFailed(detail);
}
