/**
 * Carriers and what they charge: each carrier offers service levels on lanes (a zone), each
 * lane priced by weight bracket in euro cents. Pure rules over a rate card loaded from the
 * database (seeded in store/seed/rate-tables.ts).
 */
import { convertEuroCents } from './currency-conversion.ts';
import { type Zone, zoneOf } from './shipping-zones.ts';

export const SERVICE_LEVELS = ['standard', 'express'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

/** What any parcel may weigh, whatever the carrier: 1 g to 30 kg. */
export const MIN_WEIGHT_GRAMS = 1;
export const MAX_WEIGHT_GRAMS = 30_000;

export interface WeightBracket {
  /** The bracket covers parcels up to and including this weight. */
  maxWeightGrams: number;
  priceEuroCents: number;
}

export interface Lane {
  serviceLevel: ServiceLevel;
  zone: Zone;
  estimatedDaysMin: number;
  estimatedDaysMax: number;
  /** Ascending by maxWeightGrams; the last one is the heaviest parcel the lane takes. */
  brackets: readonly WeightBracket[];
}

export interface Carrier {
  code: string;
  name: string;
  /** The two letters its tracking numbers start with. */
  trackingPrefix: string;
  lanes: readonly Lane[];
  /** Destinations inside its zones that it does not deliver to (no partner there). */
  unservedCountries: ReadonlySet<string>;
}

export type RateCard = readonly Carrier[];

export interface Rate {
  carrier: string;
  carrierName: string;
  serviceLevel: ServiceLevel;
  zone: Zone;
  priceMinor: number;
  currency: string;
  estimatedDaysMin: number;
  estimatedDaysMax: number;
}

/** Why a carrier and service level cannot take a parcel. */
export type RateRefusal =
  | { reason: 'unknown-carrier'; known: string[] }
  | { reason: 'unknown-service-level'; offered: ServiceLevel[] }
  | { reason: 'destination-not-served'; zone: Zone }
  | { reason: 'too-heavy'; maxWeightGrams: number };

export interface Parcel {
  /** ISO 3166-1 alpha-2 of the destination (validated by the caller). */
  country: string;
  weightGrams: number;
  /** Supported by currency-conversion (validated by the caller). */
  currency: string;
}

/** Every carrier and service level that takes the parcel, cheapest first (then fastest, then by name). */
export function quoteRates(card: RateCard, parcel: Parcel): Rate[] {
  const rates: Rate[] = [];
  for (const carrier of card) {
    for (const serviceLevel of SERVICE_LEVELS) {
      const rate = rateFor(card, { ...parcel, carrier: carrier.code, serviceLevel });
      if ('priceMinor' in rate) rates.push(rate);
    }
  }
  return rates.sort(
    (a, b) =>
      a.priceMinor - b.priceMinor ||
      a.estimatedDaysMax - b.estimatedDaysMax ||
      a.carrier.localeCompare(b.carrier) ||
      a.serviceLevel.localeCompare(b.serviceLevel),
  );
}

/** The price of one carrier and service level for the parcel, or why it cannot take it. */
export function rateFor(
  card: RateCard,
  request: Parcel & { carrier: string; serviceLevel: string },
): Rate | RateRefusal {
  const carrier = card.find((candidate) => candidate.code === request.carrier);
  if (!carrier) return { reason: 'unknown-carrier', known: card.map((known) => known.code) };
  const offered = SERVICE_LEVELS.filter((level) => carrier.lanes.some((lane) => lane.serviceLevel === level));
  const serviceLevel = offered.find((level) => level === request.serviceLevel);
  if (!serviceLevel) return { reason: 'unknown-service-level', offered };
  const zone = zoneOf(request.country);
  const lane = carrier.lanes.find(
    (candidate) => candidate.serviceLevel === serviceLevel && candidate.zone === zone,
  );
  if (!lane || carrier.unservedCountries.has(request.country)) {
    return { reason: 'destination-not-served', zone };
  }
  const bracket = lane.brackets.find((candidate) => request.weightGrams <= candidate.maxWeightGrams);
  if (!bracket) return { reason: 'too-heavy', maxWeightGrams: lane.brackets.at(-1)?.maxWeightGrams ?? 0 };
  return {
    carrier: carrier.code,
    carrierName: carrier.name,
    serviceLevel,
    zone,
    priceMinor: convertEuroCents(bracket.priceEuroCents, request.currency),
    currency: request.currency,
    estimatedDaysMin: lane.estimatedDaysMin,
    estimatedDaysMax: lane.estimatedDaysMax,
  };
}

/** A refusal as a sentence about the request, for error messages. */
export function describeRefusal(
  refusal: RateRefusal,
  request: { carrier: string; serviceLevel: string; country: string; weightGrams: number },
): string {
  switch (refusal.reason) {
    case 'unknown-carrier':
      return `there is no carrier ${JSON.stringify(request.carrier)}; carriers: ${refusal.known.join(', ')}`;
    case 'unknown-service-level':
      return `${request.carrier} offers no service level ${JSON.stringify(request.serviceLevel)}; it offers: ${refusal.offered.join(', ')}`;
    case 'destination-not-served':
      return `${request.carrier} ${request.serviceLevel} does not deliver to ${request.country}`;
    case 'too-heavy':
      return `${request.carrier} ${request.serviceLevel} takes parcels up to ${refusal.maxWeightGrams} g to ${request.country}, this one weighs ${request.weightGrams} g`;
  }
}
