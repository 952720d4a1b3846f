import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBalanced, postingsFor } from '../src/domain/ledger.ts';
import type { PaymentBalance, PaymentStatus } from '../src/domain/payment.ts';
import { PAYMENT_STATUSES } from '../src/domain/payment.ts';
import {
  ALLOWED_MOVES,
  capturePayment,
  type PaymentMove,
  PaymentMoveRefused,
  refundPayment,
  voidPayment,
} from '../src/domain/payment-moves.ts';

const ID = '00000000-0000-4000-8000-000000000001';

/** A payment of 100.00 EUR in each status, with amounts that fit it. */
function paymentIn(status: PaymentStatus): PaymentBalance {
  const captured = ['captured', 'partially_refunded', 'refunded'].includes(status) ? 8_000 : 0;
  const refunded = status === 'partially_refunded' ? 3_000 : status === 'refunded' ? 8_000 : 0;
  return {
    id: ID,
    status,
    currency: 'EUR',
    amountMinor: 10_000,
    capturedMinor: captured,
    refundedMinor: refunded,
  };
}

const MOVES: Record<PaymentMove, (payment: PaymentBalance) => { payment: PaymentBalance }> = {
  capture: (payment) => capturePayment(payment),
  void: (payment) => voidPayment(payment),
  refund: (payment) => refundPayment(payment),
};

const EXPECTED_AFTER: Partial<Record<`${PaymentStatus} ${PaymentMove}`, PaymentStatus>> = {
  'authorized capture': 'captured',
  'authorized void': 'voided',
  'captured refund': 'refunded',
  'partially_refunded refund': 'refunded',
};

describe('the payment state machine', () => {
  for (const status of PAYMENT_STATUSES) {
    for (const move of ['capture', 'void', 'refund'] as const) {
      const expected = EXPECTED_AFTER[`${status} ${move}`];
      if (expected) {
        it(`allows ${move} from ${status}, ending ${expected}`, () => {
          assert.ok(ALLOWED_MOVES[status].includes(move));
          const before = paymentIn(status);
          const result = MOVES[move](before);
          assert.equal(result.payment.status, expected);
          assert.equal(before.status, status, 'the input is not changed');
        });
      } else {
        it(`refuses ${move} from ${status}, naming the status`, () => {
          assert.ok(!ALLOWED_MOVES[status].includes(move));
          const before = paymentIn(status);
          assert.throws(
            () => MOVES[move](before),
            (error: unknown) =>
              error instanceof PaymentMoveRefused &&
              error.reason === 'illegal_transition' &&
              error.status === status &&
              error.message.includes(status.replace('_', ' ')),
          );
          assert.deepEqual(before, paymentIn(status), 'nothing changed');
        });
      }
    }
  }

  it('captures all of the authorised amount by default, or part of it, releasing the rest', () => {
    const full = capturePayment(paymentIn('authorized'));
    assert.equal(full.payment.capturedMinor, 10_000);
    const part = capturePayment(paymentIn('authorized'), { amountMinor: 7_500, currency: 'EUR' });
    assert.equal(part.payment.status, 'captured');
    assert.equal(part.payment.capturedMinor, 7_500);
    assert.deepEqual(part.movement, {
      kind: 'capture',
      authorized: { amountMinor: 10_000, currency: 'EUR' },
      captured: { amountMinor: 7_500, currency: 'EUR' },
    });
  });

  it('refuses a capture above the authorised amount, in another currency, or of nothing', () => {
    const refused = (call: () => unknown, reason: string) =>
      assert.throws(call, (error: unknown) => error instanceof PaymentMoveRefused && error.reason === reason);
    refused(
      () => capturePayment(paymentIn('authorized'), { amountMinor: 10_001, currency: 'EUR' }),
      'exceeds_authorized',
    );
    refused(
      () => capturePayment(paymentIn('authorized'), { amountMinor: 100, currency: 'USD' }),
      'currency_mismatch',
    );
    refused(
      () => capturePayment(paymentIn('authorized'), { amountMinor: 0, currency: 'EUR' }),
      'amount_not_positive',
    );
    refused(
      () => capturePayment(paymentIn('authorized'), { amountMinor: 1.5, currency: 'EUR' }),
      'amount_not_positive',
    );
  });

  it('refunds in parts until all that was captured is refunded, and no further', () => {
    let payment = capturePayment(paymentIn('authorized'), { amountMinor: 6_000, currency: 'EUR' }).payment;
    payment = refundPayment(payment, { amountMinor: 1_000, currency: 'EUR' }).payment;
    assert.equal(payment.status, 'partially_refunded');
    payment = refundPayment(payment, { amountMinor: 2_000, currency: 'EUR' }).payment;
    assert.deepEqual([payment.status, payment.refundedMinor], ['partially_refunded', 3_000]);
    assert.throws(
      () => refundPayment(payment, { amountMinor: 3_001, currency: 'EUR' }),
      (error: unknown) =>
        error instanceof PaymentMoveRefused &&
        error.reason === 'exceeds_captured' &&
        /only 3000 of the 6000 captured/.test(error.message),
    );
    const rest = refundPayment(payment);
    assert.deepEqual(rest.movement.refunded, { amountMinor: 3_000, currency: 'EUR' });
    assert.deepEqual([rest.payment.status, rest.payment.refundedMinor], ['refunded', 6_000]);
    assert.throws(() => refundPayment(rest.payment), /refunded/);
  });

  it('refuses a refund in another currency before anything moves', () => {
    assert.throws(
      () => refundPayment(paymentIn('captured'), { amountMinor: 100, currency: 'GBP' }),
      (error: unknown) => error instanceof PaymentMoveRefused && error.reason === 'currency_mismatch',
    );
  });

  it('gives every move a balanced ledger transaction', () => {
    const authorized = paymentIn('authorized');
    const movements = [
      { kind: 'authorization' as const, amount: { amountMinor: 10_000, currency: 'EUR' } },
      capturePayment(authorized, { amountMinor: 4_000, currency: 'EUR' }).movement,
      voidPayment(authorized).movement,
      refundPayment(paymentIn('captured'), { amountMinor: 500, currency: 'EUR' }).movement,
    ];
    for (const movement of movements) assert.ok(isBalanced(postingsFor(movement)), movement.kind);
  });

  it('calls unbalanced, one-sided or single postings unbalanced', () => {
    const posting = { account: 'merchant_revenue' as const, currency: 'EUR' };
    assert.equal(isBalanced([{ ...posting, debitMinor: 5, creditMinor: 0 }]), false);
    assert.equal(
      isBalanced([
        { ...posting, debitMinor: 5, creditMinor: 0 },
        { ...posting, debitMinor: 0, creditMinor: 4 },
      ]),
      false,
    );
    assert.equal(
      isBalanced([
        { ...posting, debitMinor: 5, creditMinor: 5 },
        { ...posting, debitMinor: 0, creditMinor: 0 },
      ]),
      false,
    );
    assert.equal(
      isBalanced([
        { ...posting, debitMinor: 5, creditMinor: 0 },
        { ...posting, currency: 'USD', debitMinor: 0, creditMinor: 5 },
      ]),
      false,
      'balancing across currencies is not balancing',
    );
  });
});
