/**
 * A card's expiry date is a month: the card is good through the last moment of that month.
 * Compared in UTC, the network's time; a few hours of leniency either side do not matter
 * because the network checks again at authorisation.
 */

export interface CardExpiry {
  /** 1-12. */
  month: number;
  /** Four digits. */
  year: number;
}

/** The first moment the card is no longer valid: the start of the month after its expiry month. */
export function cardInvalidFrom(expiry: CardExpiry): Date {
  return new Date(Date.UTC(expiry.year, expiry.month, 1));
}

export function isCardExpired(expiry: CardExpiry, now: Date): boolean {
  return now.getTime() >= cardInvalidFrom(expiry).getTime();
}
