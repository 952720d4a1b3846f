/**
 * Card numbers (PANs) as the tokeniser checks them: the Luhn checksum, and the brand from
 * the issuer identification number (IIN, the leading digits). Pure: the number is only
 * looked at here and in the fingerprint, and never kept.
 */

export type CardBrand = 'visa' | 'mastercard' | 'amex';

export const CARD_BRANDS: readonly CardBrand[] = ['visa', 'mastercard', 'amex'];

export const CARD_BRAND_NAMES: Readonly<Record<CardBrand, string>> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
};

/** Lengths each brand issues, and the length of its security code. */
const BRAND_RULES: Readonly<Record<CardBrand, { lengths: readonly number[]; cvcLength: number }>> = {
  visa: { lengths: [13, 16, 19], cvcLength: 3 },
  mastercard: { lengths: [16], cvcLength: 3 },
  amex: { lengths: [15], cvcLength: 4 },
};

/** Digits as typed, with the spaces or dashes people group them with removed. */
export function cardDigits(number: string): string {
  return number.replace(/[\s-]/g, '');
}

/** ISO/IEC 7812 check digit: doubling every second digit from the right, the sum ends in 0. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The brand by IIN range: Amex 34/37, Visa 4, Mastercard 51-55 and 2221-2720; others are not accepted. */
export function brandOf(digits: string): CardBrand | undefined {
  if (/^3[47]/.test(digits)) return 'amex';
  if (digits.startsWith('4')) return 'visa';
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  return undefined;
}

export function cvcLengthOf(brand: CardBrand): number {
  return BRAND_RULES[brand].cvcLength;
}

export type CardNumberCheck =
  | { ok: true; digits: string; brand: CardBrand; last4: string }
  | { ok: false; problem: 'invalid' | 'brand_not_accepted'; message: string };

/**
 * Whether a typed card number is one the shop can take. Messages never repeat the number:
 * they reach logs and screens.
 */
export function checkCardNumber(number: string): CardNumberCheck {
  const digits = cardDigits(number);
  if (!/^\d{12,19}$/.test(digits)) {
    return { ok: false, problem: 'invalid', message: 'A card number has 12 to 19 digits' };
  }
  if (!passesLuhn(digits)) {
    return {
      ok: false,
      problem: 'invalid',
      message: 'The card number is not valid: check for a mistyped digit',
    };
  }
  const brand = brandOf(digits);
  if (brand === undefined) {
    return {
      ok: false,
      problem: 'brand_not_accepted',
      message: `Only ${CARD_BRANDS.map((accepted) => CARD_BRAND_NAMES[accepted]).join(', ')} cards are accepted`,
    };
  }
  if (!BRAND_RULES[brand].lengths.includes(digits.length)) {
    return {
      ok: false,
      problem: 'invalid',
      message: `A ${CARD_BRAND_NAMES[brand]} card number has ${BRAND_RULES[brand].lengths.join(' or ')} digits`,
    };
  }
  return { ok: true, digits, brand, last4: digits.slice(-4) };
}
