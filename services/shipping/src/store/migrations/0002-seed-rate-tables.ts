import type { Kysely } from 'kysely';
import { SEED_CARRIERS } from '../seed/rate-tables.ts';

/**
 * Loads the demo carriers and rate tables. As a migration it runs once per database, under the
 * migrator's lock, so instances starting together cannot load it twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Migrations see the schema as of their own time, not today's types: plain rows.
  const untyped = db as Kysely<Record<string, Record<string, unknown>>>;
  for (const carrier of SEED_CARRIERS) {
    await untyped
      .insertInto('carriers')
      .values({
        code: carrier.code,
        name: carrier.name,
        tracking_prefix: carrier.trackingPrefix,
        hub_city: carrier.hub.city,
        hub_country: carrier.hub.country,
      })
      .execute();
    await untyped
      .insertInto('carrier_lanes')
      .values(
        carrier.lanes.map((lane) => ({
          carrier: carrier.code,
          service_level: lane.serviceLevel,
          zone: lane.zone,
          estimated_days_min: lane.days[0],
          estimated_days_max: lane.days[1],
        })),
      )
      .execute();
    await untyped
      .insertInto('lane_rates')
      .values(
        carrier.lanes.flatMap((lane) =>
          lane.rates.map(([maxWeightGrams, priceEuroCents]) => ({
            carrier: carrier.code,
            service_level: lane.serviceLevel,
            zone: lane.zone,
            max_weight_grams: maxWeightGrams,
            price_minor: priceEuroCents,
          })),
        ),
      )
      .execute();
    if (carrier.unservedCountries.length > 0) {
      await untyped
        .insertInto('carrier_unserved_countries')
        .values(carrier.unservedCountries.map((country) => ({ carrier: carrier.code, country })))
        .execute();
    }
  }
}
