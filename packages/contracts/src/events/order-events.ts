import { Type } from '@sinclair/typebox';
import { Money } from '../money.ts';
import { defineEvent } from './define-event.ts';

const OrderId = Type.String({ format: 'uuid', description: 'The order (the event subject too)' });
const UserId = Type.String({ description: 'The customer who placed it (identity user id)' });
const Line = Type.Object(
  {
    sku: Type.String({ description: "The product's SKU, as the catalog names it" }),
    quantity: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
const PricedLine = Type.Object(
  {
    ...Line.properties,
    unitPrice: Money,
    lineTotal: Type.Object(Money.properties, {
      additionalProperties: false,
      description: 'After promotions and the coupon',
    }),
  },
  { additionalProperties: false },
);
const Status = Type.Union(
  ['pending', 'awaiting_payment', 'confirmed', 'shipped', 'delivered', 'cancelled', 'refunded'].map(
    (status) => Type.Literal(status),
  ),
);

export const OrderPlaced = defineEvent(
  'emporium.orders.order.placed.v1',
  Type.Object(
    {
      orderId: OrderId,
      userId: UserId,
      lines: Type.Array(Line, { minItems: 1 }),
      currency: Type.String({ pattern: '^[A-Z]{3}$' }),
      destinationCountry: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
      couponCode: Type.Union([Type.String(), Type.Null()]),
      placedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'A customer checked out a cart: the order exists (pending) and its checkout has begun; prices follow with order.confirmed.',
);

export const OrderConfirmed = defineEvent(
  'emporium.orders.order.confirmed.v1',
  Type.Object(
    {
      orderId: OrderId,
      userId: UserId,
      lines: Type.Array(PricedLine, { minItems: 1 }),
      subtotal: Money,
      discountTotal: Money,
      taxTotal: Money,
      shipping: Money,
      total: Type.Object(Money.properties, {
        additionalProperties: false,
        description: 'What the customer pays: the goods after discounts and tax, plus shipping',
      }),
      paymentId: Type.String(),
      shipmentId: Type.String(),
      confirmedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'Stock is reserved, the payment authorised and the shipment booked: the order will be fulfilled.',
);

export const OrderCancelled = defineEvent(
  'emporium.orders.order.cancelled.v1',
  Type.Object(
    {
      orderId: OrderId,
      userId: UserId,
      previousStatus: Status,
      reasonCode: Type.String({
        description:
          'OUT_OF_STOCK, PAYMENT_DECLINED, QUOTE_REFUSED, SHIPPING_REFUSED, COUPON_REFUSED, CHECKOUT_FAILED or CANCELLED_BY_CUSTOMER',
      }),
      reason: Type.String({ description: 'For people: what happened' }),
      cancelledAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'The order will not be fulfilled: its checkout failed and was compensated, or it was cancelled before shipment. Stock is released and the payment voided or refunded.',
);

export const OrderShipped = defineEvent(
  'emporium.orders.order.shipped.v1',
  Type.Object(
    {
      orderId: OrderId,
      userId: UserId,
      shipmentId: Type.String(),
      carrier: Type.String(),
      trackingNumber: Type.String(),
      shippedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'The carrier picked the parcel up: the order can no longer be cancelled.',
);

export const OrderDelivered = defineEvent(
  'emporium.orders.order.delivered.v1',
  Type.Object(
    {
      orderId: OrderId,
      userId: UserId,
      shipmentId: Type.String(),
      deliveredAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'The parcel reached the customer.',
);

export const OrderRefunded = defineEvent(
  'emporium.orders.order.refunded.v1',
  Type.Object(
    {
      orderId: OrderId,
      userId: UserId,
      amount: Type.Object(Money.properties, {
        additionalProperties: false,
        description: 'What went back to the card',
      }),
      reason: Type.String(),
      refundedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'A shipped or delivered order was refunded in full (e.g. a return), by an admin.',
);

export const CartStarted = defineEvent(
  'emporium.orders.cart.started.v1',
  Type.Object(
    {
      cartId: Type.String({ format: 'uuid', description: 'The cart (the event subject too)' }),
      userId: Type.Union([UserId, Type.Null()], { description: "null for a guest's cart" }),
      sku: Type.String({ description: 'The first product put in it' }),
      startedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'A cart got its first item (a new cart, or one emptied by a checkout): the top of the conversion funnel.',
);

export const orderEvents = [
  CartStarted,
  OrderPlaced,
  OrderConfirmed,
  OrderCancelled,
  OrderShipped,
  OrderDelivered,
  OrderRefunded,
];
