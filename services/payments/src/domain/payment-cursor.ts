/**
 * Keyset pagination over payments, newest first: a cursor names the last payment of a page by
 * (createdAt, id) and the order filter it was made for, so pages stay stable while payments
 * are made and a cursor cannot be moved to another listing. Opaque to clients.
 */
export interface PaymentCursor {
  createdAt: Date;
  id: string;
  /** The orderId filter of the listing, or null for all payments. */
  orderId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodePaymentCursor(cursor: PaymentCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id, cursor.orderId])).toString(
    'base64url',
  );
}

/** The cursor, or undefined when `text` is not one this service made. */
export function decodePaymentCursor(text: string): PaymentCursor | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) return undefined;
  const [createdAt, id, orderId] = decoded;
  if (typeof createdAt !== 'string' || typeof id !== 'string' || !UUID.test(id)) return undefined;
  if (orderId !== null && typeof orderId !== 'string') return undefined;
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== createdAt) return undefined;
  return { createdAt: date, id, orderId };
}
