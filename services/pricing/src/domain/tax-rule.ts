import { NoTaxRule } from '../errors.ts';
import { basisPointsOf, includedTaxOf } from './rounding.ts';

/** ISO 3166-1 alpha-2, upper case. */
export const COUNTRY_PATTERN = '^[A-Z]{2}$';
/** ISO 3166-2 subdivision without the country: "CA", "NY", "BY", "75". */
export const REGION_PATTERN = '^[A-Z0-9]{1,3}$';

/** Largest rate a rule may have: 100%. */
export const MAX_TAX_RATE_BPS = 10_000;

/**
 * A tax on sales to a country, or to one region of it. `taxIncluded` says how list prices
 * are read for that destination: as including the tax (EU and UK VAT: the tax is the part of
 * the price it makes up) or as before tax (US sales tax: the tax is added on top).
 */
export interface TaxRule {
  country: string;
  /** Null for the country-wide rule. */
  region: string | null;
  rateBps: number;
  /** Shown on every taxed line: "DE VAT", "California sales tax". */
  name: string;
  taxIncluded: boolean;
}

export interface Destination {
  country: string;
  region: string | null;
}

/**
 * The rule for a destination: its region's own rule when there is one, otherwise the
 * country-wide rule. A destination with neither is refused (NO_TAX_RULE) rather than quoted
 * tax-free: selling untaxed into a country we have no rule for is a decision for an admin
 * (who can add a 0% rule), not a default. A country taxed only per region (the US) needs
 * the region.
 */
export function taxRuleFor(rules: readonly TaxRule[], destination: Destination): TaxRule {
  const { country, region } = destination;
  const ofCountry = rules.filter((rule) => rule.country === country);
  const regional = region === null ? undefined : ofCountry.find((rule) => rule.region === region);
  const countryWide = ofCountry.find((rule) => rule.region === null);
  const rule = regional ?? countryWide;
  if (rule) return rule;
  if (ofCountry.length === 0) {
    throw NoTaxRule(`There is no tax rule for country ${country}, so pricing cannot quote deliveries there`, {
      country,
    });
  }
  const example = ofCountry[0]?.region ?? '';
  if (region === null) {
    throw NoTaxRule(`Tax in ${country} depends on the region: give shipTo.region (e.g. ${example})`, {
      country,
    });
  }
  throw NoTaxRule(`There is no tax rule for region ${region} of ${country}`, { country, region });
}

/**
 * The tax on one line's net amount, rounded half up per line: inside the amount for a
 * tax-included rule, on top of it otherwise.
 */
export function taxOnNet(rule: TaxRule, netMinor: number): number {
  return rule.taxIncluded ? includedTaxOf(netMinor, rule.rateBps) : basisPointsOf(netMinor, rule.rateBps);
}
