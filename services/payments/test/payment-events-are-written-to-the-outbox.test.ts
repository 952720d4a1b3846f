import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  PaymentAuthorized,
  PaymentCaptured,
  PaymentFailed,
  PaymentRefunded,
  PaymentVoided,
} from '@emporium/contracts';
import { authorizeRequest, CARDS, codeOf, eur, tokenise, uniqueCardNumber } from './fixtures/cards.ts';
import { dataOf, eventsAbout, outboxEvents } from './fixtures/outbox-events.ts';
import { type PaymentsUnderTest, startPayments } from './fixtures/start-payments.ts';

describe('payment events', () => {
  let payments: PaymentsUnderTest;
  before(async () => {
    payments = await startPayments();
  });
  after(() => payments?.close());

  const events = (paymentId: string) => eventsAbout(payments.service.database.db, paymentId);

  async function authorize(number: string, amountMinor = 10_000) {
    const card = await tokenise(payments.api, number);
    const request = authorizeRequest(card.token, { amount: eur(amountMinor) });
    const { payment } = await payments.payments.authorize(request);
    assert.ok(payment);
    return { payment, request };
  }

  it('publishes payment.authorized with the amount, the card brand and last four, never more', async () => {
    const { payment, request } = await authorize(CARDS.approves);
    const [event, ...others] = await events(payment.id);
    assert.deepEqual(others, []);
    const data = dataOf(PaymentAuthorized, event);
    assert.equal(event?.type, 'emporium.payments.payment.authorized.v1');
    assert.deepEqual(data, {
      paymentId: payment.id,
      orderId: request.orderId,
      userId: request.userId,
      amount: { amountMinor: 10_000, currency: 'EUR' },
      card: { brand: 'visa', last4: '4242' },
      fraudScore: 0,
      authorizedAt: data.authorizedAt,
    });
  });

  it('publishes payment.failed with the network or fraud reason', async () => {
    const declined = await authorize(CARDS.insufficientFunds);
    const failed = dataOf(PaymentFailed, (await events(declined.payment.id))[0]);
    assert.equal(failed.failureCode, 'insufficient_funds');
    const fraud = await authorize(CARDS.fraud);
    const blocked = dataOf(PaymentFailed, (await events(fraud.payment.id))[0]);
    assert.equal(blocked.failureCode, 'fraudulent');
    assert.deepEqual(blocked.fraudReasons, ['card.blocklisted']);
    assert.equal(blocked.fraudScore, 100);
  });

  it('publishes captured (with what was released), refunded for each refund, and voided', async () => {
    const { payment } = await authorize(uniqueCardNumber(), 10_000);
    const paymentId = payment.id;
    await payments.payments.capture({ idempotencyKey: randomUUID(), paymentId, amount: eur(7_000) });
    await payments.payments.refund({
      idempotencyKey: randomUUID(),
      paymentId,
      amount: eur(2_000),
      reason: 'late',
    });
    await payments.payments.refund({ idempotencyKey: randomUUID(), paymentId, reason: 'cancelled' });
    const [, captured, partial, full] = await events(paymentId);
    const capturedData = dataOf(PaymentCaptured, captured);
    assert.deepEqual(
      [capturedData.amount, capturedData.released],
      [
        { amountMinor: 7_000, currency: 'EUR' },
        { amountMinor: 3_000, currency: 'EUR' },
      ],
    );
    const partialData = dataOf(PaymentRefunded, partial);
    assert.deepEqual(
      [
        partialData.amount.amountMinor,
        partialData.refundedTotal.amountMinor,
        partialData.fullyRefunded,
        partialData.reason,
      ],
      [2_000, 2_000, false, 'late'],
    );
    const fullData = dataOf(PaymentRefunded, full);
    assert.deepEqual(
      [fullData.amount.amountMinor, fullData.refundedTotal.amountMinor, fullData.fullyRefunded],
      [5_000, 7_000, true],
    );

    const other = await authorize(uniqueCardNumber(), 4_200);
    await payments.payments.void({ idempotencyKey: randomUUID(), paymentId: other.payment.id });
    const voided = dataOf(PaymentVoided, (await events(other.payment.id))[1]);
    assert.deepEqual(voided.amount, { amountMinor: 4_200, currency: 'EUR' });
  });

  it('publishes nothing for a refused move or a replayed call', async () => {
    const { payment } = await authorize(uniqueCardNumber());
    const voidCall = { idempotencyKey: randomUUID(), paymentId: payment.id };
    await payments.payments.void(voidCall);
    const before = (await outboxEvents(payments.service.database.db)).length;
    await payments.payments.void(voidCall);
    await codeOf(payments.payments.capture({ idempotencyKey: randomUUID(), paymentId: payment.id }));
    await codeOf(payments.payments.refund({ idempotencyKey: randomUUID(), paymentId: payment.id }));
    assert.equal((await outboxEvents(payments.service.database.db)).length, before);
  });
});
