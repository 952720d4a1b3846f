import { HttpErrors } from '@emporium/platform/http';
import type { Kysely } from 'kysely';
import { postingsFor } from '../domain/ledger.ts';
import type { Money } from '../domain/money.ts';
import type { Payment, PaymentBalance } from '../domain/payment.ts';
import {
  capturePayment as captureMove,
  type Movement,
  type MoveResult,
  PaymentMoveRefused,
  refundPayment as refundMove,
  voidPayment as voidMove,
} from '../domain/payment-moves.ts';
import {
  CaptureExceedsAuthorized,
  CurrencyMismatch,
  IllegalPaymentTransition,
  PaymentNotFound,
  RefundExceedsCaptured,
} from '../errors.ts';
import type { PaymentsDatabase } from '../store/database.ts';
import { recordLedgerTransaction } from '../store/ledger-store.ts';
import { lockPayment, updatePaymentBalance } from '../store/payments-store.ts';
import type { PaymentDeps } from './payment-deps.ts';

type MoveDeps = Pick<PaymentDeps, 'events' | 'clock'>;

/**
 * Captures all of the authorised amount, or `amount` of it; the rest of the hold is released.
 * Each move runs in the caller's transaction with the payment row locked, so two moves on one
 * payment happen one after the other and the second sees the first's result: a payment is
 * never captured twice, and refunds never add up to more than was captured.
 */
export async function capturePayment(
  deps: MoveDeps,
  trx: Kysely<PaymentsDatabase>,
  paymentId: string,
  amount: Money | undefined,
): Promise<Payment> {
  const { payment, movement } = await applyMove(trx, paymentId, (current) => captureMove(current, amount));
  const released = {
    amountMinor: movement.authorized.amountMinor - movement.captured.amountMinor,
    currency: movement.authorized.currency,
  };
  const saved = await saveMove(deps, trx, payment, movement, null);
  await deps.events.captured(trx, saved, movement.captured, released);
  return saved;
}

/** Releases the whole hold of an authorised, uncaptured payment. */
export async function voidPayment(
  deps: MoveDeps,
  trx: Kysely<PaymentsDatabase>,
  paymentId: string,
): Promise<Payment> {
  const { payment, movement } = await applyMove(trx, paymentId, voidMove);
  const saved = await saveMove(deps, trx, payment, movement, null);
  await deps.events.voided(trx, saved, movement.released);
  return saved;
}

/** Refunds all that is captured and not yet refunded, or `amount` of it. */
export async function refundPayment(
  deps: MoveDeps,
  trx: Kysely<PaymentsDatabase>,
  paymentId: string,
  amount: Money | undefined,
  reason: string,
): Promise<Payment> {
  const { payment, movement } = await applyMove(trx, paymentId, (current) => refundMove(current, amount));
  const saved = await saveMove(deps, trx, payment, movement, reason);
  await deps.events.refunded(trx, saved, movement.refunded, reason);
  return saved;
}

async function applyMove<M extends Movement>(
  trx: Kysely<PaymentsDatabase>,
  paymentId: string,
  move: (payment: PaymentBalance) => MoveResult<M>,
): Promise<MoveResult<M>> {
  const current = await lockPayment(trx, paymentId);
  if (!current) throw PaymentNotFound(`payment_id: no payment ${paymentId}`);
  try {
    return move(current);
  } catch (error) {
    if (error instanceof PaymentMoveRefused) throw refusalProblem(error);
    throw error;
  }
}

async function saveMove(
  deps: MoveDeps,
  trx: Kysely<PaymentsDatabase>,
  payment: PaymentBalance,
  movement: Movement & { kind: 'capture' | 'void' | 'refund' },
  reason: string | null,
): Promise<Payment> {
  const now = deps.clock();
  const saved = await updatePaymentBalance(trx, payment, now);
  await recordLedgerTransaction(trx, {
    paymentId: payment.id,
    kind: movement.kind,
    reason,
    createdAt: now,
    entries: postingsFor(movement),
  });
  return saved;
}

/** The state machine's refusal as the problem a caller sees (REST status, gRPC code). */
function refusalProblem(refused: PaymentMoveRefused) {
  const extensions = { paymentStatus: refused.status };
  switch (refused.reason) {
    case 'illegal_transition':
      return IllegalPaymentTransition(refused.message, extensions);
    case 'exceeds_authorized':
      return CaptureExceedsAuthorized(refused.message, extensions);
    case 'exceeds_captured':
      return RefundExceedsCaptured(refused.message, extensions);
    case 'currency_mismatch':
      return CurrencyMismatch(refused.message, extensions);
    case 'amount_not_positive':
      return HttpErrors.ValidationFailed(refused.message);
  }
}
