import type { Kysely } from 'kysely';
import type { InventoryDatabase, StockMovementKind } from './database.ts';

export interface StockMovement {
  sku: string;
  warehouse: string;
  kind: StockMovementKind;
  quantity: number;
  reference?: string | null;
}

/** Appends to the stock ledger, in the transaction that changes on hand. */
export async function recordMovements(
  trx: Kysely<InventoryDatabase>,
  movements: readonly StockMovement[],
  now: Date,
): Promise<void> {
  const rows = movements.filter((movement) => movement.quantity !== 0);
  if (rows.length === 0) return;
  await trx
    .insertInto('stock_movements')
    .values(
      rows.map(({ sku, warehouse, kind, quantity, reference }) => ({
        sku,
        warehouse,
        kind,
        quantity,
        reference: reference ?? null,
        created_at: now,
      })),
    )
    .execute();
}
