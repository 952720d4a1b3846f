import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type Payment, PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { authorizeRequest, CARDS, Code, codeOf, eur, tokenise, uniqueCardNumber } from './fixtures/cards.ts';
import { type PaymentsUnderTest, startPayments } from './fixtures/start-payments.ts';

describe('Capture, Void and Refund over gRPC', () => {
  let payments: PaymentsUnderTest;
  before(async () => {
    payments = await startPayments();
  });
  after(() => payments?.close());

  const key = () => randomUUID();

  /** A fresh AUTHORIZED payment of `amountMinor` EUR cents. */
  async function authorized(amountMinor = 10_000): Promise<Payment> {
    const card = await tokenise(payments.api, uniqueCardNumber());
    const { payment } = await payments.payments.authorize(
      authorizeRequest(card.token, { amount: eur(amountMinor) }),
    );
    assert.equal(payment?.status, PaymentStatus.AUTHORIZED);
    return payment;
  }

  /** The payment as stored, and how many ledger transactions it has: what "untouched" compares. */
  async function stateOf(id: string) {
    const { payment } = await payments.payments.getPayment({ paymentId: id });
    const ledger = await payments.service.database.db
      .selectFrom('ledger_transactions')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('payment_id', '=', id)
      .executeTakeFirstOrThrow();
    return { payment, ledgerTransactions: Number(ledger.count) };
  }

  async function refusedUntouched(id: string, call: () => Promise<unknown>, code: Code, message: RegExp) {
    const before = await stateOf(id);
    const refused = await codeOf(call());
    assert.equal(refused.code, code, refused.message);
    assert.match(refused.message, message);
    assert.deepEqual(await stateOf(id), before, 'the payment and its ledger are as they were');
  }

  it('captures the whole authorised amount by default', async () => {
    const payment = await authorized();
    const { payment: captured } = await payments.payments.capture({
      idempotencyKey: key(),
      paymentId: payment.id,
    });
    assert.equal(captured?.status, PaymentStatus.CAPTURED);
    assert.equal(captured?.captured?.amountMinor, 10_000n);
    assert.ok(
      captured?.updateTime &&
        captured.createTime &&
        captured.updateTime.seconds >= captured.createTime.seconds,
    );
  });

  it('captures part, then refunds in parts down to fully refunded', async () => {
    const payment = await authorized();
    const paymentId = payment.id;
    const capture = await payments.payments.capture({ idempotencyKey: key(), paymentId, amount: eur(8_000) });
    assert.equal(capture.payment?.captured?.amountMinor, 8_000n);
    const first = await payments.payments.refund({
      idempotencyKey: key(),
      paymentId,
      amount: eur(3_000),
      reason: 'one item returned',
    });
    assert.equal(first.payment?.status, PaymentStatus.PARTIALLY_REFUNDED);
    assert.equal(first.payment?.refunded?.amountMinor, 3_000n);
    const rest = await payments.payments.refund({
      idempotencyKey: key(),
      paymentId,
      reason: 'order cancelled',
    });
    assert.equal(rest.payment?.status, PaymentStatus.REFUNDED);
    assert.equal(rest.payment?.refunded?.amountMinor, 8_000n);
  });

  it('voids an authorised payment', async () => {
    const payment = await authorized();
    const { payment: voided } = await payments.payments.void({
      idempotencyKey: key(),
      paymentId: payment.id,
    });
    assert.equal(voided?.status, PaymentStatus.VOIDED);
    assert.equal(voided?.captured?.amountMinor, 0n);
  });

  it('refuses capture after void, naming the state, and changes nothing', async () => {
    const payment = await authorized();
    await payments.payments.void({ idempotencyKey: key(), paymentId: payment.id });
    await refusedUntouched(
      payment.id,
      () => payments.payments.capture({ idempotencyKey: key(), paymentId: payment.id }),
      Code.FailedPrecondition,
      /is voided: only an authorized payment can be captured/,
    );
    await refusedUntouched(
      payment.id,
      () => payments.payments.void({ idempotencyKey: key(), paymentId: payment.id }),
      Code.FailedPrecondition,
      /is voided/,
    );
  });

  it('refuses a refund above what was captured, and one before any capture', async () => {
    const payment = await authorized();
    await refusedUntouched(
      payment.id,
      () => payments.payments.refund({ idempotencyKey: key(), paymentId: payment.id, reason: 'too early' }),
      Code.FailedPrecondition,
      /is authorized: only a captured or partially refunded payment can be refunded/,
    );
    await payments.payments.capture({ idempotencyKey: key(), paymentId: payment.id, amount: eur(5_000) });
    await refusedUntouched(
      payment.id,
      () => payments.payments.refund({ idempotencyKey: key(), paymentId: payment.id, amount: eur(5_001) }),
      Code.FailedPrecondition,
      /only 5000 of the 5000 captured remain/,
    );
    await refusedUntouched(
      payment.id,
      () => payments.payments.void({ idempotencyKey: key(), paymentId: payment.id }),
      Code.FailedPrecondition,
      /is captured/,
    );
  });

  it('refuses a capture above the authorised amount, and a second capture', async () => {
    const payment = await authorized(10_000);
    await refusedUntouched(
      payment.id,
      () => payments.payments.capture({ idempotencyKey: key(), paymentId: payment.id, amount: eur(10_001) }),
      Code.FailedPrecondition,
      /only 10000 were authorized/,
    );
    await payments.payments.capture({ idempotencyKey: key(), paymentId: payment.id, amount: eur(4_000) });
    await refusedUntouched(
      payment.id,
      () => payments.payments.capture({ idempotencyKey: key(), paymentId: payment.id, amount: eur(1_000) }),
      Code.FailedPrecondition,
      /is captured/,
    );
  });

  it("refuses amounts in another currency than the payment's with INVALID_ARGUMENT", async () => {
    const payment = await authorized();
    const usd = { amountMinor: 1_000n, currency: 'USD' };
    await refusedUntouched(
      payment.id,
      () => payments.payments.capture({ idempotencyKey: key(), paymentId: payment.id, amount: usd }),
      Code.InvalidArgument,
      /the payment is in EUR, not USD/,
    );
    await payments.payments.capture({ idempotencyKey: key(), paymentId: payment.id });
    await refusedUntouched(
      payment.id,
      () => payments.payments.refund({ idempotencyKey: key(), paymentId: payment.id, amount: usd }),
      Code.InvalidArgument,
      /the payment is in EUR, not USD/,
    );
  });

  it('refuses every move on a failed payment', async () => {
    const card = await tokenise(payments.api, CARDS.declined);
    const { payment } = await payments.payments.authorize(authorizeRequest(card.token));
    assert.ok(payment);
    for (const call of [
      () => payments.payments.capture({ idempotencyKey: key(), paymentId: payment.id }),
      () => payments.payments.void({ idempotencyKey: key(), paymentId: payment.id }),
      () => payments.payments.refund({ idempotencyKey: key(), paymentId: payment.id }),
    ]) {
      await refusedUntouched(payment.id, call, Code.FailedPrecondition, /is failed/);
    }
  });

  it('answers NOT_FOUND for a payment that does not exist', async () => {
    const missing = await codeOf(
      payments.payments.capture({ idempotencyKey: key(), paymentId: '00000000-0000-4000-8000-00000000abcd' }),
    );
    assert.equal(missing.code, Code.NotFound);
  });

  it('captures a payment once when captures with different keys race', async () => {
    const payment = await authorized();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        payments.payments.capture({ idempotencyKey: key(), paymentId: payment.id }),
      ),
    );
    assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
    const { ledgerTransactions } = await stateOf(payment.id);
    assert.equal(ledgerTransactions, 2, 'one authorization and one capture');
  });
});
