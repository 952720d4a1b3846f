import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { waitFor } from '@emporium/platform/testing';
import { sql } from 'kysely';
import { authorizeRequest, Code, codeOf, tokenise, uniqueCardNumber } from './fixtures/cards.ts';
import { type PaymentsUnderTest, startPayments } from './fixtures/start-payments.ts';

describe('an Authorize whose caller gives up', () => {
  let payments: PaymentsUnderTest;
  before(async () => {
    payments = await startPayments({ NETWORK_LATENCY_MS: '700-800' });
  });
  after(() => payments?.close());

  it('records nothing, keeps the token, and lets the same key try again', async () => {
    const card = await tokenise(payments.api, uniqueCardNumber());
    const request = authorizeRequest(card.token);
    const abandoned = await codeOf(payments.payments.authorize(request, { timeoutMs: 200 }));
    assert.equal(abandoned.code, Code.DeadlineExceeded);

    const db = payments.service.database.db;
    // The server notices the deadline too, stops waiting for the network and rolls back.
    await waitFor('the abandoned call to roll back', async () => {
      const { rows } = await sql<{ busy: number }>`
        select count(*)::int as busy from pg_stat_activity
        where datname = current_database() and state = 'idle in transaction'`.execute(db);
      return rows[0]?.busy === 0;
    });
    const { rows } = await sql<{ payments: number; keys: number; used: number }>`
      select (select count(*)::int from payments where order_id = ${request.orderId}) as payments,
             (select count(*)::int from idempotency_keys where key = ${request.idempotencyKey}) as keys,
             (select count(*)::int from card_tokens where token = ${card.token} and used_at is not null) as used`.execute(
      db,
    );
    assert.deepEqual(rows[0], { payments: 0, keys: 0, used: 0 });

    const { payment } = await payments.payments.authorize(request, { timeoutMs: 5_000 });
    assert.equal(payment?.status, PaymentStatus.AUTHORIZED);
  });
});
