import { HttpErrors } from '@emporium/platform/http';
import { CURRENCY_PATTERN } from './currency.ts';
import { SKU_PATTERN } from './identifiers.ts';
import { COUPON_CODE_INPUT_PATTERN, normaliseCouponCode } from './promotion.ts';
import { COUNTRY_PATTERN, type Destination, REGION_PATTERN } from './tax-rule.ts';

export const MAX_QUOTE_LINES = 100;
export const MAX_QUANTITY = 999;

/** A quote request as it arrives, over REST or gRPC (where an absent string is ""). */
export interface QuoteRequestInput {
  lines: ReadonlyArray<{ sku: string; quantity: number }>;
  currency: string;
  couponCode?: string | undefined;
  shipTo?: { country?: string | undefined; region?: string | undefined } | undefined;
}

/** A quote request once checked: each SKU once, the coupon code normalised. */
export interface QuoteRequest {
  lines: Array<{ sku: string; quantity: number }>;
  currency: string;
  couponCode: string | null;
  shipTo: Destination;
}

const SKU = new RegExp(SKU_PATTERN);
const CURRENCY = new RegExp(CURRENCY_PATTERN);
const COUPON = new RegExp(COUPON_CODE_INPUT_PATTERN);
const COUNTRY = new RegExp(COUNTRY_PATTERN);
const REGION = new RegExp(REGION_PATTERN);

/**
 * Checks a quote request, naming the first field that is wrong (VALIDATION_FAILED, which is
 * INVALID_ARGUMENT over gRPC): 1-100 lines, each a SKU once with a quantity of 1-999, a
 * currency code, an optional coupon code, and a destination country (tax depends on it).
 * The REST schema refuses most of this already; gRPC requests only meet this check.
 */
export function checkQuoteRequest(input: QuoteRequestInput): QuoteRequest {
  const { lines } = input;
  if (lines.length === 0 || lines.length > MAX_QUOTE_LINES) {
    throw invalid(`lines: give 1 to ${MAX_QUOTE_LINES} lines, not ${lines.length}`);
  }
  const seen = new Set<string>();
  lines.forEach(({ sku, quantity }, index) => {
    if (!SKU.test(sku)) {
      throw invalid(
        `lines[${index}].sku: ${quoted(sku)} is not a SKU (uppercase letters, digits and dashes, 3-40)`,
      );
    }
    if (seen.has(sku)) {
      throw invalid(`lines[${index}].sku: ${sku} appears twice; give each SKU once with its whole quantity`);
    }
    seen.add(sku);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      throw invalid(
        `lines[${index}].quantity: must be a whole number from 1 to ${MAX_QUANTITY}, not ${quantity}`,
      );
    }
  });
  if (!CURRENCY.test(input.currency)) {
    throw invalid(`currency: ${quoted(input.currency)} is not an ISO 4217 code (three uppercase letters)`);
  }
  const coupon = input.couponCode ?? '';
  if (coupon !== '' && !COUPON.test(coupon)) {
    throw invalid(`couponCode: ${quoted(coupon)} is not a coupon code (3-32 letters, digits, - or _)`);
  }
  const country = input.shipTo?.country ?? '';
  if (country === '') throw invalid('shipTo.country: required, since tax depends on the destination');
  if (!COUNTRY.test(country)) {
    throw invalid(`shipTo.country: ${quoted(country)} is not an ISO 3166-1 alpha-2 code (e.g. DE)`);
  }
  const region = input.shipTo?.region ?? '';
  if (region !== '' && !REGION.test(region)) {
    throw invalid(`shipTo.region: ${quoted(region)} is not an ISO 3166-2 subdivision code (e.g. CA)`);
  }
  return {
    lines: lines.map(({ sku, quantity }) => ({ sku, quantity })),
    currency: input.currency,
    couponCode: coupon === '' ? null : normaliseCouponCode(coupon),
    shipTo: { country, region: region === '' ? null : region },
  };
}

function invalid(detail: string) {
  return HttpErrors.ValidationFailed(detail, { errors: [detail] });
}

/** Enough of a bad value to recognise it, safely quoted. */
function quoted(value: string): string {
  return JSON.stringify(value.slice(0, 60));
}
