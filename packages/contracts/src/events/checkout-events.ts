import { Type } from '@sinclair/typebox';
import { Address } from '../address.ts';
import { Money } from '../money.ts';
import { defineEvent } from './define-event.ts';

/**
 * The events of checkout by choreography (orders' CHECKOUT_STYLE=choreography), which only
 * that checkout publishes: an orchestrated checkout calls the same participants over gRPC
 * instead. Orders asks (`orders.*.requested`), each participant answers with what it did
 * (`*.quoted`, `*.redeemed`, or the existing stock.reserved, payment.authorized/failed/captured,
 * shipment.created) or why it would not (`<context>.checkout.refused`); orders.checkout.abandoned
 * makes every participant undo what it did for the order. The subject is always the order id.
 * No secret travels: every context may read every event (analytics keeps them all), so the card
 * token is named by its digest, which only payments, holding the token, can resolve.
 */

const OrderId = Type.String({ format: 'uuid', description: 'The order (the event subject too)' });
const Sku = Type.String({ description: "The product's SKU, as the catalog names it" });
const Line = Type.Object(
  { sku: Sku, quantity: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217' });
const Minor = (description: string) => Type.Integer({ description: `${description}, minor units` });
const At = Type.String({ format: 'date-time' });

export const CheckoutRequested = defineEvent(
  'emporium.orders.checkout.requested.v1',
  Type.Object(
    {
      orderId: OrderId,
      userId: Type.String({ description: 'The customer (identity user id)' }),
      lines: Type.Array(Line, { minItems: 1 }),
      currency: Currency,
      shipTo: Address,
      couponCode: Type.Union([Type.String(), Type.Null()]),
      carrier: Type.Union([Type.String(), Type.Null()], {
        description: 'Asked for by the customer; null: the cheapest of the service level',
      }),
      serviceLevel: Type.String(),
      weightGrams: Type.Integer({ minimum: 1 }),
      reservationTtlSeconds: Type.Integer({ minimum: 1, description: 'How long inventory holds the stock' }),
      requestedAt: At,
    },
    { additionalProperties: false },
  ),
  'A choreographed checkout began: inventory reserves the lines, pricing quotes the goods and shipping rates the parcel. Carries no card details.',
);

export const PaymentRequested = defineEvent(
  'emporium.orders.payment.requested.v1',
  Type.Object(
    {
      orderId: OrderId,
      userId: Type.String(),
      cardTokenDigest: Type.String({
        pattern: '^[0-9a-f]{64}$',
        description:
          'SHA-256 (hex) of the single-use card token payments issued, by which payments finds it; the token itself never travels on the bus',
      }),
      amount: Type.Object(Money.properties, {
        additionalProperties: false,
        description: "The order's total: pricing's quote plus shipping's rate",
      }),
      billingCountry: Type.String({ pattern: '^[A-Z]{2}$' }),
      shippingCountry: Type.String({ pattern: '^[A-Z]{2}$' }),
      requestedAt: At,
    },
    { additionalProperties: false },
  ),
  'A choreographed checkout has its stock reserved and is priced: payments authorises the total once per order, with the card token the digest names.',
);

export const ShipmentRequested = defineEvent(
  'emporium.orders.shipment.requested.v1',
  Type.Object(
    {
      orderId: OrderId,
      carrier: Type.String(),
      serviceLevel: Type.String(),
      shipTo: Address,
      items: Type.Array(Line, { minItems: 1 }),
      weightGrams: Type.Integer({ minimum: 1 }),
      currency: Currency,
      requestedAt: At,
    },
    { additionalProperties: false },
  ),
  "A choreographed checkout's payment is authorised: shipping books the parcel once per order.",
);

export const CouponRedemptionRequested = defineEvent(
  'emporium.orders.coupon.redemption-requested.v1',
  Type.Object(
    { orderId: OrderId, couponCode: Type.String(), requestedAt: At },
    { additionalProperties: false },
  ),
  "A choreographed checkout's shipment is booked: pricing counts the coupon's use (once per order), last before confirmation.",
);

export const PaymentCaptureRequested = defineEvent(
  'emporium.orders.payment.capture-requested.v1',
  Type.Object(
    { orderId: OrderId, paymentId: Type.String(), amount: Money, requestedAt: At },
    { additionalProperties: false },
  ),
  'A choreographed checkout confirmed its order: payments captures the authorised payment (once).',
);

export const CheckoutAbandoned = defineEvent(
  'emporium.orders.checkout.abandoned.v1',
  Type.Object(
    {
      orderId: OrderId,
      reasonCode: Type.String({ description: "The order's cancel code, e.g. OUT_OF_STOCK" }),
      reason: Type.String(),
      abandonedAt: At,
    },
    { additionalProperties: false },
  ),
  'A choreographed checkout was cancelled: each participant undoes what it did for the order (release stock, void payment, cancel shipment). Sent again when a participant reports success after it.',
);

export const OrderQuoted = defineEvent(
  'emporium.pricing.order.quoted.v1',
  Type.Object(
    {
      orderId: OrderId,
      currency: Currency,
      lines: Type.Array(
        Type.Object(
          {
            sku: Sku,
            quantity: Type.Integer({ minimum: 1 }),
            unitPriceMinor: Minor('Price of one'),
            netMinor: Minor('The line after promotions and the coupon'),
          },
          { additionalProperties: false },
        ),
      ),
      subtotalMinor: Minor('Goods before discounts'),
      discountTotalMinor: Minor('Discounts'),
      taxTotalMinor: Minor('Tax'),
      totalMinor: Minor('What the goods cost'),
      taxIncluded: Type.Boolean(),
      quotedAt: At,
    },
    { additionalProperties: false },
  ),
  "pricing priced a choreographed checkout's goods (promotions, coupon, destination tax); reads only.",
);

export const RateQuoted = defineEvent(
  'emporium.shipping.rate.quoted.v1',
  Type.Object(
    {
      orderId: OrderId,
      carrier: Type.String(),
      serviceLevel: Type.String(),
      priceMinor: Minor('Shipping price'),
      currency: Currency,
      quotedAt: At,
    },
    { additionalProperties: false },
  ),
  "shipping chose the carrier of a choreographed checkout (the one asked for, or the service level's cheapest) and priced the parcel.",
);

export const CouponRedeemed = defineEvent(
  'emporium.pricing.coupon.redeemed.v1',
  Type.Object(
    {
      orderId: OrderId,
      couponCode: Type.String(),
      remainingUses: Type.Integer({ minimum: -1, description: '-1: unlimited' }),
      redeemedAt: At,
    },
    { additionalProperties: false },
  ),
  "One use of a coupon was counted for a choreographed checkout's order.",
);

/** The refusal of one participant, for one step of a choreographed checkout. */
function checkoutRefused(context: string, steps: string[], description: string) {
  return defineEvent(
    `emporium.${context}.checkout.refused.v1`,
    Type.Object(
      {
        orderId: OrderId,
        step: Type.Union(steps.map((step) => Type.Literal(step))),
        code: Type.String({ description: `${context}'s error code, e.g. from docs/errors.md` }),
        reason: Type.String({ description: 'For people: why' }),
        refusedAt: At,
      },
      { additionalProperties: false },
    ),
    description,
  );
}

export const InventoryCheckoutRefused = checkoutRefused(
  'inventory',
  ['reserve'],
  "inventory could not reserve a choreographed checkout's lines (not enough stock, unknown SKU); nothing is held.",
);
export const PricingCheckoutRefused = checkoutRefused(
  'pricing',
  ['quote', 'redeem-coupon'],
  'pricing could not quote a choreographed checkout (unpriced SKU, currency, coupon) or redeem its coupon (used up, expired).',
);
export const ShippingCheckoutRefused = checkoutRefused(
  'shipping',
  ['rate', 'create-shipment'],
  'shipping has no rate for a choreographed checkout (no carrier, destination, weight) or the carrier refused the booking.',
);
export const PaymentsCheckoutRefused = checkoutRefused(
  'payments',
  ['authorize', 'capture'],
  'payments refused to act for a choreographed checkout (the card token unusable, the currency, a capture the payment does not allow); a declined card is payment.failed instead.',
);

export const checkoutEvents = [
  CheckoutRequested,
  PaymentRequested,
  ShipmentRequested,
  CouponRedemptionRequested,
  PaymentCaptureRequested,
  CheckoutAbandoned,
  OrderQuoted,
  RateQuoted,
  CouponRedeemed,
  InventoryCheckoutRefused,
  PricingCheckoutRefused,
  ShippingCheckoutRefused,
  PaymentsCheckoutRefused,
];
