/**
 * Tracking numbers in the UPU S10 layout postal carriers print: a two-letter carrier prefix,
 * an eight-digit serial, a mod-11 check digit and the origin country, e.g. "PP473920158NL".
 * The check digit catches a mistyped digit before anything is looked up.
 */

export const TRACKING_NUMBER_PATTERN = '^[A-Z]{2}[0-9]{9}[A-Z]{2}$';
const TRACKING_NUMBER = new RegExp(TRACKING_NUMBER_PATTERN);

/** S10's weights for the eight serial digits. */
const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;
export const SERIAL_SPACE = 100_000_000;

// Serials come from a database sequence (1, 2, 3, ...). Multiplying by a number coprime with
// 10^8 permutes 0..10^8-1, so consecutive shipments get unrelated-looking numbers (a stranger
// cannot step through the public tracking page) while staying unique without retries.
const SCRAMBLE_FACTOR = 73_939_133n;
const SCRAMBLE_OFFSET = 20_161_207n;

export function checkDigit(serial: string): number {
  if (!/^[0-9]{8}$/.test(serial)) throw new RangeError(`serial must be 8 digits, got ${serial}`);
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(serial[index]), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 0;
  if (check === 11) return 5;
  return check;
}

/** The tracking number of the `sequence`-th shipment (1 ≤ sequence < 10^8); unique per sequence. */
export function trackingNumberFor(prefix: string, sequence: number, originCountry: string): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence >= SERIAL_SPACE) {
    throw new RangeError(`tracking sequence out of range: ${sequence}`);
  }
  const scrambled = (BigInt(sequence) * SCRAMBLE_FACTOR + SCRAMBLE_OFFSET) % BigInt(SERIAL_SPACE);
  const serial = scrambled.toString().padStart(8, '0');
  return `${prefix}${serial}${checkDigit(serial)}${originCountry}`;
}

export type TrackingNumberCheck = 'valid' | 'malformed' | 'check-digit-mismatch';

/** Whether `text` can be a tracking number: its shape, then its check digit. */
export function checkTrackingNumber(text: string): TrackingNumberCheck {
  if (!TRACKING_NUMBER.test(text)) return 'malformed';
  const serial = text.slice(2, 10);
  return Number(text[10]) === checkDigit(serial) ? 'valid' : 'check-digit-mismatch';
}
