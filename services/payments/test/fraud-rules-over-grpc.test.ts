import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { FraudDecision, PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { authorizeRequest, Code, codeOf, eur, tokenise, uniqueCardNumber } from './fixtures/cards.ts';
import { type PaymentsUnderTest, startPayments } from './fixtures/start-payments.ts';
import { createTestClock } from './fixtures/test-clock.ts';

describe('fraud rules, through Authorize', () => {
  const time = createTestClock();
  let payments: PaymentsUnderTest;
  before(async () => {
    payments = await startPayments(
      { FRAUD_VELOCITY_CARD_MAX: 3, FRAUD_VELOCITY_USER_MAX: 4, FRAUD_VELOCITY_WINDOW_SECONDS: 600 },
      { clock: time.clock },
    );
  });
  after(() => payments?.close());

  async function authorize(number: string, overrides: Record<string, unknown> = {}) {
    const card = await tokenise(payments.api, number);
    const { payment } = await payments.payments.authorize(authorizeRequest(card.token, overrides));
    assert.ok(payment);
    return payment;
  }

  it('reviews an amount above 5,000.00 EUR, failing it as fraud_review_declined, and declines one above 20,000.00', async () => {
    const review = await authorize(uniqueCardNumber(), { amount: eur(500_001) });
    assert.equal(review.status, PaymentStatus.FAILED);
    assert.equal(review.failureCode, 'fraud_review_declined');
    assert.equal(review.fraud?.decision, FraudDecision.REVIEW);
    assert.deepEqual(review.fraud?.reasons, ['amount.threshold']);

    const decline = await authorize(uniqueCardNumber(), { amount: eur(2_000_001) });
    assert.equal(decline.failureCode, 'fraudulent');
    assert.equal(decline.fraud?.decision, FraudDecision.DECLINE);

    const fine = await authorize(uniqueCardNumber(), { amount: eur(500_000) });
    assert.equal(fine.status, PaymentStatus.AUTHORIZED);
  });

  it('scores a billing and shipping country mismatch without refusing it alone', async () => {
    const payment = await authorize(uniqueCardNumber(), { billingCountry: 'DE', shippingCountry: 'NG' });
    assert.equal(payment.status, PaymentStatus.AUTHORIZED);
    assert.equal(payment.fraud?.score, 25);
    assert.deepEqual(payment.fraud?.reasons, ['country.mismatch']);
  });

  it('counts attempts per card within the window: velocity adds up with a mismatch to a review, and ages out', async () => {
    const number = uniqueCardNumber();
    for (let attempt = 0; attempt < 3; attempt++) {
      const payment = await authorize(number);
      assert.deepEqual(payment.fraud?.reasons, [], `attempt ${attempt + 1} is calm`);
    }
    const fourth = await authorize(number);
    assert.equal(fourth.status, PaymentStatus.AUTHORIZED);
    assert.deepEqual(fourth.fraud?.reasons, ['velocity.card']);
    const fifth = await authorize(number, { shippingCountry: 'US' });
    assert.equal(fifth.status, PaymentStatus.FAILED);
    assert.equal(fifth.failureCode, 'fraud_review_declined');
    assert.deepEqual(fifth.fraud?.reasons, ['velocity.card', 'country.mismatch']);

    time.advance(601_000);
    const later = await authorize(number);
    assert.deepEqual(later.fraud?.reasons, [], 'the earlier attempts left the window');
  });

  it('counts attempts per user, whatever card they use', async () => {
    const userId = randomUUID();
    for (let attempt = 0; attempt < 4; attempt++) await authorize(uniqueCardNumber(), { userId });
    const fifth = await authorize(uniqueCardNumber(), { userId });
    assert.deepEqual(fifth.fraud?.reasons, ['velocity.user']);
    assert.equal(fifth.fraud?.score, 30);
  });

  it('refuses a currency it has no limits for with INVALID_ARGUMENT, listing the accepted ones', async () => {
    const card = await tokenise(payments.api, uniqueCardNumber());
    const refused = await codeOf(
      payments.payments.authorize(
        authorizeRequest(card.token, { amount: { amountMinor: 1_000n, currency: 'SEK' } }),
      ),
    );
    assert.deepEqual(refused, {
      code: Code.InvalidArgument,
      message: 'amount.currency: SEK is not accepted; use one of EUR, USD',
    });
    const payment = await payments.payments.authorize(authorizeRequest(card.token));
    assert.equal(payment.payment?.status, PaymentStatus.AUTHORIZED, 'the refused call left the token usable');
  });
});
