/**
 * Keyset paging over shipments, newest first: a cursor names the last shipment of a page by
 * (createdAt, id), so pages stay stable while shipments are created. Opaque to clients.
 */

export interface ShipmentCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeShipmentCursor(cursor: ShipmentCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** The cursor, or undefined when `text` is not one this service made. */
export function decodeShipmentCursor(text: string): ShipmentCursor | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) return undefined;
  const [createdAt, id] = decoded;
  if (typeof createdAt !== 'string' || typeof id !== 'string' || !UUID.test(id)) return undefined;
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== createdAt) return undefined;
  return { createdAt: date, id };
}
