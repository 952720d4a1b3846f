import { createHmac } from 'node:crypto';

/**
 * Keyed hashes of card data, under the service's CARD_FINGERPRINT_SECRET. A plain hash of a
 * card number could be reversed by hashing every number of a BIN (there are few enough), so
 * everything derived from card data that is kept is an HMAC: without the secret it cannot be
 * turned back into the number.
 */
export interface CardFingerprints {
  /** The same card always gives the same fingerprint: the velocity rules count by it, the block list holds it. */
  ofNumber(digits: string): string;
  /** A request carrying card data (a tokenisation body), for telling an idempotent replay from a reuse. */
  ofRequest(request: Readonly<Record<string, unknown>>): string;
}

export function createCardFingerprints(secret: string): CardFingerprints {
  const hmac = (purpose: string, text: string) =>
    createHmac('sha256', secret).update(`${purpose}\u0000${text}`).digest('base64url');
  return {
    ofNumber: (digits) => hmac('card-number', digits),
    ofRequest: (request) => {
      const fields = Object.entries(request)
        .filter(([, value]) => value !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1));
      return hmac('request', JSON.stringify(fields));
    },
  };
}
