/**
 * What an address must look like to go on a label, shared by the REST schemas and the gRPC
 * validation so both refuse the same things. One-line text: no control characters, no
 * surrounding whitespace (a label printer would show neither sensibly).
 */
import { isCountryCode } from './shipping-zones.ts';

export const SHIP_TO_LIMITS = {
  recipient: 120,
  line: 200,
  lines: 4,
  city: 100,
  postalCode: 12,
} as const;

const NO_CONTROL = '\\u0000-\\u001f\\u007f-\\u009f';
export const ONE_LINE_PATTERN = `^[^\\s${NO_CONTROL}](?:[^${NO_CONTROL}]*[^\\s${NO_CONTROL}])?$`;
export const POSTAL_CODE_PATTERN = '^[A-Za-z0-9](?:[A-Za-z0-9 -]*[A-Za-z0-9])?$';
export const REGION_PATTERN = '^[A-Z0-9]{1,3}$';
export const COUNTRY_PATTERN = '^[A-Z]{2}$';

const ONE_LINE = new RegExp(ONE_LINE_PATTERN);
const POSTAL_CODE = new RegExp(POSTAL_CODE_PATTERN);
const REGION = new RegExp(REGION_PATTERN);
const COUNTRY = new RegExp(COUNTRY_PATTERN);

export interface ShipToInput {
  recipient: string;
  lines: readonly string[];
  city: string;
  postalCode: string;
  region: string;
  country: string;
}

/** The first problem with a full ship-to address, as "<field>: <what is wrong>", or undefined. */
export function shipToProblem(shipTo: ShipToInput, prefix: string): string | undefined {
  const field = (name: string) => `${prefix}.${name}`;
  const country = countryProblem(shipTo.country);
  if (country) return `${field('country')}: ${country}`;
  const text = (name: string, value: string, max: number) => {
    if (value.length === 0) return `${field(name)}: is required`;
    if (value.length > max) return `${field(name)}: at most ${max} characters`;
    if (!ONE_LINE.test(value)) return `${field(name)}: one line, no control characters or surrounding spaces`;
    return undefined;
  };
  const recipient = text('recipient', shipTo.recipient, SHIP_TO_LIMITS.recipient);
  if (recipient) return recipient;
  if (shipTo.lines.length === 0) return `${field('lines')}: give at least one address line`;
  if (shipTo.lines.length > SHIP_TO_LIMITS.lines)
    return `${field('lines')}: at most ${SHIP_TO_LIMITS.lines} lines`;
  for (const [index, line] of shipTo.lines.entries()) {
    const problem = text(`lines[${index}]`, line, SHIP_TO_LIMITS.line);
    if (problem) return problem;
  }
  const city = text('city', shipTo.city, SHIP_TO_LIMITS.city);
  if (city) return city;
  // Optional: Ireland's and Hong Kong's addresses, among others, have none.
  if (shipTo.postalCode !== '') {
    if (shipTo.postalCode.length > SHIP_TO_LIMITS.postalCode || !POSTAL_CODE.test(shipTo.postalCode)) {
      return `${field('postal_code')}: letters, digits, spaces and dashes, at most ${SHIP_TO_LIMITS.postalCode}`;
    }
  }
  if (shipTo.region !== '' && !REGION.test(shipTo.region)) {
    return `${field('region')}: an ISO 3166-2 subdivision code without the country, e.g. CA`;
  }
  return undefined;
}

/** What is wrong with a country code, or undefined for a known ISO 3166-1 alpha-2 code. */
export function countryProblem(country: string): string | undefined {
  if (country === '') return 'is required';
  if (!COUNTRY.test(country))
    return `${JSON.stringify(country.slice(0, 20))} is not two upper-case letters (ISO 3166-1 alpha-2, e.g. DE)`;
  if (!isCountryCode(country)) return `${country} is not an ISO 3166-1 country code`;
  return undefined;
}

/**
 * The carriers' address check at booking, as the fake carrier network runs it: rates are
 * quoted by zone, but a label needs an address the carrier can deliver to, and a postal code of
 * only zeros (`00000`) is one no carrier accepts. It is the test address for a carrier refusing
 * a booking after quoting it, as 4000 0000 0000 0002 is payments' declined card.
 */
export function carrierRejectsAddress(shipTo: { postalCode: string }): boolean {
  return /^0+$/.test(shipTo.postalCode.replaceAll(' ', ''));
}
