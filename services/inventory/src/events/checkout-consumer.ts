import { CheckoutAbandoned, CheckoutRequested, InventoryCheckoutRefused } from '@emporium/contracts';
import { ProblemError } from '@emporium/platform/http';
import { type EventHandler, type EventPublisher, handleEvent } from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
import { checkReservationLines, sameLines, TTL_SECONDS } from '../domain/reservation-lines.ts';
import { releaseDecision, reserveAgainDecision } from '../domain/reservation-status.ts';
import { endReservations } from '../reservations/end-reservations.ts';
import { lockedReservation } from '../reservations/locked-reservation.ts';
import { reserveStockIn } from '../reservations/reserve-stock.ts';
import type { InventoryDeps } from '../stock/inventory-deps.ts';
import type { InventoryDatabase } from '../store/database.ts';

/** The durable consumer group of inventory's part in checkout by choreography. */
export const CHECKOUT_GROUP = 'inventory.checkout';

/**
 * Inventory's part in a choreographed checkout. orders.checkout.requested reserves every line
 * for the order (stock.reserved) or refuses (inventory.checkout.refused: nothing held);
 * orders.checkout.abandoned releases what the order holds (stock.released). The order id is
 * the business key: an order has one reservation ever, so a second request (or a redelivery
 * the inbox did not catch) publishes nothing new, and a release of an order holding nothing
 * is a no-op. Each runs in the consumer's transaction with its inbox record and the events.
 */
export function checkoutHandlers(
  deps: InventoryDeps,
  publisher: EventPublisher,
): EventHandler<InventoryDatabase>[] {
  async function refuse(trx: Kysely<InventoryDatabase>, orderId: string, code: string, reason: string) {
    await publisher.publish(trx, InventoryCheckoutRefused, {
      subject: orderId,
      data: { orderId, step: 'reserve', code, reason, refusedAt: deps.clock().toISOString() },
    });
  }

  return [
    handleEvent<InventoryDatabase, typeof CheckoutRequested>(CheckoutRequested, async (trx, event) => {
      const { orderId } = event.data;
      const checked = checkReservationLines(event.data.lines);
      if (!checked.valid) return refuse(trx, orderId, 'VALIDATION_FAILED', checked.problem);
      const ttlSeconds = Math.min(
        TTL_SECONDS.max,
        Math.max(TTL_SECONDS.min, event.data.reservationTtlSeconds),
      );
      let reservation: Awaited<ReturnType<typeof reserveStockIn>>;
      try {
        reservation = await reserveStockIn(trx, deps, { orderId, lines: checked.lines, ttlSeconds });
      } catch (error) {
        // A refusal is thrown before anything is written: the transaction carries on to publish it.
        if (!(error instanceof ProblemError)) throw error;
        return refuse(trx, orderId, error.code, error.message);
      }
      // A new reservation published stock.reserved itself; an existing one was reported when made.
      if (!sameLines(reservation.lines, checked.lines)) {
        return refuse(trx, orderId, 'RESERVATION_LINES_DIFFER', `order ${orderId} reserved other lines`);
      }
      if (reserveAgainDecision(reservation.status) === 'refuse-ended') {
        return refuse(
          trx,
          orderId,
          'RESERVATION_ENDED',
          `the reservation of order ${orderId} was ${reservation.status}; its stock is no longer held`,
        );
      }
    }),

    handleEvent<InventoryDatabase, typeof CheckoutAbandoned>(CheckoutAbandoned, async (trx, event) => {
      const reservation = await lockedReservation(trx, deps, event.data.orderId);
      // Released, expired, or never made (the request may still come: orders abandons again then).
      if (!reservation || releaseDecision(reservation.status) !== 'release') return;
      await endReservations(trx, deps, [reservation], 'released', deps.clock());
    }),
  ];
}
