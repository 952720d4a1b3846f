import type { CardBrand } from './card-number.ts';
import type { FraudAssessment } from './fraud-rules.ts';

/**
 * A card payment's life: authorised (a hold on the card), then captured (all or part of the
 * hold becomes money owed to the shop) and perhaps refunded in parts, or voided (the hold is
 * released). A payment the network or the fraud rules refused is failed from the start.
 */
export type PaymentStatus =
  | 'authorized'
  | 'captured'
  | 'partially_refunded'
  | 'refunded'
  | 'voided'
  | 'failed';

export const PAYMENT_STATUSES: readonly PaymentStatus[] = [
  'authorized',
  'captured',
  'partially_refunded',
  'refunded',
  'voided',
  'failed',
];

/** Why a payment failed: the network's answer, or the fraud rules'. */
export type FailureCode =
  | 'card_declined'
  | 'insufficient_funds'
  | 'expired_card'
  | 'fraudulent'
  | 'processing_error'
  | 'fraud_review_declined';

export interface Payment {
  id: string;
  orderId: string;
  userId: string;
  status: PaymentStatus;
  currency: string;
  /** The authorised amount. */
  amountMinor: number;
  capturedMinor: number;
  refundedMinor: number;
  failure: { code: FailureCode; message: string } | undefined;
  fraud: FraudAssessment;
  card: { brand: CardBrand; last4: string };
  billingCountry: string | undefined;
  shippingCountry: string | undefined;
  /** The network's authorisation code, for an authorised payment. */
  networkReference: string | undefined;
  createdAt: Date;
  updatedAt: Date;
}

/** What the state machine reads and changes. */
export type PaymentBalance = Pick<
  Payment,
  'id' | 'status' | 'currency' | 'amountMinor' | 'capturedMinor' | 'refundedMinor'
>;
