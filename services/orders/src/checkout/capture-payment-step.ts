import { PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import type { SagaStep } from '@emporium/platform/saga';
import type { OrderDeps } from '../orders/order-deps.ts';
import { minorOf } from '../participants/messages.ts';
import { isRefusal, refusalMessage } from '../participants/participant-errors.ts';
import { releasePayment } from '../participants/release-payment.ts';
import { trackedCall } from '../participants/tracked-call.ts';
import { forgetCalls } from '../store/participant-calls-store.ts';
import { CHECKOUT_STEPS, type CheckoutData } from './checkout-data.ts';
import { refuseStep } from './refuse-step.ts';

const STEP = CHECKOUT_STEPS.capturePayment;

/**
 * Charges the authorised amount. Payments keys the capture by idempotency key, so a repeat
 * never captures twice. If it fails for good, the compensation gives the money back whatever
 * happened (refund of a capture, void of a hold), and the saga unwinds the rest.
 */
export function capturePaymentStep({ db, participants }: OrderDeps): SagaStep<CheckoutData> {
  const { payments } = participants;
  return {
    name: STEP,
    async action({ sagaId, data, idempotencyKey, signal }) {
      const paymentId = data.paymentId;
      if (paymentId === undefined) throw new Error('there is no payment to capture');
      try {
        const { payment } = await trackedCall(db, { sagaId, step: STEP }, () =>
          payments.capture({ idempotencyKey, paymentId }, { signal }),
        );
        if (payment?.status !== PaymentStatus.CAPTURED) {
          throw new Error(`payments answered Capture with status ${PaymentStatus[payment?.status ?? 0]}`);
        }
        await db
          .updateTable('orders')
          .set({ captured_minor: minorOf(payment.captured, data.currency, 'captured amount') })
          .where('id', '=', data.orderId)
          .execute();
        // The last step: earlier attempts that timed out but were retried to success leave nothing to doubt.
        await forgetCalls(db, sagaId);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return refuseStep(db, data.orderId, {
          code: 'PAYMENT_DECLINED',
          reason: `the payment could not be captured: ${refusalMessage(error)}`,
        });
      }
    },
    async compensate({ data, idempotencyKey, signal }) {
      if (data.paymentId === undefined) return;
      await releasePayment(payments, data.paymentId, idempotencyKey, 'checkout did not complete', signal);
    },
  };
}
