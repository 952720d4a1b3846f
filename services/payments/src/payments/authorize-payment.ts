import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { assessFraud, type FraudAssessment } from '../domain/fraud-rules.ts';
import { postingsFor } from '../domain/ledger.ts';
import type { Money } from '../domain/money.ts';
import type { FailureCode, Payment } from '../domain/payment.ts';
import {
  CardTokenExpired,
  CardTokenNotFound,
  CardTokenNotYours,
  CardTokenUsed,
  CurrencyNotAccepted,
} from '../errors.ts';
import type { NetworkAnswer } from '../network/card-network.ts';
import { type CardTokenRow, lockCardToken, markCardTokenUsed } from '../store/card-tokens-store.ts';
import type { PaymentsDatabase } from '../store/database.ts';
import { recordLedgerTransaction } from '../store/ledger-store.ts';
import { countRecentAttempts, insertPayment } from '../store/payments-store.ts';
import type { PaymentDeps } from './payment-deps.ts';

export interface AuthorizeCommand {
  orderId: string;
  userId: string;
  cardToken: string;
  amount: Money;
  billingCountry: string | undefined;
  shippingCountry: string | undefined;
}

type Outcome =
  | { status: 'authorized'; networkReference: string }
  | { status: 'failed'; failure: { code: FailureCode; message: string } };

/**
 * Asks for a hold of the amount on the tokenised card: the fraud rules first, then (unless
 * they decline or want a review) the card network. A refusal is not an error: the payment is
 * stored FAILED with the reason, and published. The token is used up, except by a processing
 * error, which says nothing about the card: the caller may try again with a new idempotency key.
 *
 * Runs in the caller's transaction (the idempotency key's), network call included, so the
 * payment, its ledger entries, its event and the key's record commit together or not at all.
 */
export async function authorizePayment(
  deps: PaymentDeps,
  trx: Kysely<PaymentsDatabase>,
  command: AuthorizeCommand,
  signal?: AbortSignal,
): Promise<Payment> {
  const { currency } = command.amount;
  if (!deps.fraudRules.amountLimits.has(currency)) {
    const accepted = [...deps.fraudRules.amountLimits.keys()].join(', ');
    throw CurrencyNotAccepted(`amount.currency: ${currency} is not accepted; use one of ${accepted}`);
  }
  const now = deps.clock();
  const card = await usableToken(trx, command, now);
  const attempts = await countRecentAttempts(trx, {
    fingerprint: card.fingerprint,
    userId: command.userId,
    since: new Date(now.getTime() - deps.velocityWindowMs),
  });
  const fraud = assessFraud(
    {
      amount: command.amount,
      recentAttemptsWithCard: attempts.withCard,
      recentAttemptsByUser: attempts.byUser,
      billingCountry: command.billingCountry,
      shippingCountry: command.shippingCountry,
      cardBlocked: deps.blockedCards.has(card.fingerprint),
    },
    deps.fraudRules,
  );
  const outcome = fraudOutcome(fraud) ?? networkOutcome(await askNetwork(deps, card, command, signal));
  const decidedAt = deps.clock();
  if (outcome.status === 'authorized' || outcome.failure.code !== 'processing_error') {
    await markCardTokenUsed(trx, card.token, decidedAt);
  }

  const payment = await insertPayment(trx, {
    id: randomUUID(),
    orderId: command.orderId,
    userId: command.userId,
    status: outcome.status,
    currency,
    amountMinor: command.amount.amountMinor,
    capturedMinor: 0,
    refundedMinor: 0,
    failure: outcome.status === 'failed' ? outcome.failure : undefined,
    fraud,
    card: { brand: card.brand, last4: card.last4 },
    billingCountry: command.billingCountry,
    shippingCountry: command.shippingCountry,
    networkReference: outcome.status === 'authorized' ? outcome.networkReference : undefined,
    createdAt: decidedAt,
    updatedAt: decidedAt,
    cardFingerprint: card.fingerprint,
    cardToken: card.token,
  });
  if (payment.status === 'authorized') {
    await recordLedgerTransaction(trx, {
      paymentId: payment.id,
      kind: 'authorization',
      reason: null,
      createdAt: decidedAt,
      entries: postingsFor({ kind: 'authorization', amount: command.amount }),
    });
    await deps.events.authorized(trx, payment);
  } else {
    await deps.events.failed(trx, payment);
  }
  return payment;
}

/** The token, if this user may use it now; refused otherwise, with nothing changed. */
async function usableToken(
  trx: Kysely<PaymentsDatabase>,
  command: AuthorizeCommand,
  now: Date,
): Promise<CardTokenRow> {
  const card = await lockCardToken(trx, command.cardToken);
  if (!card)
    throw CardTokenNotFound('card_token: no such token; tokenise the card with POST /payments/tokens');
  if (card.used_at !== null) throw CardTokenUsed('card_token: was already used; a token pays once');
  if (card.expires_at.getTime() <= now.getTime()) {
    throw CardTokenExpired('card_token: has expired; tokenise the card again');
  }
  if (card.user_id !== null && card.user_id !== command.userId) {
    throw CardTokenNotYours('card_token: was issued to another user');
  }
  return card;
}

/** The fraud rules' answer, when it is not "go ahead". */
function fraudOutcome(fraud: FraudAssessment): Outcome | undefined {
  if (fraud.decision === 'decline') {
    return {
      status: 'failed',
      failure: { code: 'fraudulent', message: 'The payment was declined by the fraud checks' },
    };
  }
  if (fraud.decision === 'review') {
    return {
      status: 'failed',
      failure: {
        code: 'fraud_review_declined',
        message: 'The payment would need a manual fraud review, which the shop does not hold: declined',
      },
    };
  }
  return undefined;
}

function askNetwork(
  deps: PaymentDeps,
  card: CardTokenRow,
  command: AuthorizeCommand,
  signal: AbortSignal | undefined,
): Promise<NetworkAnswer> {
  return deps.network.authorize(
    {
      fingerprint: card.fingerprint,
      brand: card.brand,
      last4: card.last4,
      expiry: { month: card.exp_month, year: card.exp_year },
      amount: command.amount,
      reference: command.orderId,
    },
    signal,
  );
}

function networkOutcome(answer: NetworkAnswer): Outcome {
  if (answer.approved) return { status: 'authorized', networkReference: answer.authorizationCode };
  return { status: 'failed', failure: { code: answer.code, message: answer.message } };
}
