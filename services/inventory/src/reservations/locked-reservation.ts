import type { Kysely } from 'kysely';
import type { Reservation } from '../domain/reservation.ts';
import { isDue } from '../domain/reservation-status.ts';
import type { InventoryDeps } from '../stock/inventory-deps.ts';
import type { InventoryDatabase } from '../store/database.ts';
import { findReservation, lockOrder } from '../store/reservations-store.ts';
import { endReservations } from './end-reservations.ts';

/**
 * The order's reservation, locked for the transaction with every other call about the order,
 * after expiring it if it is past its expiry and the job has not reached it yet: Reserve,
 * Release and Commit act on the reservation as it truly is at `now`, so none can commit stock
 * that was about to be given back.
 */
export async function lockedReservation(
  trx: Kysely<InventoryDatabase>,
  deps: InventoryDeps,
  orderId: string,
): Promise<Reservation | undefined> {
  await lockOrder(trx, orderId);
  const reservation = await findReservation(trx, orderId, { lock: true });
  if (!reservation) return undefined;
  const now = deps.clock();
  if (!isDue(reservation, now)) return reservation;
  const [expired] = await endReservations(trx, deps, [reservation], 'expired', now);
  return expired;
}
