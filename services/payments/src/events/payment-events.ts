import {
  PaymentAuthorized,
  PaymentCaptured,
  PaymentFailed,
  PaymentRefunded,
  PaymentVoided,
} from '@emporium/contracts';
import type { EventPublisher } from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
import type { Money } from '../domain/money.ts';
import type { Payment } from '../domain/payment.ts';
import type { PaymentsDatabase } from '../store/database.ts';

/**
 * The integration events payments publishes. Each is written to the outbox in the caller's
 * transaction, so it reaches the bus if and only if the change it reports commits. The
 * subject is the payment id; the order id is in the data.
 */
export interface PaymentEvents {
  authorized(trx: Kysely<PaymentsDatabase>, payment: Payment): Promise<void>;
  failed(trx: Kysely<PaymentsDatabase>, payment: Payment): Promise<void>;
  captured(trx: Kysely<PaymentsDatabase>, payment: Payment, captured: Money, released: Money): Promise<void>;
  voided(trx: Kysely<PaymentsDatabase>, payment: Payment, released: Money): Promise<void>;
  refunded(trx: Kysely<PaymentsDatabase>, payment: Payment, refund: Money, reason: string): Promise<void>;
}

const money = ({ amountMinor, currency }: Money): Money => ({ amountMinor, currency });

export function createPaymentEvents(publisher: EventPublisher): PaymentEvents {
  return {
    async authorized(trx, payment) {
      await publisher.publish(trx, PaymentAuthorized, {
        subject: payment.id,
        data: {
          paymentId: payment.id,
          orderId: payment.orderId,
          userId: payment.userId,
          amount: { amountMinor: payment.amountMinor, currency: payment.currency },
          card: { brand: payment.card.brand, last4: payment.card.last4 },
          fraudScore: payment.fraud.score,
          authorizedAt: payment.createdAt.toISOString(),
        },
      });
    },
    async failed(trx, payment) {
      if (!payment.failure) throw new Error(`payment ${payment.id} has not failed`);
      await publisher.publish(trx, PaymentFailed, {
        subject: payment.id,
        data: {
          paymentId: payment.id,
          orderId: payment.orderId,
          userId: payment.userId,
          amount: { amountMinor: payment.amountMinor, currency: payment.currency },
          failureCode: payment.failure.code,
          failureMessage: payment.failure.message,
          fraudScore: payment.fraud.score,
          fraudReasons: [...payment.fraud.reasons],
          failedAt: payment.createdAt.toISOString(),
        },
      });
    },
    async captured(trx, payment, captured, released) {
      await publisher.publish(trx, PaymentCaptured, {
        subject: payment.id,
        data: {
          paymentId: payment.id,
          orderId: payment.orderId,
          amount: money(captured),
          released: money(released),
          capturedAt: payment.updatedAt.toISOString(),
        },
      });
    },
    async voided(trx, payment, released) {
      await publisher.publish(trx, PaymentVoided, {
        subject: payment.id,
        data: {
          paymentId: payment.id,
          orderId: payment.orderId,
          amount: money(released),
          voidedAt: payment.updatedAt.toISOString(),
        },
      });
    },
    async refunded(trx, payment, refund, reason) {
      await publisher.publish(trx, PaymentRefunded, {
        subject: payment.id,
        data: {
          paymentId: payment.id,
          orderId: payment.orderId,
          amount: money(refund),
          refundedTotal: { amountMinor: payment.refundedMinor, currency: payment.currency },
          fullyRefunded: payment.status === 'refunded',
          reason,
          refundedAt: payment.updatedAt.toISOString(),
        },
      });
    },
  };
}
