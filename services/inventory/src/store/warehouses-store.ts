import { type Kysely, sql } from 'kysely';
import type { SeedWarehouse } from '../domain/seed-stock.ts';
import type { InventoryDatabase, WarehouseRow } from './database.ts';

export interface WarehouseSummary {
  code: string;
  name: string;
  country: string;
  skus: number;
  onHand: number;
  reserved: number;
}

export function findWarehouse(
  db: Kysely<InventoryDatabase>,
  code: string,
): Promise<WarehouseRow | undefined> {
  return db.selectFrom('warehouses').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Every warehouse in display order, with how many SKUs it holds (on hand > 0) and its totals. */
export async function listWarehouses(db: Kysely<InventoryDatabase>): Promise<WarehouseSummary[]> {
  const rows = await db
    .selectFrom('warehouses')
    .leftJoin('stock', 'stock.warehouse', 'warehouses.code')
    .select([
      'warehouses.code',
      'warehouses.name',
      'warehouses.country',
      sql<string>`count(*) filter (where stock.on_hand > 0)`.as('skus'),
      sql<string>`coalesce(sum(stock.on_hand), 0)`.as('onHand'),
      sql<string>`coalesce(sum(stock.reserved), 0)`.as('reserved'),
    ])
    .groupBy(['warehouses.code', 'warehouses.name', 'warehouses.country', 'warehouses.position'])
    .orderBy('warehouses.position')
    .orderBy('warehouses.code')
    .execute();
  // count and sum are bigint, which pg hands over as text.
  return rows.map((row) => ({
    ...row,
    skus: Number(row.skus),
    onHand: Number(row.onHand),
    reserved: Number(row.reserved),
  }));
}

/** The warehouses given, in the order given; existing ones are left as they are. */
export async function addWarehouses(
  db: Kysely<InventoryDatabase>,
  warehouses: readonly SeedWarehouse[],
): Promise<void> {
  if (warehouses.length === 0) return;
  await db
    .insertInto('warehouses')
    .values(warehouses.map((warehouse, position) => ({ ...warehouse, position })))
    .onConflict((conflict) => conflict.column('code').doNothing())
    .execute();
}
