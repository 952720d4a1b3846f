import {
  CheckoutAbandoned,
  PaymentCaptureRequested,
  PaymentRequested,
  PaymentsCheckoutRefused,
} from '@emporium/contracts';
import { ProblemError } from '@emporium/platform/http';
import { type EventHandler, type EventPublisher, handleEvent } from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
import { CardTokenNotFound } from '../errors.ts';
import { authorizePayment } from '../payments/authorize-payment.ts';
import { capturePayment, refundPayment, voidPayment } from '../payments/move-payment.ts';
import type { PaymentDeps } from '../payments/payment-deps.ts';
import type { PaymentsDatabase } from '../store/database.ts';
import { cardTokenOfDigest, lockOrderPayments, lockPaymentsOfOrder } from '../store/order-payments-store.ts';

/** The durable consumer group of payments' part in checkout by choreography. */
export const CHECKOUT_GROUP = 'payments.checkout';

type Step = 'authorize' | 'capture';

/**
 * Payments' part in a choreographed checkout; the order id is the business key throughout.
 * orders.payment.requested names the card token by its SHA-256 digest (the token itself never
 * travels: every context may read every event) and authorises the total once per order: payment.authorized or payment.failed (declined, fraud),
 * or payments.checkout.refused when the token cannot be used. A second request for an order
 * that has a payment does nothing. orders.payment.capture-requested captures it once
 * (payment.captured; a captured payment is left as it is). orders.checkout.abandoned gives the
 * money back: voids a hold, refunds a capture (payment.voided / payment.refunded).
 */
export function checkoutHandlers(
  deps: PaymentDeps,
  publisher: EventPublisher,
): EventHandler<PaymentsDatabase>[] {
  async function refuse(trx: Kysely<PaymentsDatabase>, orderId: string, step: Step, error: ProblemError) {
    await publisher.publish(trx, PaymentsCheckoutRefused, {
      subject: orderId,
      data: { orderId, step, code: error.code, reason: error.message, refusedAt: deps.clock().toISOString() },
    });
  }

  return [
    handleEvent<PaymentsDatabase, typeof PaymentRequested>(PaymentRequested, async (trx, event) => {
      const { orderId } = event.data;
      await lockOrderPayments(trx, orderId);
      if ((await lockPaymentsOfOrder(trx, orderId)).length > 0) return;
      try {
        const cardToken = await cardTokenOfDigest(trx, event.data.cardTokenDigest);
        if (cardToken === undefined) {
          throw CardTokenNotFound(
            'card token: payments issued no token with this digest, or it expired long ago',
          );
        }
        // Publishes payment.authorized or payment.failed in this transaction.
        await authorizePayment(deps, trx, {
          orderId,
          userId: event.data.userId,
          cardToken,
          amount: event.data.amount,
          billingCountry: event.data.billingCountry,
          shippingCountry: event.data.shippingCountry,
        });
      } catch (error) {
        // Refusals are thrown before anything is written.
        if (!(error instanceof ProblemError)) throw error;
        await refuse(trx, orderId, 'authorize', error);
      }
    }),

    handleEvent<PaymentsDatabase, typeof PaymentCaptureRequested>(
      PaymentCaptureRequested,
      async (trx, event) => {
        const { orderId, paymentId } = event.data;
        await lockOrderPayments(trx, orderId);
        const payment = (await lockPaymentsOfOrder(trx, orderId)).find(
          (candidate) => candidate.id === paymentId,
        );
        if (payment?.status === 'captured') return;
        try {
          await capturePayment(deps, trx, paymentId, undefined);
        } catch (error) {
          if (!(error instanceof ProblemError)) throw error;
          await refuse(trx, orderId, 'capture', error);
        }
      },
    ),

    handleEvent<PaymentsDatabase, typeof CheckoutAbandoned>(CheckoutAbandoned, async (trx, event) => {
      const { orderId } = event.data;
      await lockOrderPayments(trx, orderId);
      for (const payment of await lockPaymentsOfOrder(trx, orderId)) {
        if (payment.status === 'authorized') await voidPayment(deps, trx, payment.id);
        else if (payment.status === 'captured' || payment.status === 'partially_refunded') {
          await refundPayment(deps, trx, payment.id, undefined, `checkout abandoned: ${event.data.reason}`);
        }
      }
    }),
  ];
}
