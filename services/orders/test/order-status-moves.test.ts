import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canMove,
  checkCancellable,
  IllegalOrderTransition,
  isFinal,
  isRefundable,
  moveOrder,
  ORDER_STATUSES,
  type OrderStatus,
} from '../src/domain/order-status.ts';

/** Every legal move, written out independently of the table in order-status.ts. */
const LEGAL = new Set([
  'pending->awaiting_payment',
  'pending->cancelled',
  'awaiting_payment->confirmed',
  'awaiting_payment->cancelled',
  'confirmed->shipped',
  'confirmed->cancelled',
  'shipped->delivered',
  'shipped->refunded',
  'delivered->refunded',
]);

describe('the order state machine', () => {
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const legal = LEGAL.has(`${from}->${to}`);
      it(`${legal ? 'allows' : 'refuses'} ${from} -> ${to}`, () => {
        assert.equal(canMove(from, to), legal);
        if (legal) assert.equal(moveOrder(from, to), to);
        else {
          assert.throws(
            () => moveOrder(from, to),
            (error: unknown) =>
              error instanceof IllegalOrderTransition && error.from === from && error.to === to,
          );
        }
      });
    }
  }

  it('ends in cancelled or refunded, and nowhere else', () => {
    assert.deepEqual(ORDER_STATUSES.filter(isFinal), ['cancelled', 'refunded']);
  });

  it('lets customers cancel only a confirmed order whose checkout has finished', () => {
    const verdicts = ORDER_STATUSES.map((status) => [status, checkCancellable(status, true).cancellable]);
    assert.deepEqual(
      verdicts.filter(([, cancellable]) => cancellable).map(([status]) => status),
      ['confirmed'],
    );
    const capturing = checkCancellable('confirmed', false);
    assert.equal(capturing.cancellable, false);
    assert.ok(!capturing.cancellable && /captured/.test(capturing.reason));
    const again = checkCancellable('cancelled', true);
    assert.ok(!again.cancellable && again.alreadyCancelled);
    for (const status of [
      'pending',
      'awaiting_payment',
      'shipped',
      'delivered',
      'refunded',
    ] as OrderStatus[]) {
      const verdict = checkCancellable(status, true);
      assert.ok(!verdict.cancellable && !verdict.alreadyCancelled && verdict.reason.length > 0, status);
    }
  });

  it('refunds only what has left the warehouse', () => {
    assert.deepEqual(ORDER_STATUSES.filter(isRefundable), ['shipped', 'delivered']);
  });
});
