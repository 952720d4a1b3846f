import { type Kysely, sql } from 'kysely';
import type { Payment } from '../domain/payment.ts';
import type { PaymentsDatabase } from './database.ts';
import { lockPayment } from './payments-store.ts';

/**
 * Serialises the checkout work on one order (a transaction-scoped advisory lock on its id), so
 * two deliveries about the same order, on two instances, cannot both authorise it.
 */
export async function lockOrderPayments(trx: Kysely<PaymentsDatabase>, orderId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`payments.order:${orderId}`}, 0))`.execute(trx);
}

/**
 * The card token whose SHA-256 (hex) is `digest`, if payments issued it and still keeps it
 * (expired tokens are pruned). Checkout by choreography names the token by its digest, so
 * the token never travels on the bus.
 */
export async function cardTokenOfDigest(
  trx: Kysely<PaymentsDatabase>,
  digest: string,
): Promise<string | undefined> {
  const { rows } = await sql<{ token: string }>`
    select token from card_tokens where encode(sha256(convert_to(token, 'UTF8')), 'hex') = ${digest}`.execute(
    trx,
  );
  return rows[0]?.token;
}

/** Every payment of an order, oldest first, each locked for the caller's transaction. */
export async function lockPaymentsOfOrder(
  trx: Kysely<PaymentsDatabase>,
  orderId: string,
): Promise<Payment[]> {
  const rows = await trx
    .selectFrom('payments')
    .select('id')
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const payments: Payment[] = [];
  for (const { id } of rows) {
    const payment = await lockPayment(trx, id);
    if (payment) payments.push(payment);
  }
  return payments;
}
