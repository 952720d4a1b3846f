import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import {
  FraudDecision,
  PaymentService,
  PaymentStatus,
} from '@emporium/contracts/proto/payments/v1/payment_service';
import { createCardFingerprints } from '../src/cards/card-fingerprint.ts';
import type { CardNetwork } from '../src/network/card-network.ts';
import { createSimulatedCardNetwork } from '../src/network/simulated-card-network.ts';
import { authorizeRequest, CARDS, Code, codeOf, tokenise, uniqueCardNumber } from './fixtures/cards.ts';
import { type PaymentsUnderTest, startPayments, TEST_CONFIG } from './fixtures/start-payments.ts';

describe('Authorize with the processors test cards, over gRPC', () => {
  let payments: PaymentsUnderTest;
  /** The last four digits of every card the network was asked about. */
  const asked: string[] = [];
  before(async () => {
    const simulated = createSimulatedCardNetwork({
      latency: { minMs: 40, maxMs: 60 },
      fingerprintOf: createCardFingerprints(TEST_CONFIG.CARD_FINGERPRINT_SECRET).ofNumber,
      clock: () => new Date(),
    });
    const network: CardNetwork = {
      authorize(request, signal) {
        asked.push(request.last4);
        return simulated.authorize(request, signal);
      },
    };
    payments = await startPayments({}, { network });
  });
  after(() => payments?.close());

  const authorize = async (number: string) => {
    const card = await tokenise(payments.api, number);
    const started = performance.now();
    const { payment } = await payments.payments.authorize(authorizeRequest(card.token));
    assert.ok(payment);
    return { payment, card, ms: performance.now() - started };
  };

  it('approves 4242 4242 4242 4242: AUTHORIZED for the amount, nothing captured, brand and last four only', async () => {
    const { payment } = await authorize(CARDS.approves);
    assert.equal(payment.status, PaymentStatus.AUTHORIZED);
    assert.equal(payment.amount?.amountMinor, 12_999n);
    assert.equal(payment.amount?.currency, 'EUR');
    assert.equal(payment.captured?.amountMinor, 0n);
    assert.equal(payment.refunded?.amountMinor, 0n);
    assert.equal(payment.cardBrand, 'visa');
    assert.equal(payment.cardLast4, '4242');
    assert.equal(payment.failureCode, '');
    assert.equal(payment.fraud?.decision, FraudDecision.APPROVE);
    assert.ok(payment.createTime && payment.createTime.seconds > 0n);
  });

  const declines: Array<[string, string, RegExp]> = [
    [CARDS.declined, 'card_declined', /declined/],
    [CARDS.insufficientFunds, 'insufficient_funds', /insufficient funds/],
    [CARDS.expiredAtTheNetwork, 'expired_card', /expired/],
    [CARDS.processingError, 'processing_error', /try again/],
  ];
  for (const [number, code, message] of declines) {
    it(`answers ${number} with a FAILED payment, failure_code ${code}, not an error`, async () => {
      const { payment } = await authorize(number);
      assert.equal(payment.status, PaymentStatus.FAILED);
      assert.equal(payment.failureCode, code);
      assert.match(payment.failureMessage, message);
      assert.equal(
        payment.fraud?.decision,
        FraudDecision.APPROVE,
        'the network declined, not the fraud rules',
      );
      assert.equal(payment.cardLast4, number.slice(-4));
    });
  }

  it('blocks 4100 0000 0000 0019 in the fraud rules: FAILED fraudulent, decision DECLINE, the block list named', async () => {
    const { payment } = await authorize(CARDS.fraud);
    assert.equal(payment.status, PaymentStatus.FAILED);
    assert.equal(payment.failureCode, 'fraudulent');
    assert.deepEqual(
      { score: payment.fraud?.score, decision: payment.fraud?.decision, reasons: payment.fraud?.reasons },
      { score: 100, decision: FraudDecision.DECLINE, reasons: ['card.blocklisted'] },
    );
    assert.ok(!asked.includes('0019'), 'the network was not asked');
    assert.ok(asked.includes('4242'), 'while it was for the cards the rules let through');
  });

  it('approves any other valid card after the network latency, Mastercard and Amex too', async () => {
    for (const [number, brand] of [
      [uniqueCardNumber('4'), 'visa'],
      [uniqueCardNumber('51'), 'mastercard'],
      [uniqueCardNumber('2221'), 'mastercard'],
      [uniqueCardNumber('37', 15), 'amex'],
    ] as const) {
      const card = await tokenise(payments.api, number, { cvc: brand === 'amex' ? '1234' : '123' });
      const started = performance.now();
      const { payment } = await payments.payments.authorize(authorizeRequest(card.token));
      const ms = performance.now() - started;
      assert.equal(payment?.status, PaymentStatus.AUTHORIZED, number);
      assert.equal(payment?.cardBrand, brand);
      assert.ok(ms >= 39, `the network took its time (${Math.round(ms)} ms)`);
    }
  });

  it('uses a token up with a decline, but not with a processing error, which a new key may retry', async () => {
    const declined = await tokenise(payments.api, CARDS.declined);
    await payments.payments.authorize(authorizeRequest(declined.token));
    const reuse = await codeOf(payments.payments.authorize(authorizeRequest(declined.token)));
    assert.equal(reuse.code, Code.FailedPrecondition);
    assert.match(reuse.message, /card_token: was already used/);

    const flaky = await tokenise(payments.api, CARDS.processingError);
    const request = authorizeRequest(flaky.token);
    const first = await payments.payments.authorize(request);
    const retried = await payments.payments.authorize({
      ...request,
      idempotencyKey: `${request.idempotencyKey}-retry`,
    });
    assert.equal(retried.payment?.failureCode, 'processing_error', 'the network was asked again');
    assert.notEqual(retried.payment?.id, first.payment?.id, 'a new attempt is a new payment');
  });

  it('answers GetPayment with the stored payment, over Connect JSON on the REST port too', async () => {
    const { payment } = await authorize(CARDS.approves);
    const connect = createClient(
      PaymentService,
      createConnectTransport({ baseUrl: payments.service.url, httpVersion: '1.1' }),
    );
    const read = await connect.getPayment({ paymentId: payment.id });
    assert.equal(read.payment?.id, payment.id);
    assert.equal(read.payment?.status, PaymentStatus.AUTHORIZED);
    assert.equal(read.payment?.orderId, payment.orderId);
    const missing = await codeOf(connect.getPayment({ paymentId: '00000000-0000-4000-8000-000000000000' }));
    assert.equal(missing.code, Code.NotFound);
  });
});
