import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { MoneySchema } from '@emporium/contracts/proto/common/v1/money';
import {
  FraudDecision,
  type Payment as PaymentMessage,
  PaymentSchema,
  PaymentStatus,
} from '@emporium/contracts/proto/payments/v1/payment_service';
import type { FraudDecision as Decision } from '../domain/fraud-rules.ts';
import type { Payment, PaymentStatus as Status } from '../domain/payment.ts';

const STATUS: Readonly<Record<Status, PaymentStatus>> = {
  authorized: PaymentStatus.AUTHORIZED,
  captured: PaymentStatus.CAPTURED,
  partially_refunded: PaymentStatus.PARTIALLY_REFUNDED,
  refunded: PaymentStatus.REFUNDED,
  voided: PaymentStatus.VOIDED,
  failed: PaymentStatus.FAILED,
};

const DECISION: Readonly<Record<Decision, FraudDecision>> = {
  approve: FraudDecision.APPROVE,
  review: FraudDecision.REVIEW,
  decline: FraudDecision.DECLINE,
};

const money = (amountMinor: number, currency: string) =>
  create(MoneySchema, { amountMinor: BigInt(amountMinor), currency });

export function toPaymentMessage(payment: Payment): PaymentMessage {
  return create(PaymentSchema, {
    id: payment.id,
    orderId: payment.orderId,
    status: STATUS[payment.status],
    amount: money(payment.amountMinor, payment.currency),
    captured: money(payment.capturedMinor, payment.currency),
    refunded: money(payment.refundedMinor, payment.currency),
    failureCode: payment.failure?.code ?? '',
    failureMessage: payment.failure?.message ?? '',
    fraud: {
      score: payment.fraud.score,
      decision: DECISION[payment.fraud.decision],
      reasons: payment.fraud.reasons,
    },
    cardBrand: payment.card.brand,
    cardLast4: payment.card.last4,
    createTime: timestampFromDate(payment.createdAt),
    updateTime: timestampFromDate(payment.updatedAt),
  });
}
