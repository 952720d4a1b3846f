import type { Money } from './money.ts';
import type { PaymentBalance, PaymentStatus } from './payment.ts';

/**
 * The payment state machine. The table below is the whole of it: a move from a status not
 * listed is refused and changes nothing.
 *
 *   authorized ──capture──▶ captured ──refund──▶ partially_refunded ──refund──▶ refunded
 *        │                      └──────────────refund (all)──────────────────▶ refunded
 *        └──void──▶ voided                                  failed: terminal
 *
 * One capture per payment, of all or part of the authorised amount; what is not captured is
 * released with it. Refunds may come in parts until all that was captured is refunded.
 */
export type PaymentMove = 'capture' | 'void' | 'refund';

export const ALLOWED_MOVES: Readonly<Record<PaymentStatus, readonly PaymentMove[]>> = {
  authorized: ['capture', 'void'],
  captured: ['refund'],
  partially_refunded: ['refund'],
  refunded: [],
  voided: [],
  failed: [],
};

export type RefusalReason =
  | 'illegal_transition'
  | 'currency_mismatch'
  | 'amount_not_positive'
  | 'exceeds_authorized'
  | 'exceeds_captured';

/** A move the state machine refuses; the payment is as it was. */
export class PaymentMoveRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly move: PaymentMove,
    readonly status: PaymentStatus,
    message: string,
  ) {
    super(message);
    this.name = 'PaymentMoveRefused';
  }
}

/** What a move did to the money, for the ledger and the events. */
export type Movement =
  | { kind: 'authorization'; amount: Money }
  | { kind: 'capture'; authorized: Money; captured: Money }
  | { kind: 'void'; released: Money }
  | { kind: 'refund'; refunded: Money };

export interface MoveResult<M extends Movement> {
  payment: PaymentBalance;
  movement: M;
}

const WHO_CAN: Readonly<Record<PaymentMove, string>> = {
  capture: 'only an authorized payment can be captured',
  void: 'only an authorized payment can be voided',
  refund: 'only a captured or partially refunded payment can be refunded',
};

function requireAllowed(payment: PaymentBalance, move: PaymentMove): void {
  if (!ALLOWED_MOVES[payment.status].includes(move)) {
    throw new PaymentMoveRefused(
      'illegal_transition',
      move,
      payment.status,
      `payment ${payment.id} is ${payment.status.replace('_', ' ')}: ${WHO_CAN[move]}`,
    );
  }
}

/** The asked amount in the payment's currency, or all of `available` when none is asked. */
function amountFor(payment: PaymentBalance, move: PaymentMove, asked: Money | undefined, available: number) {
  if (asked === undefined) return available;
  if (asked.currency !== payment.currency) {
    throw new PaymentMoveRefused(
      'currency_mismatch',
      move,
      payment.status,
      `amount.currency: the payment is in ${payment.currency}, not ${asked.currency}`,
    );
  }
  if (!Number.isSafeInteger(asked.amountMinor) || asked.amountMinor <= 0) {
    throw new PaymentMoveRefused(
      'amount_not_positive',
      move,
      payment.status,
      'amount.amountMinor: must be a positive whole number of minor units',
    );
  }
  return asked.amountMinor;
}

export function capturePayment(
  payment: PaymentBalance,
  asked?: Money,
): MoveResult<Movement & { kind: 'capture' }> {
  requireAllowed(payment, 'capture');
  const amount = amountFor(payment, 'capture', asked, payment.amountMinor);
  if (amount > payment.amountMinor) {
    throw new PaymentMoveRefused(
      'exceeds_authorized',
      'capture',
      payment.status,
      `cannot capture ${amount} ${payment.currency} minor units: only ${payment.amountMinor} were authorized`,
    );
  }
  const { currency } = payment;
  return {
    payment: { ...payment, status: 'captured', capturedMinor: amount },
    movement: {
      kind: 'capture',
      authorized: { amountMinor: payment.amountMinor, currency },
      captured: { amountMinor: amount, currency },
    },
  };
}

export function voidPayment(payment: PaymentBalance): MoveResult<Movement & { kind: 'void' }> {
  requireAllowed(payment, 'void');
  return {
    payment: { ...payment, status: 'voided' },
    movement: { kind: 'void', released: { amountMinor: payment.amountMinor, currency: payment.currency } },
  };
}

export function refundPayment(
  payment: PaymentBalance,
  asked?: Money,
): MoveResult<Movement & { kind: 'refund' }> {
  requireAllowed(payment, 'refund');
  const refundable = payment.capturedMinor - payment.refundedMinor;
  const amount = amountFor(payment, 'refund', asked, refundable);
  if (amount > refundable) {
    throw new PaymentMoveRefused(
      'exceeds_captured',
      'refund',
      payment.status,
      `cannot refund ${amount} ${payment.currency} minor units: only ${refundable} of the ${payment.capturedMinor} captured remain to refund`,
    );
  }
  const refundedMinor = payment.refundedMinor + amount;
  return {
    payment: {
      ...payment,
      status: refundedMinor === payment.capturedMinor ? 'refunded' : 'partially_refunded',
      refundedMinor,
    },
    movement: { kind: 'refund', refunded: { amountMinor: amount, currency: payment.currency } },
  };
}
