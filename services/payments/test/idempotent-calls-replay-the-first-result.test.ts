import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { bodyOf, problemOf } from '@emporium/platform/testing';
import { sql } from 'kysely';
import {
  authorizeRequest,
  CARDS,
  type CardToken,
  Code,
  codeOf,
  eur,
  tokenise,
  uniqueCardNumber,
  VALID_EXPIRY,
} from './fixtures/cards.ts';
import { type PaymentsUnderTest, startPayments } from './fixtures/start-payments.ts';

describe('idempotency keys', () => {
  let payments: PaymentsUnderTest;
  before(async () => {
    payments = await startPayments();
  });
  after(() => payments?.close());

  /** Everything a repeated call could change: payments, ledger entries, the outbox, tokens used. */
  async function snapshot() {
    const { rows } = await sql<{ payments: string; entries: string; events: string; used: string }>`
      select (select count(*) from payments) as payments,
             (select count(*) from ledger_entries) as entries,
             (select count(*) from outbox) as events,
             (select count(*) from card_tokens where used_at is not null) as used`.execute(
      payments.service.database.db,
    );
    const statuses = await payments.service.database.db
      .selectFrom('payments')
      .select(['id', 'status', 'captured_minor', 'refunded_minor', 'updated_at'])
      .orderBy('id')
      .execute();
    return { counts: rows[0], statuses };
  }

  it('answers a repeated Authorize with the first payment, authorising once', async () => {
    const card = await tokenise(payments.api, uniqueCardNumber());
    const request = authorizeRequest(card.token);
    const first = await payments.payments.authorize(request);
    const before = await snapshot();
    const again = await payments.payments.authorize(request);
    assert.deepEqual(again, first, 'the same answer, field for field');
    assert.deepEqual(await snapshot(), before);
  });

  it('lets concurrent Authorize calls with one key authorise once, all answering the same payment', async () => {
    const card = await tokenise(payments.api, uniqueCardNumber());
    const request = authorizeRequest(card.token);
    const answers = await Promise.all(Array.from({ length: 4 }, () => payments.payments.authorize(request)));
    assert.equal(new Set(answers.map((answer) => answer.payment?.id)).size, 1);
    const count = await payments.service.database.db
      .selectFrom('payments')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('order_id', '=', request.orderId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.count), 1);
  });

  it('refuses a key reused for a different Authorize with ALREADY_EXISTS, changing nothing', async () => {
    const card = await tokenise(payments.api, uniqueCardNumber());
    const request = authorizeRequest(card.token);
    await payments.payments.authorize(request);
    const other = await tokenise(payments.api, uniqueCardNumber());
    const before = await snapshot();
    for (const changed of [
      { ...request, amount: eur(13_000) },
      { ...request, cardToken: other.token },
      { ...request, shippingCountry: 'FR' },
    ]) {
      const refused = await codeOf(payments.payments.authorize(changed));
      assert.equal(refused.code, Code.AlreadyExists);
      assert.match(refused.message, /already used for a different payments\.authorize request/);
    }
    assert.deepEqual(await snapshot(), before);
  });

  it('replays a FAILED processing error for its key, while a new key asks the network again', async () => {
    const card = await tokenise(payments.api, CARDS.processingError);
    const request = authorizeRequest(card.token);
    const first = await payments.payments.authorize(request);
    assert.equal(first.payment?.failureCode, 'processing_error');
    const replay = await payments.payments.authorize(request);
    assert.equal(replay.payment?.id, first.payment?.id);
    const retry = await payments.payments.authorize({ ...request, idempotencyKey: randomUUID() });
    assert.notEqual(retry.payment?.id, first.payment?.id);
  });

  it('replays Capture, Void and Refund for their keys and refuses a changed request', async () => {
    const authorize = async () => {
      const card = await tokenise(payments.api, uniqueCardNumber());
      const { payment } = await payments.payments.authorize(
        authorizeRequest(card.token, { amount: eur(9_000) }),
      );
      assert.ok(payment);
      return payment.id;
    };

    const captured = await authorize();
    const capture = { idempotencyKey: randomUUID(), paymentId: captured, amount: eur(6_000) };
    const first = await payments.payments.capture(capture);
    let before = await snapshot();
    assert.deepEqual(await payments.payments.capture(capture), first);
    const changedCapture = await codeOf(payments.payments.capture({ ...capture, amount: eur(5_000) }));
    assert.equal(changedCapture.code, Code.AlreadyExists);
    assert.deepEqual(await snapshot(), before);

    const refund = {
      idempotencyKey: randomUUID(),
      paymentId: captured,
      amount: eur(1_000),
      reason: 'scratched',
    };
    const refunded = await payments.payments.refund(refund);
    before = await snapshot();
    const again = await payments.payments.refund(refund);
    assert.deepEqual(again, refunded);
    assert.equal(again.payment?.refunded?.amountMinor, 1_000n, 'refunded once');
    assert.equal(
      (await codeOf(payments.payments.refund({ ...refund, reason: 'other' }))).code,
      Code.AlreadyExists,
    );
    assert.deepEqual(await snapshot(), before);

    const voided = await authorize();
    const voidCall = { idempotencyKey: randomUUID(), paymentId: voided };
    const firstVoid = await payments.payments.void(voidCall);
    assert.equal(firstVoid.payment?.status, PaymentStatus.VOIDED);
    assert.deepEqual(
      await payments.payments.void(voidCall),
      firstVoid,
      'a repeated void is not an illegal move',
    );
    const otherPayment = await codeOf(payments.payments.void({ ...voidCall, paymentId: captured }));
    assert.equal(otherPayment.code, Code.AlreadyExists);
  });

  it('keeps keys apart per call: one key may serve a capture and a refund', async () => {
    const card = await tokenise(payments.api, uniqueCardNumber());
    const { payment } = await payments.payments.authorize(authorizeRequest(card.token));
    assert.ok(payment);
    const shared = randomUUID();
    await payments.payments.capture({ idempotencyKey: shared, paymentId: payment.id });
    const { payment: refunded } = await payments.payments.refund({
      idempotencyKey: shared,
      paymentId: payment.id,
    });
    assert.equal(refunded?.status, PaymentStatus.REFUNDED);
  });

  it('replays a tokenisation with its Idempotency-Key, and refuses the key for another card with 422', async () => {
    const number = uniqueCardNumber();
    const key = randomUUID();
    const body = { number, cvc: '123', ...VALID_EXPIRY };
    const headers = { 'idempotency-key': key };
    const first = await payments.api('POST', '/payments/tokens', body, { headers });
    assert.equal(first.status, 201);
    const token = await bodyOf<CardToken>(first);
    const again = await payments.api('POST', '/payments/tokens', body, { headers });
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await bodyOf<CardToken>(again), token);
    const tokens = () =>
      payments.service.database.db
        .selectFrom('card_tokens')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow();
    const before = await tokens();
    const reused = await payments.api(
      'POST',
      '/payments/tokens',
      { ...body, number: uniqueCardNumber() },
      { headers },
    );
    assert.equal(reused.status, 422);
    assert.equal((await problemOf(reused)).code, 'IDEMPOTENCY_KEY_REUSED');
    assert.deepEqual(await tokens(), before);
  });
});
