import { Type } from '@sinclair/typebox';
import { CURRENCY_PATTERN } from '../domain/currency.ts';
import { CATEGORY_SLUG_PATTERN, SKU_PATTERN } from '../domain/identifiers.ts';

/** Fields shared by pricing's schemas. */

const NO_CONTROL = '\\u0000-\\u001f\\u007f';
const TRIMMED_LINE = `^[^\\s${NO_CONTROL}](?:[^${NO_CONTROL}]*[^\\s${NO_CONTROL}])?$`;

/** A one-line value such as a name: no control characters, no surrounding whitespace. */
export function Line(maxLength: number, description: string) {
  return Type.String({ minLength: 1, maxLength, pattern: TRIMMED_LINE, description });
}

export const Sku = Type.String({
  pattern: SKU_PATTERN,
  description: 'Uppercase letters, digits and dashes, 3-40 long',
});
export const CategorySlug = Type.String({
  maxLength: 64,
  pattern: CATEGORY_SLUG_PATTERN,
  description: 'kebab-case',
});
export const Currency = Type.String({ pattern: CURRENCY_PATTERN, description: 'ISO 4217, upper case: EUR' });

/** Largest unit price: 1,000,000.00 in a two-decimal currency. */
export const MAX_PRICE_MINOR = 100_000_000;

export function AmountMinor(description: string, minimum = 0) {
  return Type.Integer({ minimum, maximum: MAX_PRICE_MINOR, description });
}

export const DateTime = (description: string) => Type.String({ format: 'date-time', description });

/** Any text in a path is looked up; text that cannot exist is simply not found. */
export const PathText = (maxLength: number, description: string) =>
  Type.String({ maxLength, pattern: `^[^${NO_CONTROL}]*$`, description });
