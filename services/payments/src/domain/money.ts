/** An amount in integer minor units (cents) of an ISO 4217 currency. Never a float. */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** The largest amount taken in one payment: far above any shop's basket, far below 2^53. */
export const MAX_AMOUNT_MINOR = 100_000_000_000;

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
