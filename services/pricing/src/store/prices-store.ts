import { type Kysely, sql } from 'kysely';
import type { PricingDatabase } from './database.ts';

/** A price as it stands in a price list: its amount and when it took (or takes) effect. */
export interface PriceRecord {
  sku: string;
  currency: string;
  amountMinor: number;
  validFrom: Date;
}

const COLUMNS = ['sku', 'currency', 'amount_minor as amountMinor', 'valid_from as validFrom'] as const;

/** The price of each of `skus` in `currency` at `at`; SKUs without one are absent. */
export async function pricesAt(
  db: Kysely<PricingDatabase>,
  skus: readonly string[],
  currency: string,
  at: Date,
): Promise<Map<string, PriceRecord>> {
  if (skus.length === 0) return new Map();
  const rows = await db
    .selectFrom('prices')
    .select(COLUMNS)
    .distinctOn('sku')
    .where('sku', 'in', skus)
    .where('currency', '=', currency)
    .where('valid_from', '<=', at)
    .orderBy('sku')
    .orderBy('valid_from', 'desc')
    .execute();
  return new Map(rows.map((row) => [row.sku, row]));
}

/** One SKU's prices at `at`, one per currency (alphabetical), and the changes scheduled after it. */
export async function pricesOfSku(
  db: Kysely<PricingDatabase>,
  sku: string,
  at: Date,
): Promise<{ current: PriceRecord[]; scheduled: PriceRecord[] }> {
  const current = await db
    .selectFrom('prices')
    .select(COLUMNS)
    .distinctOn('currency')
    .where('sku', '=', sku)
    .where('valid_from', '<=', at)
    .orderBy('currency')
    .orderBy('valid_from', 'desc')
    .execute();
  const scheduled = await db
    .selectFrom('prices')
    .select(COLUMNS)
    .where('sku', '=', sku)
    .where('valid_from', '>', at)
    .orderBy('valid_from')
    .orderBy('currency')
    .execute();
  return { current, scheduled };
}

/** The currencies that have a price list (at least one price), alphabetical. */
export async function priceListCurrencies(db: Kysely<PricingDatabase>): Promise<string[]> {
  const rows = await db.selectFrom('prices').select('currency').distinct().orderBy('currency').execute();
  return rows.map((row) => row.currency);
}

/** Of `skus`, those with a price in any currency, at any time. */
export async function skusWithAnyPrice(
  db: Kysely<PricingDatabase>,
  skus: readonly string[],
): Promise<Set<string>> {
  if (skus.length === 0) return new Set();
  const rows = await db.selectFrom('prices').select('sku').distinct().where('sku', 'in', skus).execute();
  return new Set(rows.map((row) => row.sku));
}

/**
 * Serialises changes to one (sku, currency) for the rest of the transaction, so the "old"
 * price a change reports is the one it really replaced, however many admins save at once.
 */
export async function lockPriceList(
  db: Kysely<PricingDatabase>,
  sku: string,
  currency: string,
): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`emporium.pricing.price:${sku}:${currency}`}, 0))`.execute(
    db,
  );
}

/** Adds a price from `validFrom`; a price already set for that very moment is replaced. */
export async function insertPrice(db: Kysely<PricingDatabase>, price: PriceRecord): Promise<void> {
  await db
    .insertInto('prices')
    .values({
      sku: price.sku,
      currency: price.currency,
      amount_minor: price.amountMinor,
      valid_from: price.validFrom,
    })
    .onConflict((conflict) =>
      conflict.columns(['sku', 'currency', 'valid_from']).doUpdateSet({ amount_minor: price.amountMinor }),
    )
    .execute();
}
