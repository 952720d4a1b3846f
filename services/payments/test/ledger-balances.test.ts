import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type Payment, PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { bodyOf, startTestTokenIssuer, type TestTokenIssuer } from '@emporium/platform/testing';
import { sql } from 'kysely';
import { authorizeRequest, CARDS, tokenise, uniqueCardNumber } from './fixtures/cards.ts';
import { type PaymentsUnderTest, startPayments } from './fixtures/start-payments.ts';

/** A small seeded generator, so a failing sequence can be run again. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Balance {
  account: string;
  currency: string;
  debitMinor: number;
  creditMinor: number;
  balanceMinor: number;
}

describe('the double-entry ledger', () => {
  const seed = Number(process.env.LEDGER_TEST_SEED ?? Date.now() % 100_000);
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => {
    const value = values[Math.floor(random() * values.length)];
    assert.ok(value !== undefined);
    return value;
  };
  let issuer: TestTokenIssuer;
  let payments: PaymentsUnderTest;
  before(async () => {
    issuer = await startTestTokenIssuer();
    payments = await startPayments({ IDENTITY_JWKS_URL: issuer.jwksUrl });
  });
  after(async () => {
    await payments?.close();
    await issuer?.close();
  });

  it(`balances every transaction and matches the payments after a random run of moves (seed ${seed})`, async () => {
    const client = payments.payments;
    const made: Payment[] = [];
    for (let index = 0; index < 16; index++) {
      const number = random() < 0.2 ? CARDS.insufficientFunds : uniqueCardNumber();
      const currency = random() < 0.7 ? 'EUR' : 'USD';
      const card = await tokenise(payments.api, number);
      const amount = { amountMinor: BigInt(100 + Math.floor(random() * 99_900)), currency };
      const { payment } = await client.authorize(authorizeRequest(card.token, { amount }));
      assert.ok(payment);
      made.push(payment);
    }
    let refused = 0;
    for (let step = 0; step < 60; step++) {
      const payment = pick(made);
      const paymentId = payment.id;
      const idempotencyKey = randomUUID();
      const currency = payment.amount?.currency ?? 'EUR';
      const part = (of: bigint) => ({
        amountMinor: 1n + BigInt(Math.floor(random() * Number(of))),
        currency,
      });
      const move = pick([
        'capture',
        'capture-part',
        'void',
        'refund',
        'refund-part',
        'refund-too-much',
      ] as const);
      try {
        if (move === 'capture') await client.capture({ idempotencyKey, paymentId });
        if (move === 'capture-part')
          await client.capture({
            idempotencyKey,
            paymentId,
            amount: part(payment.amount?.amountMinor ?? 1n),
          });
        if (move === 'void') await client.void({ idempotencyKey, paymentId });
        if (move === 'refund') await client.refund({ idempotencyKey, paymentId, reason: 'random' });
        if (move === 'refund-part')
          await client.refund({ idempotencyKey, paymentId, amount: part(payment.amount?.amountMinor ?? 1n) });
        if (move === 'refund-too-much') {
          await client.refund({
            idempotencyKey,
            paymentId,
            amount: { amountMinor: (payment.amount?.amountMinor ?? 0n) + 1n, currency },
          });
        }
      } catch {
        refused++;
      }
    }
    assert.ok(refused > 0 && refused < 60, `some moves were illegal and refused (${refused})`);

    const db = payments.service.database.db;
    const { rows: unbalanced } = await sql`
      select transaction_id, currency from ledger_entries group by transaction_id, currency
      having sum(debit_minor) <> sum(credit_minor)`.execute(db);
    assert.deepEqual(unbalanced, [], 'every transaction balances');

    const { rows: expected } = await sql<{
      currency: string;
      held: string;
      captured: string;
      refunded: string;
    }>`
      select currency,
        sum(case when status = 'authorized' then amount_minor else 0 end) as held,
        sum(captured_minor) as captured, sum(refunded_minor) as refunded
      from payments group by currency order by currency`.execute(db);
    const admin = await issuer.token({ roles: ['admin'] });
    const response = await payments.api('GET', '/admin/ledger/balances', undefined, { token: admin });
    assert.equal(response.status, 200);
    const { balances, unbalancedTransactions } = await bodyOf<{
      balances: Balance[];
      unbalancedTransactions: number;
    }>(response);
    assert.equal(unbalancedTransactions, 0);
    const balanceOf = (account: string, currency: string) =>
      balances.find((balance) => balance.account === account && balance.currency === currency)
        ?.balanceMinor ?? 0;
    for (const { currency, held, captured, refunded } of expected) {
      assert.equal(balanceOf('customer_card_holds', currency), Number(held), `${currency} holds`);
      assert.equal(
        balanceOf('holds_pending_capture', currency),
        0 - Number(held),
        `${currency} holds owed back`,
      );
      assert.equal(balanceOf('merchant_revenue', currency), 0 - Number(captured), `${currency} revenue`);
      assert.equal(balanceOf('customer_refunds', currency), Number(refunded), `${currency} refunds`);
      assert.equal(
        balanceOf('merchant_receivable', currency),
        Number(captured) - Number(refunded),
        `${currency} receivable`,
      );
    }
    const total = balances.reduce((sum, balance) => sum + balance.balanceMinor, 0);
    assert.equal(total, 0, 'the whole ledger balances');
  });

  it('lists a payment captured twice, which only a write behind the service could cause', async () => {
    const card = await tokenise(payments.api, uniqueCardNumber());
    const { payment } = await payments.payments.authorize(authorizeRequest(card.token));
    assert.ok(payment);
    await payments.payments.capture({
      idempotencyKey: randomUUID(),
      paymentId: payment.id,
      amount: { amountMinor: 5_000n, currency: 'EUR' },
    });
    const admin = await issuer.token({ roles: ['admin'] });
    const capturedTwice = async () =>
      (
        await bodyOf<{ capturedTwice: string[] }>(
          await payments.api('GET', '/admin/ledger/balances', undefined, { token: admin }),
        )
      ).capturedTwice;
    assert.deepEqual(await capturedTwice(), []);
    await sql`insert into ledger_transactions (id, payment_id, kind, created_at)
      values (${randomUUID()}, ${payment.id}, 'capture', now())`.execute(payments.service.database.db);
    // The forged row stays (the ledger refuses deletes); it has no entries, so balances are unchanged.
    assert.deepEqual(await capturedTwice(), [payment.id]);
  });

  it('shows an admin each payment with its ledger transactions', async () => {
    const card = await tokenise(payments.api, uniqueCardNumber());
    const { payment } = await payments.payments.authorize(authorizeRequest(card.token));
    assert.equal(payment?.status, PaymentStatus.AUTHORIZED);
    await payments.payments.capture({
      idempotencyKey: randomUUID(),
      paymentId: payment.id,
      amount: { amountMinor: 10_000n, currency: 'EUR' },
    });
    const admin = await issuer.token({ roles: ['admin'] });
    const detail = await bodyOf<{
      ledger: Array<{
        kind: string;
        entries: Array<{ account: string; debitMinor: number; creditMinor: number }>;
      }>;
    }>(await payments.api('GET', `/admin/payments/${payment.id}`, undefined, { token: admin }));
    assert.deepEqual(
      detail.ledger.map((transaction) => [
        transaction.kind,
        transaction.entries.map((entry) => `${entry.account} ${entry.debitMinor}/${entry.creditMinor}`),
      ]),
      [
        ['authorization', ['customer_card_holds 12999/0', 'holds_pending_capture 0/12999']],
        [
          'capture',
          [
            'holds_pending_capture 12999/0',
            'customer_card_holds 0/12999',
            'merchant_receivable 10000/0',
            'merchant_revenue 0/10000',
          ],
        ],
      ],
    );
  });

  it('refuses, in the database itself, a transaction that does not balance, and any edit of the ledger', async () => {
    const db = payments.service.database.db;
    const card = await tokenise(payments.api, uniqueCardNumber());
    const { payment } = await payments.payments.authorize(authorizeRequest(card.token));
    assert.ok(payment);
    const before = await sql<{ count: number }>`select count(*)::int as count from ledger_entries`.execute(
      db,
    );
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        const id = randomUUID();
        await sql`insert into ledger_transactions (id, payment_id, kind, created_at) values (${id}, ${payment.id}, 'capture', now())`.execute(
          trx,
        );
        await sql`insert into ledger_entries (transaction_id, account, currency, debit_minor, credit_minor)
          values (${id}, 'merchant_receivable', 'EUR', 500, 0), (${id}, 'merchant_revenue', 'EUR', 0, 400)`.execute(
          trx,
        );
      }),
      /does not balance in EUR: debits 500, credits 400/,
    );
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        const id = randomUUID();
        await sql`insert into ledger_transactions (id, payment_id, kind, created_at) values (${id}, ${payment.id}, 'capture', now())`.execute(
          trx,
        );
        await sql`insert into ledger_entries (transaction_id, account, currency, debit_minor, credit_minor)
          values (${id}, 'merchant_receivable', 'EUR', 500, 0), (${id}, 'merchant_revenue', 'USD', 0, 500)`.execute(
          trx,
        );
      }),
      /does not balance/,
      'debits in one currency do not balance credits in another',
    );
    await assert.rejects(
      sql`update ledger_entries set debit_minor = debit_minor + 1`.execute(db),
      /append-only/,
    );
    await assert.rejects(sql`delete from ledger_transactions`.execute(db), /append-only/);
    const afterwards = await sql<{
      count: number;
    }>`select count(*)::int as count from ledger_entries`.execute(db);
    assert.deepEqual(afterwards.rows, before.rows);
  });
});
