import { Type } from '@sinclair/typebox';
import { Money } from '../money.ts';
import { defineEvent } from './define-event.ts';

const PaymentId = Type.String({ format: 'uuid', description: "The payment's id in payments" });
const OrderId = Type.String({ description: 'The order the payment is for' });

/** Money with a description of what it is. */
const MoneyThat = (description: string) =>
  Type.Object(Money.properties, { additionalProperties: false, description });

export const PaymentAuthorized = defineEvent(
  'emporium.payments.payment.authorized.v1',
  Type.Object(
    {
      paymentId: PaymentId,
      orderId: OrderId,
      userId: Type.String(),
      amount: Money,
      card: Type.Object(
        {
          brand: Type.Union([Type.Literal('visa'), Type.Literal('mastercard'), Type.Literal('amex')]),
          last4: Type.String({ pattern: '^[0-9]{4}$' }),
        },
        { additionalProperties: false },
      ),
      fraudScore: Type.Integer({ minimum: 0, maximum: 100 }),
      authorizedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'The card network approved a hold of the amount on the card; nothing is charged until it is captured.',
);

export const PaymentCaptured = defineEvent(
  'emporium.payments.payment.captured.v1',
  Type.Object(
    {
      paymentId: PaymentId,
      orderId: OrderId,
      amount: MoneyThat('What was captured'),
      released: MoneyThat(
        'The part of the authorised amount not captured, released to the card (0 for a full capture)',
      ),
      capturedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'All or part of an authorised payment was captured: the shop is owed it. One capture per payment.',
);

export const PaymentVoided = defineEvent(
  'emporium.payments.payment.voided.v1',
  Type.Object(
    {
      paymentId: PaymentId,
      orderId: OrderId,
      amount: MoneyThat('The authorised amount released to the card'),
      voidedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'An authorised, uncaptured payment was cancelled: its hold is released.',
);

export const PaymentRefunded = defineEvent(
  'emporium.payments.payment.refunded.v1',
  Type.Object(
    {
      paymentId: PaymentId,
      orderId: OrderId,
      amount: MoneyThat('This refund'),
      refundedTotal: MoneyThat('Every refund of the payment so far, this one included'),
      fullyRefunded: Type.Boolean({ description: 'Everything captured is now refunded' }),
      reason: Type.String(),
      refundedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'Part or all of a captured payment was refunded to the card.',
);

export const PaymentFailed = defineEvent(
  'emporium.payments.payment.failed.v1',
  Type.Object(
    {
      paymentId: PaymentId,
      orderId: OrderId,
      userId: Type.String(),
      amount: Money,
      failureCode: Type.Union(
        [
          'card_declined',
          'insufficient_funds',
          'expired_card',
          'fraudulent',
          'processing_error',
          'fraud_review_declined',
        ].map((code) => Type.Literal(code)),
      ),
      failureMessage: Type.String(),
      fraudScore: Type.Integer({ minimum: 0, maximum: 100 }),
      fraudReasons: Type.Array(Type.String()),
      failedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'An authorisation was refused, by the card network or by the fraud rules; processing_error may succeed on a new attempt.',
);

export const paymentEvents = [
  PaymentAuthorized,
  PaymentCaptured,
  PaymentVoided,
  PaymentRefunded,
  PaymentFailed,
];
