import type { Kysely } from 'kysely';
import type { Carrier, Lane } from '../domain/rate-card.ts';
import type { ShippingDatabase } from './database.ts';

/** A carrier as the rate card needs it, plus where it sorts parcels (for tracking scans). */
export interface CarrierRecord extends Carrier {
  hub: { city: string; country: string };
}

/**
 * Every carrier with its lanes, weight brackets (ascending) and unserved countries. Four small
 * queries over tables of a few dozen rows: cheap enough to read per request, so a rate change
 * in the database applies at once on every instance.
 */
export async function loadRateCard(db: Kysely<ShippingDatabase>): Promise<CarrierRecord[]> {
  const [carriers, lanes, rates, unserved] = await Promise.all([
    db.selectFrom('carriers').selectAll().orderBy('code').execute(),
    db
      .selectFrom('carrier_lanes')
      .selectAll()
      .orderBy('carrier')
      .orderBy('service_level')
      .orderBy('zone')
      .execute(),
    db.selectFrom('lane_rates').selectAll().orderBy('max_weight_grams').execute(),
    db.selectFrom('carrier_unserved_countries').selectAll().orderBy('country').execute(),
  ]);
  return carriers.map((carrier) => ({
    code: carrier.code,
    name: carrier.name,
    trackingPrefix: carrier.tracking_prefix,
    hub: { city: carrier.hub_city, country: carrier.hub_country },
    lanes: lanes
      .filter((lane) => lane.carrier === carrier.code)
      .map(
        (lane): Lane => ({
          serviceLevel: lane.service_level,
          zone: lane.zone,
          estimatedDaysMin: lane.estimated_days_min,
          estimatedDaysMax: lane.estimated_days_max,
          brackets: rates
            .filter(
              (rate) =>
                rate.carrier === carrier.code &&
                rate.service_level === lane.service_level &&
                rate.zone === lane.zone,
            )
            .map((rate) => ({ maxWeightGrams: rate.max_weight_grams, priceEuroCents: rate.price_minor })),
        }),
      ),
    unservedCountries: new Set(
      unserved.filter((row) => row.carrier === carrier.code).map((row) => row.country),
    ),
  }));
}

export async function findCarrierName(
  db: Kysely<ShippingDatabase>,
  code: string,
): Promise<string | undefined> {
  const row = await db.selectFrom('carriers').select('name').where('code', '=', code).executeTakeFirst();
  return row?.name;
}
