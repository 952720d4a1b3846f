import type { Static } from '@sinclair/typebox';
import type { Payment } from '../domain/payment.ts';
import type { LedgerTransaction } from '../store/ledger-store.ts';
import type { PaymentDetailView, PaymentView } from './schemas.ts';

export function toPaymentView(payment: Payment): Static<typeof PaymentView> {
  const money = (amountMinor: number) => ({ amountMinor, currency: payment.currency });
  return {
    id: payment.id,
    orderId: payment.orderId,
    userId: payment.userId,
    status: payment.status,
    amount: money(payment.amountMinor),
    captured: money(payment.capturedMinor),
    refunded: money(payment.refundedMinor),
    failure: payment.failure ?? null,
    fraud: payment.fraud,
    card: payment.card,
    billingCountry: payment.billingCountry ?? null,
    shippingCountry: payment.shippingCountry ?? null,
    networkReference: payment.networkReference ?? null,
    createdAt: payment.createdAt.toISOString(),
    updatedAt: payment.updatedAt.toISOString(),
  };
}

export function toPaymentDetailView(
  payment: Payment,
  ledger: readonly LedgerTransaction[],
): Static<typeof PaymentDetailView> {
  return {
    payment: toPaymentView(payment),
    ledger: ledger.map((transaction) => ({
      id: transaction.id,
      kind: transaction.kind,
      reason: transaction.reason,
      createdAt: transaction.createdAt.toISOString(),
      entries: transaction.entries,
    })),
  };
}
