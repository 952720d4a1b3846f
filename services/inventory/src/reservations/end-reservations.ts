import type { Kysely } from 'kysely';
import type { Reservation } from '../domain/reservation.ts';
import type { StockChange } from '../domain/stock-levels.ts';
import type { InventoryDeps } from '../stock/inventory-deps.ts';
import { recordStockChanges } from '../stock/record-stock-changes.ts';
import type { InventoryDatabase } from '../store/database.ts';
import { setReservationStatus } from '../store/reservations-store.ts';
import { recordMovements } from '../store/stock-movements-store.ts';
import { lockStockOf } from '../store/stock-store.ts';

export type EndStatus = 'released' | 'expired' | 'committed';

/**
 * Ends reservations that hold stock (the caller locked them and checked the move): released or
 * expired gives the reserved units back (reserved goes down), committed takes them out of the
 * warehouse (on hand and reserved both go down, so availability stays as it was; the stock
 * ledger records which order took them). Publishes StockReleased (reason released or expired)
 * or StockCommitted for each, in the transaction.
 */
export async function endReservations(
  trx: Kysely<InventoryDatabase>,
  deps: Pick<InventoryDeps, 'events' | 'lowStockThreshold'>,
  reservations: readonly Reservation[],
  status: EndStatus,
  now: Date,
): Promise<Reservation[]> {
  if (reservations.length === 0) return [];
  const allocations = reservations.flatMap((reservation) => reservation.allocations);
  const before = await lockStockOf(trx, [...new Set(allocations.map((allocation) => allocation.sku))]);
  const changes: StockChange[] = allocations.map(({ sku, warehouse, quantity }) => ({
    sku,
    warehouse,
    onHand: status === 'committed' ? -quantity : 0,
    reserved: -quantity,
  }));
  await recordStockChanges(trx, deps, before, changes, now);
  if (status === 'committed') {
    // The goods leave the warehouse with the order: the ledger says which order took them.
    const shipped = reservations.flatMap((reservation) =>
      reservation.allocations.map(({ sku, warehouse, quantity }) => ({
        sku,
        warehouse,
        kind: 'commit' as const,
        quantity: -quantity,
        reference: reservation.orderId,
      })),
    );
    await recordMovements(trx, shipped, now);
  }
  await setReservationStatus(
    trx,
    reservations.map((reservation) => reservation.id),
    status,
    now,
  );
  const ended = reservations.map((reservation) => ({ ...reservation, status, updatedAt: now }));
  for (const reservation of ended) {
    if (status === 'committed') await deps.events.committed(trx, reservation);
    else await deps.events.released(trx, reservation, status);
  }
  return ended;
}
