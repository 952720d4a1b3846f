import { isSku } from './identifiers.ts';

/**
 * Keyset paging over SKUs for the admin stock listing: a cursor names the last SKU of a page
 * and the filters it was made with, so it is refused with another filter rather than silently
 * skipping rows. Opaque to clients; not a secret (it only says where a listing starts).
 */
export interface StockCursor {
  afterSku: string;
  /** The listing's filters, as stockFilterKey() gives them. */
  filters: string;
}

export function stockFilterKey(filters: { lowOnly: boolean; skuPrefix: string | undefined }): string {
  return `${filters.lowOnly ? 'low' : 'all'}:${filters.skuPrefix ?? ''}`;
}

export function encodeStockCursor(cursor: StockCursor): string {
  return Buffer.from(JSON.stringify([cursor.afterSku, cursor.filters])).toString('base64url');
}

/** The cursor, or undefined when `text` is not one this service made. */
export function decodeStockCursor(text: string): StockCursor | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) return undefined;
  const [afterSku, filters] = decoded;
  if (typeof afterSku !== 'string' || !isSku(afterSku) || typeof filters !== 'string') return undefined;
  return { afterSku, filters };
}
