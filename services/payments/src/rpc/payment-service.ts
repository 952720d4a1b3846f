import { create, fromJson, type JsonValue, toJson } from '@bufbuild/protobuf';
import {
  AuthorizeResponseSchema,
  CaptureResponseSchema,
  GetPaymentResponseSchema,
  type Payment as PaymentMessage,
  PaymentSchema,
  PaymentService,
  RefundResponseSchema,
  VoidResponseSchema,
} from '@emporium/contracts/proto/payments/v1/payment_service';
import { runIdempotent } from '@emporium/platform/idempotency';
import type { RpcServices } from '@emporium/platform/rpc';
import type { Kysely, Transaction } from 'kysely';
import type { Payment } from '../domain/payment.ts';
import { PaymentNotFound, toConnectError } from '../errors.ts';
import { authorizePayment } from '../payments/authorize-payment.ts';
import { capturePayment, refundPayment, voidPayment } from '../payments/move-payment.ts';
import type { PaymentDeps } from '../payments/payment-deps.ts';
import type { PaymentsDatabase } from '../store/database.ts';
import { findPayment } from '../store/payments-store.ts';
import { toPaymentMessage } from './payment-message.ts';
import * as check from './request-checks.ts';

/**
 * Runs a mutating call once per idempotency key: the resulting payment is stored as protobuf
 * JSON beside the change, and a repeat of the same request answers it again; a different
 * request with the key is ALREADY_EXISTS. Refusals become gRPC errors with their code.
 */
async function once(
  db: Kysely<PaymentsDatabase>,
  call: { scope: string; key: string; request: unknown },
  work: (trx: Transaction<PaymentsDatabase>) => Promise<Payment>,
): Promise<PaymentMessage> {
  try {
    const { result } = await runIdempotent<PaymentsDatabase, JsonValue>(db, call, async (trx) =>
      toJson(PaymentSchema, toPaymentMessage(await work(trx))),
    );
    return fromJson(PaymentSchema, result);
  } catch (error) {
    throw toConnectError(error);
  }
}

/** payments.v1.PaymentService: what the checkout saga (and refunds) call. */
export function servePaymentService(
  rpc: Pick<RpcServices, 'serve'>,
  db: Kysely<PaymentsDatabase>,
  deps: PaymentDeps,
): void {
  rpc.serve(PaymentService, {
    async authorize(request, context) {
      const key = check.idempotencyKey(request.idempotencyKey);
      const command = {
        orderId: check.foreignId('order_id', request.orderId),
        userId: check.foreignId('user_id', request.userId),
        cardToken: check.cardToken(request.cardToken),
        amount: check.requiredMoney('amount', request.amount),
        billingCountry: check.optionalCountry('billing_country', request.billingCountry),
        shippingCountry: check.optionalCountry('shipping_country', request.shippingCountry),
      };
      const payment = await once(db, { scope: 'payments.authorize', key, request: command }, (trx) =>
        authorizePayment(deps, trx, command, context.signal),
      );
      return create(AuthorizeResponseSchema, { payment });
    },
    async capture(request) {
      const key = check.idempotencyKey(request.idempotencyKey);
      const id = check.paymentId(request.paymentId);
      const amount = check.optionalMoney('amount', request.amount);
      const payment = await once(db, { scope: 'payments.capture', key, request: { id, amount } }, (trx) =>
        capturePayment(deps, trx, id, amount),
      );
      return create(CaptureResponseSchema, { payment });
    },
    async void(request) {
      const key = check.idempotencyKey(request.idempotencyKey);
      const id = check.paymentId(request.paymentId);
      const payment = await once(db, { scope: 'payments.void', key, request: { id } }, (trx) =>
        voidPayment(deps, trx, id),
      );
      return create(VoidResponseSchema, { payment });
    },
    async refund(request) {
      const key = check.idempotencyKey(request.idempotencyKey);
      const id = check.paymentId(request.paymentId);
      const amount = check.optionalMoney('amount', request.amount);
      const reason = check.refundReason(request.reason);
      const payment = await once(
        db,
        { scope: 'payments.refund', key, request: { id, amount, reason } },
        (trx) => refundPayment(deps, trx, id, amount, reason),
      );
      return create(RefundResponseSchema, { payment });
    },
    async getPayment(request) {
      const id = check.paymentId(request.paymentId);
      const payment = await findPayment(db, id);
      if (!payment) throw toConnectError(PaymentNotFound(`payment_id: no payment ${id}`));
      return create(GetPaymentResponseSchema, { payment: toPaymentMessage(payment) });
    },
  });
}
