import { inTransaction } from '@emporium/platform/db';
import type { Reservation } from '../domain/reservation.ts';
import { commitDecision, releaseDecision } from '../domain/reservation-status.ts';
import { ReservationCommitted, ReservationEnded, ReservationNotFound } from '../errors.ts';
import type { InventoryDeps } from '../stock/inventory-deps.ts';
import { endReservations } from './end-reservations.ts';
import { lockedReservation } from './locked-reservation.ts';

/**
 * Gives the order's reserved stock back. Idempotent: releasing a released or expired
 * reservation, or an order with none, changes nothing (undefined for none); a committed one
 * is RESERVATION_COMMITTED, its goods having shipped.
 */
export function releaseReservation(deps: InventoryDeps, orderId: string): Promise<Reservation | undefined> {
  return inTransaction(deps.db, async (trx) => {
    const reservation = await lockedReservation(trx, deps, orderId);
    if (!reservation) return undefined;
    const decision = releaseDecision(reservation.status);
    if (decision === 'refuse-committed') {
      throw ReservationCommitted(
        `The reservation of order ${orderId} was committed at ${reservation.updatedAt.toISOString()}; ` +
          'its stock has left the warehouse and cannot be released',
      );
    }
    if (decision === 'nothing-to-do') return reservation;
    const [released] = await endReservations(trx, deps, [reservation], 'released', deps.clock());
    return released;
  });
}

/**
 * Takes the order's reserved stock out of the warehouses. Idempotent: committing a committed
 * reservation answers it again; a released or expired one is RESERVATION_ENDED, and an order
 * with none RESERVATION_NOT_FOUND.
 */
export async function commitReservation(deps: InventoryDeps, orderId: string): Promise<Reservation> {
  // The transaction commits before a refusal is thrown, so a reservation found past its
  // expiry (and expired by lockedReservation) stays expired.
  const outcome = await inTransaction(deps.db, async (trx) => {
    const reservation = await lockedReservation(trx, deps, orderId);
    if (!reservation) return undefined;
    if (commitDecision(reservation.status) !== 'commit') return reservation;
    const [committed] = await endReservations(trx, deps, [reservation], 'committed', deps.clock());
    return committed;
  });
  if (!outcome) throw ReservationNotFound(`Order ${orderId} has no reservation`);
  if (commitDecision(outcome.status) === 'refuse-ended') {
    throw ReservationEnded(
      `The reservation of order ${orderId} was ${outcome.status} at ${outcome.updatedAt.toISOString()}; ` +
        'its stock is no longer held, so there is nothing to commit',
    );
  }
  return outcome;
}
