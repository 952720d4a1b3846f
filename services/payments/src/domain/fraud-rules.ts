import type { Money } from './money.ts';

/**
 * The fraud rules run before the card network is asked: each rule that fires adds to a risk
 * score (0-100), and the score decides. A review is not held for a person to look at (the
 * shop has no review queue): the payment fails as `fraud_review_declined` and no hold is
 * placed on the card. Thresholds and limits come from configuration.
 */
export type FraudDecision = 'approve' | 'review' | 'decline';

export interface FraudAssessment {
  score: number;
  decision: FraudDecision;
  /** The rules that fired, in the order below. */
  reasons: string[];
}

/** Authorisations above these, in one currency's minor units, are reviewed or declined. */
export interface AmountLimits {
  reviewAboveMinor: number;
  declineAboveMinor: number;
}

export interface FraudRules {
  /** Authorisation attempts already made with one card within the velocity window before the rule fires. */
  maxAttemptsPerCard: number;
  maxAttemptsPerUser: number;
  /** Per accepted currency; a currency without limits is not accepted at all. */
  amountLimits: ReadonlyMap<string, AmountLimits>;
  /** A score at or above this is a review ... */
  reviewScore: number;
  /** ... and at or above this, a decline. */
  declineScore: number;
}

export interface FraudSignals {
  amount: Money;
  /** Attempts with this card (by fingerprint) within the velocity window, this one not counted. */
  recentAttemptsWithCard: number;
  recentAttemptsByUser: number;
  billingCountry: string | undefined;
  shippingCountry: string | undefined;
  /** The card is on the block list. */
  cardBlocked: boolean;
}

/** What each rule adds to the score. */
export const RULE_WEIGHTS = {
  'card.blocklisted': 100,
  'velocity.card': 40,
  'velocity.user': 30,
  'amount.threshold': 50,
  'amount.threshold.decline': 100,
  'country.mismatch': 25,
} as const;

export function assessFraud(signals: FraudSignals, rules: FraudRules): FraudAssessment {
  const limits = rules.amountLimits.get(signals.amount.currency);
  if (!limits)
    throw new Error(`no fraud amount limits for ${signals.amount.currency}: refuse the currency first`);
  const fired: Array<[string, number]> = [];
  if (signals.cardBlocked) fired.push(['card.blocklisted', RULE_WEIGHTS['card.blocklisted']]);
  if (signals.recentAttemptsWithCard >= rules.maxAttemptsPerCard) {
    fired.push(['velocity.card', RULE_WEIGHTS['velocity.card']]);
  }
  if (signals.recentAttemptsByUser >= rules.maxAttemptsPerUser) {
    fired.push(['velocity.user', RULE_WEIGHTS['velocity.user']]);
  }
  if (signals.amount.amountMinor > limits.declineAboveMinor) {
    fired.push(['amount.threshold', RULE_WEIGHTS['amount.threshold.decline']]);
  } else if (signals.amount.amountMinor > limits.reviewAboveMinor) {
    fired.push(['amount.threshold', RULE_WEIGHTS['amount.threshold']]);
  }
  const { billingCountry, shippingCountry } = signals;
  // Only when both are known: a digital order has no shipping country, a card form may not ask.
  if (billingCountry && shippingCountry && billingCountry !== shippingCountry) {
    fired.push(['country.mismatch', RULE_WEIGHTS['country.mismatch']]);
  }
  const score = Math.min(
    100,
    fired.reduce((sum, [, weight]) => sum + weight, 0),
  );
  const decision: FraudDecision =
    score >= rules.declineScore ? 'decline' : score >= rules.reviewScore ? 'review' : 'approve';
  return { score, decision, reasons: fired.map(([reason]) => reason) };
}
