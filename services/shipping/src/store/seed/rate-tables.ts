import type { ServiceLevel } from '../../domain/rate-card.ts';
import type { Zone } from '../../domain/shipping-zones.ts';

/**
 * The demo carriers and their rate tables, as migration 0002 loads them. Prices are euro cents
 * per weight bracket ("up to N grams"), shaped like a postal operator (parcelpost), an express
 * integrator (swiftship) and a cheap regional carrier (ecofreight). A later change to a rate
 * is a new migration, never an edit here after release.
 */
export interface SeedLane {
  serviceLevel: ServiceLevel;
  zone: Zone;
  days: [min: number, max: number];
  /** [up to grams, price in euro cents], ascending. */
  rates: Array<[maxWeightGrams: number, priceEuroCents: number]>;
}

export interface SeedCarrier {
  code: string;
  name: string;
  trackingPrefix: string;
  hub: { city: string; country: string };
  lanes: SeedLane[];
  unservedCountries: string[];
}

const POSTAL_BRACKETS = [1_000, 2_000, 5_000, 10_000, 20_000, 30_000];
const EXPRESS_BRACKETS = [500, 1_000, 2_000, 5_000, 10_000, 20_000];
const REGIONAL_BRACKETS = [2_000, 5_000, 10_000, 30_000];

function lane(
  serviceLevel: ServiceLevel,
  zone: Zone,
  days: [number, number],
  brackets: number[],
  prices: number[],
): SeedLane {
  if (brackets.length !== prices.length)
    throw new Error(`seed lane ${serviceLevel}/${zone}: brackets ≠ prices`);
  return { serviceLevel, zone, days, rates: brackets.map((grams, index) => [grams, prices[index] ?? 0]) };
}

export const SEED_CARRIERS: readonly SeedCarrier[] = [
  {
    code: 'parcelpost',
    name: 'ParcelPost',
    trackingPrefix: 'PP',
    hub: { city: 'Utrecht', country: 'NL' },
    lanes: [
      lane('standard', 'domestic', [1, 2], POSTAL_BRACKETS, [495, 595, 695, 995, 1495, 1995]),
      lane('standard', 'eu', [2, 5], POSTAL_BRACKETS, [895, 1095, 1495, 2195, 3295, 4495]),
      lane('standard', 'europe', [3, 7], POSTAL_BRACKETS, [1495, 1795, 2395, 3495, 4995, 6495]),
      lane('standard', 'world', [5, 12], POSTAL_BRACKETS, [2495, 3295, 4995, 7995, 12995, 17995]),
      lane('express', 'domestic', [1, 1], POSTAL_BRACKETS, [995, 1195, 1395, 1795, 2495, 3295]),
      lane('express', 'eu', [1, 3], POSTAL_BRACKETS, [1895, 2195, 2795, 3795, 5495, 7495]),
      lane('express', 'europe', [2, 4], POSTAL_BRACKETS, [2795, 3295, 4295, 5995, 8495, 10995]),
      lane('express', 'world', [3, 6], POSTAL_BRACKETS, [4495, 5995, 8995, 13995, 21995, 29995]),
    ],
    unservedCountries: ['AQ', 'BV', 'HM', 'KP'],
  },
  {
    code: 'swiftship',
    name: 'SwiftShip',
    trackingPrefix: 'SW',
    hub: { city: 'Amsterdam', country: 'NL' },
    lanes: [
      lane('express', 'domestic', [1, 1], EXPRESS_BRACKETS, [895, 1095, 1295, 1695, 2295, 2995]),
      lane('express', 'eu', [1, 2], EXPRESS_BRACKETS, [1695, 1995, 2495, 3495, 4995, 6995]),
      lane('express', 'europe', [1, 3], EXPRESS_BRACKETS, [2495, 2995, 3995, 5495, 7995, 9995]),
      lane('express', 'world', [2, 4], EXPRESS_BRACKETS, [3995, 5495, 7995, 12995, 19995, 27995]),
    ],
    // An express network reaches fewer remote places than the post does.
    unservedCountries: ['AQ', 'BV', 'FK', 'GS', 'HM', 'IO', 'KP', 'NF', 'PN', 'SH', 'TF', 'TK', 'UM'],
  },
  {
    code: 'ecofreight',
    name: 'EcoFreight',
    trackingPrefix: 'EF',
    hub: { city: 'Eindhoven', country: 'NL' },
    // Road freight only: the Netherlands and the EU it can drive to (not Cyprus or Malta).
    lanes: [
      lane('standard', 'domestic', [2, 3], REGIONAL_BRACKETS, [395, 545, 795, 1295]),
      lane('standard', 'eu', [3, 6], REGIONAL_BRACKETS, [695, 995, 1495, 2495]),
    ],
    unservedCountries: ['CY', 'MT'],
  },
];
