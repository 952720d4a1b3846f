import { type Kysely, type Selectable, sql } from 'kysely';
import type { Payment, PaymentBalance } from '../domain/payment.ts';
import type { PaymentCursor } from '../domain/payment-cursor.ts';
import { minorOf, type PaymentsDatabase, type PaymentsTable } from './database.ts';

type PaymentRow = Selectable<PaymentsTable>;

function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    orderId: row.order_id,
    userId: row.user_id,
    status: row.status,
    currency: row.currency,
    amountMinor: minorOf(row.amount_minor),
    capturedMinor: minorOf(row.captured_minor),
    refundedMinor: minorOf(row.refunded_minor),
    failure:
      row.failure_code === null ? undefined : { code: row.failure_code, message: row.failure_message ?? '' },
    fraud: { score: row.fraud_score, decision: row.fraud_decision, reasons: row.fraud_reasons },
    card: { brand: row.card_brand, last4: row.card_last4 },
    billingCountry: row.billing_country ?? undefined,
    shippingCountry: row.shipping_country ?? undefined,
    networkReference: row.network_reference ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewPayment extends Payment {
  cardFingerprint: string;
  cardToken: string;
}

export async function insertPayment(trx: Kysely<PaymentsDatabase>, payment: NewPayment): Promise<Payment> {
  const row = await trx
    .insertInto('payments')
    .values({
      id: payment.id,
      order_id: payment.orderId,
      user_id: payment.userId,
      status: payment.status,
      currency: payment.currency,
      amount_minor: payment.amountMinor,
      captured_minor: payment.capturedMinor,
      refunded_minor: payment.refundedMinor,
      failure_code: payment.failure?.code ?? null,
      failure_message: payment.failure?.message ?? null,
      fraud_score: payment.fraud.score,
      fraud_decision: payment.fraud.decision,
      fraud_reasons: JSON.stringify(payment.fraud.reasons),
      card_brand: payment.card.brand,
      card_last4: payment.card.last4,
      card_fingerprint: payment.cardFingerprint,
      card_token: payment.cardToken,
      billing_country: payment.billingCountry ?? null,
      shipping_country: payment.shippingCountry ?? null,
      network_reference: payment.networkReference ?? null,
      created_at: payment.createdAt,
      updated_at: payment.updatedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPayment(row);
}

export async function findPayment(db: Kysely<PaymentsDatabase>, id: string): Promise<Payment | undefined> {
  const row = await db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPayment(row);
}

/** The payment, locked for the caller's transaction, so moves on one payment run one at a time. */
export async function lockPayment(trx: Kysely<PaymentsDatabase>, id: string): Promise<Payment | undefined> {
  const row = await trx
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row && toPayment(row);
}

/** Writes what a move changed: the status and the captured and refunded amounts. */
export async function updatePaymentBalance(
  trx: Kysely<PaymentsDatabase>,
  balance: PaymentBalance,
  at: Date,
): Promise<Payment> {
  const row = await trx
    .updateTable('payments')
    .set({
      status: balance.status,
      captured_minor: balance.capturedMinor,
      refunded_minor: balance.refundedMinor,
      updated_at: at,
    })
    .where('id', '=', balance.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPayment(row);
}

/** Authorisation attempts (failed ones too: card testing fails a lot) since `since`. */
export async function countRecentAttempts(
  trx: Kysely<PaymentsDatabase>,
  { fingerprint, userId, since }: { fingerprint: string; userId: string; since: Date },
): Promise<{ withCard: number; byUser: number }> {
  const { rows } = await sql<{ with_card: number; by_user: number }>`
    select
      (select count(*)::int from payments where card_fingerprint = ${fingerprint} and created_at > ${since}) as with_card,
      (select count(*)::int from payments where user_id = ${userId} and created_at > ${since}) as by_user
  `.execute(trx);
  return { withCard: rows[0]?.with_card ?? 0, byUser: rows[0]?.by_user ?? 0 };
}

/** Newest first, after the cursor's payment, optionally of one order. */
export async function listPayments(
  db: Kysely<PaymentsDatabase>,
  { limit, after, orderId }: { limit: number; after: PaymentCursor | undefined; orderId: string | undefined },
): Promise<Payment[]> {
  let query = db.selectFrom('payments').selectAll();
  if (orderId !== undefined) query = query.where('order_id', '=', orderId);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toPayment);
}
