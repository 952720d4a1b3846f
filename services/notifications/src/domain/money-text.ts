/** Money as the contracts carry it: integer minor units and an ISO 4217 code. */
export interface Money {
  amountMinor: string | number | bigint;
  currency: string;
}

/**
 * Money for people, in the reader's locale ("€1,234.50", "1.234,50 €"), exactly: Intl formats
 * the whole units as a bigint, and the minor digits are put in its fraction part, so the
 * amount never passes through a float.
 */
export function moneyText(money: Money, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const minor = BigInt(money.amountMinor);
  const scale = 10n ** BigInt(digits);
  const absolute = minor < 0n ? -minor : minor;
  const whole = minor < 0n ? -(absolute / scale) : absolute / scale;
  const fraction = (absolute % scale).toString().padStart(digits, '0');
  const parts = format.formatToParts(minor < 0n && whole === 0n ? -0 : whole);
  return parts.map((part) => (part.type === 'fraction' ? fraction : part.value)).join('');
}

/** The short number shown to customers: the order id's first eight hex digits, upper-case. */
export function orderNumber(orderId: string): string {
  return orderId.replaceAll('-', '').slice(0, 8).toUpperCase();
}
