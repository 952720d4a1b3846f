import { defineProblem, HttpErrors } from '@emporium/platform/http';
import { IdempotencyKeyConflict } from '@emporium/platform/idempotency';
import { Code } from '@emporium/platform/rpc';

/**
 * Every error pricing answers with, defined once, each with one HTTP status (REST) and one
 * gRPC code (GRPC_CODES below). Input the schemas refuse answers VALIDATION_FAILED (400)
 * from the chassis, which is INVALID_ARGUMENT over gRPC; token problems come from
 * @emporium/platform/security. The README and docs/errors.md list them all.
 */

/** A quote or price in a currency with no price list at all (a mismatch, or a typo). */
export const UnsupportedCurrency = defineProblem(
  'UNSUPPORTED_CURRENCY',
  400,
  'There is no price list in this currency',
);
export const UnknownSku = defineProblem('UNKNOWN_SKU', 422, 'Pricing knows no product with this SKU');
export const SkuNotPriced = defineProblem(
  'SKU_NOT_PRICED',
  422,
  'The product has no price in the requested currency',
);
export const NoTaxRule = defineProblem('NO_TAX_RULE', 422, 'There is no tax rule for the destination');

export const CouponUnknown = defineProblem('COUPON_UNKNOWN', 422, 'No coupon has this code');
export const CouponExpired = defineProblem('COUPON_EXPIRED', 422, 'The coupon has expired');
export const CouponNotYetValid = defineProblem('COUPON_NOT_YET_VALID', 422, 'The coupon is not valid yet');
export const CouponInactive = defineProblem('COUPON_INACTIVE', 422, 'The coupon has been withdrawn');
export const CouponUsedUp = defineProblem('COUPON_USED_UP', 422, 'The coupon has been used up');
/** Valid, but not for this quote: another currency, no eligible item, minimum not reached. */
export const CouponNotApplicable = defineProblem(
  'COUPON_NOT_APPLICABLE',
  422,
  'The coupon does not apply to this quote',
);
/** RedeemCoupon for an order that already redeemed another coupon (one coupon per order). */
export const OrderHasCoupon = defineProblem(
  'ORDER_ALREADY_HAS_COUPON',
  409,
  'The order has already redeemed another coupon',
);

export const PriceNotFound = defineProblem('PRICE_NOT_FOUND', 404, 'The SKU has no price');
export const PromotionNotFound = defineProblem('PROMOTION_NOT_FOUND', 404, 'No such promotion');
export const CouponCodeTaken = defineProblem(
  'COUPON_CODE_TAKEN',
  409,
  'Another promotion already has this coupon code',
);
/** A promotion whose fields contradict each other (a fixed amount without a currency, ...). */
export const InvalidPromotion = defineProblem('INVALID_PROMOTION', 422, 'The promotion is not consistent');
export const PriceInThePast = defineProblem(
  'PRICE_IN_THE_PAST',
  422,
  'A price change cannot take effect in the past',
);

/**
 * The gRPC code of each problem an RPC can answer with. Bad input is INVALID_ARGUMENT; a
 * well-formed request the current state refuses (unknown SKU, expired or used-up coupon,
 * no tax rule) is FAILED_PRECONDITION: retrying the same call will not help until that state
 * changes. A used-up coupon is FAILED_PRECONDITION rather than RESOURCE_EXHAUSTED, which
 * callers (and our resilience policies) read as a transient quota worth retrying.
 */
export const GRPC_CODES: Readonly<Record<string, Code>> = {
  [HttpErrors.ValidationFailed.code]: Code.InvalidArgument,
  [UnsupportedCurrency.code]: Code.InvalidArgument,
  [UnknownSku.code]: Code.FailedPrecondition,
  [SkuNotPriced.code]: Code.FailedPrecondition,
  [NoTaxRule.code]: Code.FailedPrecondition,
  [CouponUnknown.code]: Code.FailedPrecondition,
  [CouponExpired.code]: Code.FailedPrecondition,
  [CouponNotYetValid.code]: Code.FailedPrecondition,
  [CouponInactive.code]: Code.FailedPrecondition,
  [CouponUsedUp.code]: Code.FailedPrecondition,
  [CouponNotApplicable.code]: Code.FailedPrecondition,
  [OrderHasCoupon.code]: Code.AlreadyExists,
  [IdempotencyKeyConflict.code]: Code.AlreadyExists,
};
