import type { TaxRule } from '../../domain/tax-rule.ts';

/** VAT: list prices include it. Standard rates, in basis points. */
const VAT: ReadonlyArray<[country: string, rateBps: number, name: string]> = [
  ['AT', 2000, 'AT VAT'],
  ['BE', 2100, 'BE VAT'],
  ['CH', 810, 'CH VAT'],
  ['CZ', 2100, 'CZ VAT'],
  ['DE', 1900, 'DE VAT'],
  ['DK', 2500, 'DK VAT'],
  ['ES', 2100, 'ES VAT'],
  ['FI', 2550, 'FI VAT'],
  ['FR', 2000, 'FR VAT'],
  ['GB', 2000, 'UK VAT'],
  ['IE', 2300, 'IE VAT'],
  ['IT', 2200, 'IT VAT'],
  ['LU', 1700, 'LU VAT'],
  ['NL', 2100, 'NL VAT'],
  ['NO', 2500, 'NO VAT'],
  ['PL', 2300, 'PL VAT'],
  ['PT', 2300, 'PT VAT'],
  ['SE', 2500, 'SE VAT'],
];

/**
 * US state sales tax, added on top of prices: the state-wide rate only (no county or city
 * rates), for states whose rate is a whole number of basis points. Other states have no
 * rule until an admin adds one, so a quote to them is refused rather than guessed.
 */
const US_SALES_TAX: ReadonlyArray<[state: string, rateBps: number, name: string]> = [
  ['AK', 0, 'Alaska'],
  ['AZ', 560, 'Arizona'],
  ['CA', 725, 'California'],
  ['CO', 290, 'Colorado'],
  ['DE', 0, 'Delaware'],
  ['FL', 600, 'Florida'],
  ['GA', 400, 'Georgia'],
  ['IL', 625, 'Illinois'],
  ['IN', 700, 'Indiana'],
  ['MA', 625, 'Massachusetts'],
  ['MI', 600, 'Michigan'],
  ['MT', 0, 'Montana'],
  ['NC', 475, 'North Carolina'],
  ['NH', 0, 'New Hampshire'],
  ['NV', 685, 'Nevada'],
  ['NY', 400, 'New York'],
  ['OH', 575, 'Ohio'],
  ['OR', 0, 'Oregon'],
  ['PA', 600, 'Pennsylvania'],
  ['TN', 700, 'Tennessee'],
  ['TX', 625, 'Texas'],
  ['VA', 530, 'Virginia'],
  ['WA', 650, 'Washington'],
];

/** The demo tax rules: European VAT per country (included), US sales tax per state (added). */
export function seedTaxRules(): TaxRule[] {
  return [
    ...VAT.map(([country, rateBps, name]) => ({ country, region: null, rateBps, name, taxIncluded: true })),
    ...US_SALES_TAX.map(([region, rateBps, state]) => ({
      country: 'US',
      region,
      rateBps,
      name: `${state} sales tax`,
      taxIncluded: false,
    })),
  ];
}
