import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isCardExpired } from '../domain/card-expiry.ts';
import { type CardBrand, checkCardNumber, cvcLengthOf } from '../domain/card-number.ts';
import type { Clock } from '../domain/clock.ts';
import { CardBrandNotAccepted, CardExpired, CardNumberInvalid, CvcInvalid } from '../errors.ts';
import { insertCardToken } from '../store/card-tokens-store.ts';
import type { PaymentsDatabase } from '../store/database.ts';
import type { CardFingerprints } from './card-fingerprint.ts';

/** A card as typed into the checkout form. */
export interface CardDetails {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export interface IssuedCardToken {
  token: string;
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
  expiresAt: Date;
}

export interface TokeniseDeps {
  fingerprints: CardFingerprints;
  tokenTtlMs: number;
  clock: Clock;
}

/** `tok_` and 192 random bits: unguessable, and obviously a token wherever it turns up. */
function newToken(): string {
  return `tok_${randomBytes(24).toString('base64url')}`;
}

/**
 * Turns a card into a single-use token, so the number never travels further than this call:
 * the order, the saga and the logs only ever see the token, the brand and the last four
 * digits. What is kept is the token, brand, last four, expiry, the fingerprint and the user
 * who tokenised it (when signed in); never the number, never the security code.
 */
export async function tokeniseCard(
  deps: TokeniseDeps,
  db: Kysely<PaymentsDatabase>,
  card: CardDetails,
  userId: string | undefined,
): Promise<IssuedCardToken> {
  const checked = checkCardNumber(card.number);
  if (!checked.ok) {
    throw checked.problem === 'brand_not_accepted'
      ? CardBrandNotAccepted(checked.message)
      : CardNumberInvalid(checked.message);
  }
  const cvcLength = cvcLengthOf(checked.brand);
  if (card.cvc.length !== cvcLength) {
    throw CvcInvalid(`The security code of this card has ${cvcLength} digits`);
  }
  const now = deps.clock();
  const expiry = { month: card.expMonth, year: card.expYear };
  if (isCardExpired(expiry, now)) {
    throw CardExpired(
      `The card expired at the end of ${String(card.expMonth).padStart(2, '0')}/${card.expYear}: use another card`,
    );
  }
  const issued: IssuedCardToken = {
    token: newToken(),
    brand: checked.brand,
    last4: checked.last4,
    expMonth: card.expMonth,
    expYear: card.expYear,
    expiresAt: new Date(now.getTime() + deps.tokenTtlMs),
  };
  await insertCardToken(db, {
    token: issued.token,
    brand: issued.brand,
    last4: issued.last4,
    exp_month: issued.expMonth,
    exp_year: issued.expYear,
    fingerprint: deps.fingerprints.ofNumber(checked.digits),
    user_id: userId ?? null,
    created_at: now,
    expires_at: issued.expiresAt,
  });
  return issued;
}
