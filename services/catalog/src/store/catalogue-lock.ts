import { type Kysely, sql } from 'kysely';
import type { CatalogDatabase } from './database.ts';

/**
 * One advisory lock, held for a transaction, orders the writes that must see a settled tree:
 * product writes take it shared (they read the category tree to fill `category_terms` and may
 * run side by side), while tree changes and seeding take it exclusive. Without it two moves
 * checked one at a time could together make a cycle, a product could be written with the
 * breadcrumb of a category being renamed, and two instances starting at once could both seed.
 */
const CATALOGUE_LOCK = sql`hashtextextended('emporium.catalog.catalogue', 0)`;

export async function lockCatalogue(
  trx: Kysely<CatalogDatabase>,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const statement =
    mode === 'shared'
      ? sql`select pg_advisory_xact_lock_shared(${CATALOGUE_LOCK})`
      : sql`select pg_advisory_xact_lock(${CATALOGUE_LOCK})`;
  await statement.execute(trx);
}
