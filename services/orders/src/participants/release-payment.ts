import { PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import type { Participants } from './participants.ts';

export type PaymentRelease =
  | { outcome: 'voided' }
  | { outcome: 'refunded'; refunded: bigint }
  | { outcome: 'nothing'; status: PaymentStatus };

/**
 * Gives a customer's money back, whatever became of the payment: an authorisation is voided,
 * a capture refunded (what remains of it), and a failed, voided or refunded payment needs
 * nothing. Asking payments first makes it safe to repeat, and to run after a step whose
 * outcome is unknown. The void and the refund carry keys of their own, derived from `key`.
 */
export async function releasePayment(
  payments: Participants['payments'],
  paymentId: string,
  key: string,
  reason: string,
  signal: AbortSignal,
): Promise<PaymentRelease> {
  const { payment } = await payments.getPayment({ paymentId }, { signal });
  const status = payment?.status ?? PaymentStatus.UNSPECIFIED;
  switch (status) {
    case PaymentStatus.AUTHORIZED:
      await payments.void({ idempotencyKey: `${key}:void`, paymentId }, { signal });
      return { outcome: 'voided' };
    case PaymentStatus.CAPTURED:
    case PaymentStatus.PARTIALLY_REFUNDED: {
      const refund = await payments.refund(
        { idempotencyKey: `${key}:refund`, paymentId, reason },
        { signal },
      );
      return { outcome: 'refunded', refunded: refund.payment?.refunded?.amountMinor ?? 0n };
    }
    default:
      return { outcome: 'nothing', status };
  }
}
