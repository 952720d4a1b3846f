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

export function isFinished(stage: ChoreographyStage): stage is 'completed' | 'cancelled' {
  return stage === 'completed' || stage === 'cancelled';
}
