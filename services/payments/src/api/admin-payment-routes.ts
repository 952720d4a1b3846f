import type { HttpServer } from '@emporium/platform/http';
import { runIdempotentRequest } from '@emporium/platform/idempotency';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { decodePaymentCursor, encodePaymentCursor } from '../domain/payment-cursor.ts';
import { CurrencyMismatch, InvalidCursor, PaymentNotFound } from '../errors.ts';
import { refundPayment } from '../payments/move-payment.ts';
import type { PaymentDeps } from '../payments/payment-deps.ts';
import type { PaymentsDatabase } from '../store/database.ts';
import { ledgerOfPayment } from '../store/ledger-store.ts';
import { findPayment, listPayments } from '../store/payments-store.ts';
import {
  AdminRefundBody,
  BEARER,
  PaymentDetailView,
  PaymentIdParams,
  PaymentListQuery,
  PaymentListView,
} from './schemas.ts';
import { toPaymentDetailView, toPaymentView } from './views.ts';

const ADMIN = { tags: ['payments (admin)'], security: BEARER };
const DEFAULT_PAGE_SIZE = 20;

export interface AdminRouteOptions {
  db: Kysely<PaymentsDatabase>;
  deps: PaymentDeps;
  /** An onRequest hook: 401 without a valid access token, 403 without the admin role. */
  requireAdmin: (request: FastifyRequest) => Promise<void>;
}

/** What operators see and do: payments with their ledger, and refunds. Admin role only. */
export function adminPaymentRoutes(app: HttpServer, { db, deps, requireAdmin }: AdminRouteOptions): void {
  app.get(
    '/admin/payments',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Payments, newest first, a page at a time; orderId narrows to one order',
        querystring: PaymentListQuery,
        response: { 200: PaymentListView },
      },
    },
    async (request) => {
      const { limit = DEFAULT_PAGE_SIZE, cursor, orderId } = request.query;
      const after = cursor === undefined ? undefined : decodePaymentCursor(cursor);
      if (cursor !== undefined && (after === undefined || after.orderId !== (orderId ?? null))) {
        throw InvalidCursor('Pass the nextCursor of the previous page unchanged, with the same orderId');
      }
      // One extra row says whether another page follows.
      const payments = await listPayments(db, { limit: limit + 1, after, orderId });
      const page = payments.slice(0, limit);
      const last = page.at(-1);
      return {
        payments: page.map(toPaymentView),
        nextCursor:
          payments.length > limit && last
            ? encodePaymentCursor({ createdAt: last.createdAt, id: last.id, orderId: orderId ?? null })
            : null,
      };
    },
  );

  app.get(
    '/admin/payments/:id',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'One payment with its ledger transactions',
        params: PaymentIdParams,
        response: { 200: PaymentDetailView },
      },
    },
    async (request) => {
      const payment = await findPayment(db, request.params.id);
      if (!payment) throw PaymentNotFound(`No payment ${request.params.id}`);
      return toPaymentDetailView(payment, await ledgerOfPayment(db, payment.id));
    },
  );

  app.post(
    '/admin/payments/:id/refund',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Refund all that remains captured, or amountMinor of it (Idempotency-Key required)',
        params: PaymentIdParams,
        body: AdminRefundBody,
        response: { 200: PaymentDetailView },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { amountMinor, currency, reason } = request.body;
      const change = {
        scope: 'payments.admin-refund',
        request: { id, amountMinor, currency, reason },
        keyRequired: true,
      };
      return runIdempotentRequest(db, { request, reply }, change, async (trx) => {
        const current = await findPayment(trx, id);
        if (!current) throw PaymentNotFound(`No payment ${id}`);
        // "All of it, in USD" for a EUR payment is as wrong as an amount in USD.
        if (currency !== undefined && currency !== current.currency) {
          throw CurrencyMismatch(`currency: the payment is in ${current.currency}, not ${currency}`);
        }
        const amount = amountMinor === undefined ? undefined : { amountMinor, currency: current.currency };
        const refunded = await refundPayment(deps, trx, id, amount, reason);
        return toPaymentDetailView(refunded, await ledgerOfPayment(trx, id));
      });
    },
  );
}
