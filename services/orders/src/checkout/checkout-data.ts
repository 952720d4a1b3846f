import type { ShipTo } from '../store/database.ts';

/**
 * What the checkout saga carries from step to step (stored as JSON with the saga, shown to
 * operators at GET /sagas/:id). The request's part is fixed when the order is placed; each
 * step adds what later steps and compensations need.
 */
export interface CheckoutData {
  orderId: string;
  userId: string;
  currency: string;
  lines: Array<{ sku: string; quantity: number }>;
  shipTo: ShipTo;
  /** payments' single-use card token: worthless once the payment is authorised. */
  cardToken: string;
  couponCode: string | null;
  /** Asked for, or chosen by the quote step (the cheapest of the service level). */
  carrier: string | null;
  serviceLevel: string;
  weightGrams: number;
  reservationTtlSeconds: number;
  // Added by the steps:
  reservationId?: string;
  shippingMinor?: number;
  totalMinor?: number;
  paymentId?: string;
  shipmentId?: string;
}

/** The saga's step names: part of every participant idempotency key, so never renamed. */
export const CHECKOUT_STEPS = {
  createOrder: 'create-order',
  reserveStock: 'reserve-stock',
  quote: 'quote',
  authorisePayment: 'authorise-payment',
  createShipment: 'create-shipment',
  redeemCoupon: 'redeem-coupon',
  confirmOrder: 'confirm-order',
  capturePayment: 'capture-payment',
} as const;

/** The key an action used: a compensation that must ask "what did that call do?" repeats it. */
export function actionKey(sagaId: string, step: string): string {
  return `${sagaId}:${step}`;
}
