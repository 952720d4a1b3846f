import { isSku, quoted } from './identifiers.ts';

/** One SKU and how many of it an order reserves. */
export interface ReservationLine {
  sku: string;
  quantity: number;
}

export const MAX_LINES = 100;
export const MAX_QUANTITY = 10_000;
/** Bounds of a reservation's time to live: long enough for a checkout, short enough not to hoard. */
export const TTL_SECONDS = { min: 10, max: 86_400 } as const;

export type LinesCheck = { valid: true; lines: ReservationLine[] } | { valid: false; problem: string };

/**
 * The lines of a Reserve request checked and put in SKU order, the form they are stored and
 * compared in, so a retry listing the same lines in another order is the same request. A SKU
 * given twice is refused rather than summed: the caller would not know which line won.
 * Each problem names the field, as `lines[2].quantity`.
 */
export function checkReservationLines(lines: readonly ReservationLine[]): LinesCheck {
  if (lines.length === 0) return { valid: false, problem: 'lines: give at least one line' };
  if (lines.length > MAX_LINES) {
    return { valid: false, problem: `lines: at most ${MAX_LINES} lines, got ${lines.length}` };
  }
  const firstIndexOf = new Map<string, number>();
  for (const [index, line] of lines.entries()) {
    if (!isSku(line.sku)) {
      return {
        valid: false,
        problem: `lines[${index}].sku: ${quoted(line.sku)} is not a SKU (uppercase letters, digits and dashes, 3-40 characters)`,
      };
    }
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      return {
        valid: false,
        problem: `lines[${index}].quantity: must be 1 to ${MAX_QUANTITY}, got ${line.quantity}`,
      };
    }
    const earlier = firstIndexOf.get(line.sku);
    if (earlier !== undefined) {
      return {
        valid: false,
        problem: `lines[${index}].sku: ${line.sku} is already in lines[${earlier}]; give each SKU once`,
      };
    }
    firstIndexOf.set(line.sku, index);
  }
  const sorted = lines
    .map((line) => ({ sku: line.sku, quantity: line.quantity }))
    .sort((a, b) => compareSkus(a.sku, b.sku));
  return { valid: true, lines: sorted };
}

/** Whether two checked (SKU-ordered) line lists ask for exactly the same. */
export function sameLines(a: readonly ReservationLine[], b: readonly ReservationLine[]): boolean {
  return (
    a.length === b.length &&
    a.every((line, index) => line.sku === b[index]?.sku && line.quantity === b[index]?.quantity)
  );
}

/**
 * Code-unit order, the order PostgreSQL's "C" collation and `ORDER BY sku COLLATE "C"` use:
 * the one order every lock on stock rows is taken in.
 */
export function compareSkus(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
