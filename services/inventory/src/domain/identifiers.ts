/**
 * The shapes of the names inventory is given by other contexts and by admins. SKUs are the
 * catalog's (the same pattern as catalog's product.ts: a service never imports another).
 */

/** Uppercase letters, digits and dashes, 3-40 characters, not starting with a dash: "ELEC-HEAD-0001". */
export const SKU_PATTERN = '^[A-Z0-9][A-Z0-9-]{2,39}$';

/** A warehouse code: lowercase letters, digits and dashes, 2-20 characters, e.g. "ams". */
export const WAREHOUSE_PATTERN = '^[a-z][a-z0-9-]{1,19}$';

/**
 * An order id as the orders service makes it (a UUID today), or any caller's scheme: 1 to 128
 * visible ASCII characters, so it fits a URL path segment once encoded and a log line as is.
 */
export const ORDER_ID_PATTERN = '^[\\x21-\\x7e]{1,128}$';

const SKU = new RegExp(SKU_PATTERN);
const ORDER_ID = new RegExp(ORDER_ID_PATTERN);

export function isSku(text: string): boolean {
  return SKU.test(text);
}

export function isOrderId(text: string): boolean {
  return ORDER_ID.test(text);
}

/** A value quoted for an error message, cut short so a hostile one cannot flood a log. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
