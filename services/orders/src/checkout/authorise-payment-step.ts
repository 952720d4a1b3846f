import { type Payment, PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { inTransaction } from '@emporium/platform/db';
import type { SagaStep } from '@emporium/platform/saga';
import { moveOrderTo } from '../orders/move-order.ts';
import type { OrderDeps } from '../orders/order-deps.ts';
import { moneyMessage } from '../participants/messages.ts';
import { isRefusal, refusalMessage } from '../participants/participant-errors.ts';
import { releasePayment } from '../participants/release-payment.ts';
import { trackedCall } from '../participants/tracked-call.ts';
import { hasCallInDoubt } from '../store/participant-calls-store.ts';
import { actionKey, CHECKOUT_STEPS, type CheckoutData } from './checkout-data.ts';
import { refuseStep } from './refuse-step.ts';

const STEP = CHECKOUT_STEPS.authorisePayment;

/** The Authorize request of a checkout: the same every time it is built, so a replay repeats it exactly. */
function authorizeRequest(data: CheckoutData, key: string) {
  if (data.totalMinor === undefined) throw new Error('the order has not been quoted');
  return {
    idempotencyKey: key,
    orderId: data.orderId,
    userId: data.userId,
    cardToken: data.cardToken,
    amount: moneyMessage(data.totalMinor, data.currency),
    billingCountry: data.shipTo.country,
    shippingCountry: data.shipTo.country,
  };
}

function declineReason(payment: Payment): string {
  const code = payment.failureCode || 'declined';
  const fraud = code === 'fraudulent' || code === 'fraud_review_declined';
  const what = fraud ? 'the payment was declined by the fraud checks' : 'the card was declined';
  return `${what}: ${payment.failureMessage || code} (${code})`;
}

/**
 * Puts a hold on the customer's card for the order's total; the order awaits payment while it
 * runs. A FAILED payment (declined, insufficient funds, fraud) is a definite refusal. The
 * compensation voids the hold; when the saga never learnt the answer (the call timed out),
 * it repeats the call with the same key, which answers what happened, then voids that.
 */
export function authorisePaymentStep({ db, participants, events, clock }: OrderDeps): SagaStep<CheckoutData> {
  const { payments } = participants;
  return {
    name: STEP,
    async action({ sagaId, data, idempotencyKey, signal }) {
      await inTransaction(db, (trx) =>
        moveOrderTo(trx, events, data.orderId, 'awaiting_payment', {
          now: clock(),
          note: 'stock reserved and order priced; authorising the payment',
        }),
      );
      let payment: Payment | undefined;
      try {
        ({ payment } = await trackedCall(db, { sagaId, step: STEP }, () =>
          payments.authorize(authorizeRequest(data, idempotencyKey), { signal }),
        ));
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return refuseStep(db, data.orderId, {
          code: 'PAYMENT_DECLINED',
          reason: `the payment was refused: ${refusalMessage(error)}`,
        });
      }
      if (!payment) throw new Error('payments answered Authorize without a payment');
      await db.updateTable('orders').set({ payment_id: payment.id }).where('id', '=', data.orderId).execute();
      if (payment.status === PaymentStatus.FAILED) {
        return refuseStep(db, data.orderId, { code: 'PAYMENT_DECLINED', reason: declineReason(payment) });
      }
      if (payment.status !== PaymentStatus.AUTHORIZED) {
        throw new Error(
          `payments answered Authorize with a payment in status ${PaymentStatus[payment.status]}`,
        );
      }
      return { paymentId: payment.id };
    },
    async compensate({ sagaId, data, idempotencyKey, signal }) {
      let paymentId = data.paymentId;
      if (paymentId === undefined && (await hasCallInDoubt(db, sagaId, STEP))) {
        try {
          const replay = await payments.authorize(authorizeRequest(data, actionKey(sagaId, STEP)), {
            signal,
          });
          paymentId = replay.payment?.id;
        } catch (error) {
          // Refused now, so nothing was authorised under this key then either.
          if (!isRefusal(error)) throw error;
        }
      }
      if (paymentId)
        await releasePayment(payments, paymentId, idempotencyKey, 'checkout did not complete', signal);
    },
  };
}
