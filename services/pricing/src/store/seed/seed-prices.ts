import type { SeedProduct } from '@emporium/demo-data';
import { basisPointsOf, divideRoundingHalfUp } from '../../domain/rounding.ts';

/**
 * Fixed demo exchange rates from EUR, in basis points (1 EUR = 1.08 USD = 0.86 GBP). They
 * only derive the demo price lists once, when pricing seeds an empty database; afterwards
 * each currency's prices are set on their own (PUT /admin/prices/:sku/:currency).
 */
export const DEMO_RATES_FROM_EUR_BPS = { USD: 10_800, GBP: 8_600 } as const;

export interface SeedPrice {
  sku: string;
  currency: string;
  amountMinor: number;
}

/**
 * A converted price the way shops print them: the nearest whole unit minus one minor unit
 * (x.99; a tie goes up), never below 0.99. 12.34 → 11.99, 12.50 → 12.99, 0.43 → 0.99.
 */
export function endingInNinetyNine(amountMinor: number): number {
  const units = Number(divideRoundingHalfUp(BigInt(amountMinor + 1), 100n));
  return Math.max(1, units) * 100 - 1;
}

/**
 * The demo price lists: EUR is each product's reference price as the catalogue gives it;
 * USD and GBP are converted at the demo rates (rounded half up) and then moved to x.99.
 */
export function seedPrices(products: readonly SeedProduct[]): SeedPrice[] {
  return products.flatMap((product) => [
    { sku: product.sku, currency: 'EUR', amountMinor: product.referencePriceMinor },
    ...Object.entries(DEMO_RATES_FROM_EUR_BPS).map(([currency, rateBps]) => ({
      sku: product.sku,
      currency,
      amountMinor: endingInNinetyNine(basisPointsOf(product.referencePriceMinor, rateBps)),
    })),
  ]);
}
