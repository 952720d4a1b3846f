/**
 * Why an order was cancelled, as a stable code clients and consumers of order.cancelled can
 * branch on. A checkout step that meets a participant's definite "no" names the matching
 * code; a step that keeps failing (a participant down past every retry) is CHECKOUT_FAILED.
 */
export const CANCELLATION_CODES = [
  'OUT_OF_STOCK',
  'QUOTE_REFUSED',
  'PAYMENT_DECLINED',
  'SHIPPING_REFUSED',
  'COUPON_REFUSED',
  'CHECKOUT_FAILED',
  'CANCELLED_BY_CUSTOMER',
] as const;
export type CancellationCode = (typeof CANCELLATION_CODES)[number];

export interface Cancellation {
  code: CancellationCode;
  reason: string;
}
