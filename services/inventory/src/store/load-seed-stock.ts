import { inTransaction } from '@emporium/platform/db';
import { type Kysely, sql } from 'kysely';
import { type SeedWarehouse, seedStockLevels } from '../domain/seed-stock.ts';
import type { InventoryDatabase } from './database.ts';
import { addWarehouses } from './warehouses-store.ts';

export type SeedOutcome = { seeded: true; skus: number; rows: number } | { seeded: false; reason: string };

/** Rows per INSERT: 2,000 rows × 5 columns stays far below PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = 2_000;
const SEED_LOCK = sql`hashtextextended('emporium.inventory.seed', 0)`;

/**
 * Makes sure the warehouses exist, and when `skus` are given and no stock is kept yet, stocks
 * them in every warehouse (seedStockLevels), all or nothing. An exclusive advisory lock makes
 * "is it empty? then insert" atomic, so instances starting together seed once: the first
 * inserts, the others wait for its commit and then find stock. Publishes nothing: demo data,
 * loaded before any consumer could be listening.
 */
export function loadSeedStock(
  db: Kysely<InventoryDatabase>,
  seed: { warehouses: readonly SeedWarehouse[]; skus: readonly string[] | undefined },
  now: Date,
): Promise<SeedOutcome> {
  return inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx);
    await addWarehouses(trx, seed.warehouses);
    if (seed.skus === undefined) return { seeded: false, reason: 'seeding is off' };
    const { rows } = await sql<{ stocked: boolean }>`select exists (select 1 from stock) as stocked`.execute(
      trx,
    );
    if (rows[0]?.stocked) return { seeded: false, reason: 'stock is already kept' };

    const levels = seedStockLevels(seed.skus, seed.warehouses);
    for (let start = 0; start < levels.length; start += ROWS_PER_INSERT) {
      await trx
        .insertInto('stock')
        .values(
          levels.slice(start, start + ROWS_PER_INSERT).map((level) => ({
            sku: level.sku,
            warehouse: level.warehouse,
            on_hand: level.onHand,
            reserved: 0,
            updated_at: now,
          })),
        )
        .execute();
    }
    await sql`
      insert into stock_movements (sku, warehouse, kind, quantity, reference, created_at)
      select sku, warehouse, 'seed', on_hand, 'demo catalogue', ${now} from stock where on_hand <> 0
    `.execute(trx);
    return { seeded: true, skus: seed.skus.length, rows: levels.length };
  });
}
