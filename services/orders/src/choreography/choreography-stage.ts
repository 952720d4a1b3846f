import type { Cancellation } from '../domain/cancellation-reason.ts';

/**
 * Where a choreographed checkout waits, in order. quoting: for inventory's reservation,
 * pricing's quote and shipping's rate (asked together, answered in any order); then for the
 * payment's authorisation, the parcel's booking, the coupon's redemption (orders with one),
 * and the capture. completed and cancelled are final.
 */
export const CHOREOGRAPHY_STAGES = [
  'quoting',
  'authorising',
  'shipping',
  'redeeming',
  'capturing',
  'completed',
  'cancelled',
] as const;
export type ChoreographyStage = (typeof CHOREOGRAPHY_STAGES)[number];

/** What a checkout in each unfinished stage waits for, for people (a timeout's reason, the ops view). */
export const AWAITED: Readonly<Record<Exclude<ChoreographyStage, 'completed' | 'cancelled'>, string>> = {
  quoting: "inventory's reservation, pricing's quote and shipping's rate",
  authorising: "payments' authorisation",
  shipping: "shipping's booking of the parcel",
  redeeming: "pricing's redemption of the coupon",
  capturing: "payments' capture",
};

/** The first three answers, in the order the orchestrated saga asks for them. */
export const QUOTING_STEPS = ['reserve', 'quote', 'rate'] as const;
export type QuotingStep = (typeof QUOTING_STEPS)[number];

/** A participant's "no" to one of the first three requests, as the order's cancellation will say it. */
export interface QuotingRefusal {
  step: QuotingStep;
  cancellation: Cancellation;
}

/**
 * What the quoting stage decided: wait (an answer is missing), refuse (the refusal the
 * orchestrated saga would have met first), or go on to the payment.
 */
export function quotingOutcome(answers: {
  reserved: boolean;
  quoted: boolean;
  rated: boolean;
  refusals: readonly QuotingRefusal[];
}): { decided: false } | { decided: true; refusal: QuotingRefusal | undefined } {
  const refused = (step: QuotingStep) => answers.refusals.some((refusal) => refusal.step === step);
  const answered =
    (answers.reserved || refused('reserve')) &&
    (answers.quoted || refused('quote')) &&
    (answers.rated || refused('rate'));
  if (!answered) return { decided: false };
  const first = QUOTING_STEPS.map((step) => answers.refusals.find((refusal) => refusal.step === step)).find(
    (refusal) => refusal !== undefined,
  );
  return { decided: true, refusal: first };
}

export function isFinished(stage: ChoreographyStage): stage is 'completed' | 'cancelled' {
  return stage === 'completed' || stage === 'cancelled';
}
