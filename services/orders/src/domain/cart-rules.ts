/**
 * What a cart may hold. The limits are pricing's (a quote prices at most 100 lines of at
 * most 999 each), so any cart can be priced and checked out.
 */
export const MAX_CART_LINES = 100;
export const MAX_LINE_QUANTITY = 999;
/** SKUs as the catalog writes them: uppercase letters, digits and dashes, 3-40 long. */
export const SKU_PATTERN = '^[A-Z0-9][A-Z0-9-]{2,39}$';

export interface CartLine {
  sku: string;
  quantity: number;
}

export type CartChange = { ok: true; lines: CartLine[] } | { ok: false; problem: string };

/** Adds `quantity` of a SKU: a new line at the end, or more of an existing one. */
export function addToCart(lines: readonly CartLine[], sku: string, quantity: number): CartChange {
  const existing = lines.find((line) => line.sku === sku);
  if (!existing) {
    if (lines.length >= MAX_CART_LINES) {
      return { ok: false, problem: `a cart holds at most ${MAX_CART_LINES} different products` };
    }
    return { ok: true, lines: [...lines, { sku, quantity }] };
  }
  const total = existing.quantity + quantity;
  if (total > MAX_LINE_QUANTITY) {
    return {
      ok: false,
      problem: `${sku}: at most ${MAX_LINE_QUANTITY} per product; the cart has ${existing.quantity}`,
    };
  }
  return { ok: true, lines: lines.map((line) => (line.sku === sku ? { sku, quantity: total } : line)) };
}

/**
 * A guest's cart added to the one of the user who just logged in: quantities of a SKU in
 * both add up (capped at the per-line limit, since refusing a login-time merge helps nobody),
 * the guest's other lines follow the user's. Refused only when the lines would not fit.
 */
export function mergeCarts(into: readonly CartLine[], from: readonly CartLine[]): CartChange {
  const merged = into.map((line) => ({ ...line }));
  for (const line of from) {
    const existing = merged.find((candidate) => candidate.sku === line.sku);
    if (existing) existing.quantity = Math.min(MAX_LINE_QUANTITY, existing.quantity + line.quantity);
    else merged.push({ ...line });
  }
  if (merged.length > MAX_CART_LINES) {
    return {
      ok: false,
      problem: `together the carts hold ${merged.length} different products; at most ${MAX_CART_LINES} fit`,
    };
  }
  return { ok: true, lines: merged };
}
