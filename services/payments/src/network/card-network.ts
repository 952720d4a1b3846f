import type { CardExpiry } from '../domain/card-expiry.ts';
import type { CardBrand } from '../domain/card-number.ts';
import type { Money } from '../domain/money.ts';

/**
 * The card network (scheme and issuer) as payments sees it: one question, "may this card be
 * charged this much?". A real acquirer connection would implement this; here the simulated
 * network does (simulated-card-network.ts), the one fake in the service, since no card network
 * can be reached from a laptop. Captures, voids and refunds are settled with the network in
 * batches in real life, which this interface does not model.
 */
export interface CardNetwork {
  authorize(request: NetworkAuthorization, signal?: AbortSignal): Promise<NetworkAnswer>;
}

export interface NetworkAuthorization {
  /**
   * The card, as the network knows it: by its fingerprint (a keyed hash of the number), since
   * the service keeps no number to send. A real integration would send a vault reference.
   */
  fingerprint: string;
  brand: CardBrand;
  last4: string;
  expiry: CardExpiry;
  amount: Money;
  /** The shop's reference for the charge (the order id). */
  reference: string;
}

/** Decline codes as the major processors name them. */
export type NetworkDeclineCode = 'card_declined' | 'insufficient_funds' | 'expired_card' | 'processing_error';

export type NetworkAnswer =
  | { approved: true; authorizationCode: string }
  | {
      approved: false;
      code: NetworkDeclineCode;
      message: string;
      /** A processing error says nothing about the card: the same charge may succeed if tried again. */
      transient: boolean;
    };
