/**
 * The ISO 4217 currencies a price list may be kept in. A short list on purpose: a code
 * outside it is far likelier a typo ("EUD") than a currency someone sells in, and prices in
 * it could never be quoted by a shop that does not know its minor unit.
 */
export const ISO_4217_CURRENCIES = [
  'AUD',
  'BRL',
  'CAD',
  'CHF',
  'CNY',
  'CZK',
  'DKK',
  'EUR',
  'GBP',
  'HKD',
  'HUF',
  'INR',
  'JPY',
  'KRW',
  'MXN',
  'NOK',
  'NZD',
  'PLN',
  'RON',
  'SEK',
  'SGD',
  'TRY',
  'USD',
  'ZAR',
] as const;

/** Three uppercase letters; whether a price list exists in it is another matter. */
export const CURRENCY_PATTERN = '^[A-Z]{3}$';

const KNOWN: ReadonlySet<string> = new Set(ISO_4217_CURRENCIES);

export function isKnownCurrency(code: string): boolean {
  return KNOWN.has(code);
}

/** Minor units as a decimal string for messages: 1234 → "12.34 EUR" (two decimals; JPY has none). */
export function formatAmount(amountMinor: number, currency: string): string {
  if (currency === 'JPY' || currency === 'KRW') return `${amountMinor} ${currency}`;
  const sign = amountMinor < 0 ? '-' : '';
  const absolute = Math.abs(amountMinor);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')} ${currency}`;
}

/** Basis points as a percentage, without floats: 1000 → "10%", 725 → "7.25%", 1250 → "12.5%". */
export function formatRate(rateBps: number): string {
  const hundredths = String(rateBps % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${Math.floor(rateBps / 100)}${hundredths === '' ? '' : `.${hundredths}`}%`;
}
