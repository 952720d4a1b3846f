/**
 * Rate tables are in euro cents. A quote in another currency is converted at a fixed demo
 * rate (a shop would load daily rates; fixed ones keep quotes reproducible), rounded half up to
 * the currency's minor unit. Currencies without a rate here are refused, never guessed.
 */

export const RATE_TABLE_CURRENCY = 'EUR';

interface CurrencyRate {
  /** Units of the currency per euro, in millionths: 1.08 USD per EUR is 1_080_000. */
  perEuroMicros: bigint;
  /** ISO 4217 minor-unit exponent: 2 for cents, 0 for yen. */
  exponent: number;
}

const RATES: Readonly<Record<string, CurrencyRate>> = {
  EUR: { perEuroMicros: 1_000_000n, exponent: 2 },
  USD: { perEuroMicros: 1_080_000n, exponent: 2 },
  GBP: { perEuroMicros: 850_000n, exponent: 2 },
  CHF: { perEuroMicros: 950_000n, exponent: 2 },
  SEK: { perEuroMicros: 11_500_000n, exponent: 2 },
  DKK: { perEuroMicros: 7_460_000n, exponent: 2 },
  NOK: { perEuroMicros: 11_600_000n, exponent: 2 },
  PLN: { perEuroMicros: 4_300_000n, exponent: 2 },
  CZK: { perEuroMicros: 25_000_000n, exponent: 2 },
  JPY: { perEuroMicros: 160_000_000n, exponent: 0 },
};

export const SUPPORTED_CURRENCIES: readonly string[] = Object.keys(RATES);

export function isSupportedCurrency(currency: string): boolean {
  return Object.hasOwn(RATES, currency);
}

/** Euro cents in `currency`'s minor units; throws for a currency without a rate (check first). */
export function convertEuroCents(euroCents: number, currency: string): number {
  const rate = RATES[currency];
  if (!rate || !Object.hasOwn(RATES, currency)) throw new RangeError(`no rate for currency ${currency}`);
  // amount = cents / 100 × rate / 10^6 × 10^exponent, in integers: numerator / denominator.
  const numerator = BigInt(euroCents) * rate.perEuroMicros * 10n ** BigInt(rate.exponent);
  const denominator = 100n * 1_000_000n;
  return Number((numerator + denominator / 2n) / denominator);
}
