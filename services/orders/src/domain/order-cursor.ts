/**
 * Keyset paging over an order listing, newest first: the cursor is the (placedAt, id) of the
 * last order of a page, as base64url JSON. It is not a secret: every listing is filtered by
 * who may see it, so an edited cursor can only move where a page starts.
 */
export interface OrderCursor {
  placedAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeOrderCursor(cursor: OrderCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.placedAt.toISOString(), i: cursor.id })).toString(
    'base64url',
  );
}

/** The cursor, or undefined when the text is not one this listing made. */
export function decodeOrderCursor(text: string): OrderCursor | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { t, i } = value as { t?: unknown; i?: unknown };
  if (typeof t !== 'string' || typeof i !== 'string' || !UUID.test(i)) return undefined;
  const placedAt = new Date(t);
  if (Number.isNaN(placedAt.getTime()) || placedAt.toISOString() !== t) return undefined;
  return { placedAt, id: i };
}
