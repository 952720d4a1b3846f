import { inTransaction } from '@emporium/platform/db';
import type { Kysely } from 'kysely';
import type { Reservation } from '../domain/reservation.ts';
import { type ReservationLine, sameLines } from '../domain/reservation-lines.ts';
import { reserveAgainDecision } from '../domain/reservation-status.ts';
import { allocateLines, describeShortages } from '../domain/stock-allocation.ts';
import type { StockChange } from '../domain/stock-levels.ts';
import { InsufficientStock, ReservationEnded, ReservationLinesDiffer, SkuNotFound } from '../errors.ts';
import type { InventoryDeps } from '../stock/inventory-deps.ts';
import { recordStockChanges } from '../stock/record-stock-changes.ts';
import type { InventoryDatabase } from '../store/database.ts';
import { insertReservation } from '../store/reservations-store.ts';
import { lockStockOf } from '../store/stock-store.ts';
import { lockedReservation } from './locked-reservation.ts';

export interface ReserveStockRequest {
  orderId: string;
  /** Checked and in SKU order (checkReservationLines). */
  lines: ReservationLine[];
  ttlSeconds: number;
}

/**
 * Reserves every line for the order, or nothing, in one transaction. The order id is the
 * idempotency key: an order has one reservation, ever. Asked again with the same lines, it
 * answers that reservation (reserved, or committed), never extended; one that was released or
 * expired is RESERVATION_ENDED (a retry never brings back stock an order let go: the order must
 * be placed again); with other lines, RESERVATION_LINES_DIFFER. Unknown SKUs are SKU_NOT_FOUND;
 * lines that cannot be filled are INSUFFICIENT_STOCK naming each with what is available. A
 * refusal changes nothing and publishes nothing (beyond expiring a reservation found past due).
 */
export async function reserveStock(deps: InventoryDeps, request: ReserveStockRequest): Promise<Reservation> {
  const { orderId, lines } = request;
  // Committed before a refusal of an existing reservation is thrown, so one found past its
  // expiry (and expired by lockedReservation) stays expired.
  const reservation = await inTransaction(deps.db, (trx) => reserveStockIn(trx, deps, request));
  if (!sameLines(reservation.lines, lines)) {
    throw ReservationLinesDiffer(
      `Order ${orderId} already has a reservation of other lines (${describeLines(reservation.lines)}); ` +
        'each order reserves once',
    );
  }
  if (reserveAgainDecision(reservation.status) === 'refuse-ended') {
    throw ReservationEnded(
      `The reservation of order ${orderId} was ${reservation.status} at ${reservation.updatedAt.toISOString()}; ` +
        'its stock is no longer held and is not reserved again: place the order again under a new order id',
    );
  }
  return reservation;
}

/**
 * The order's reservation in the caller's transaction: the one it has (locked, expired first if
 * past due), or a new one of every line. A refusal (SKU_NOT_FOUND, INSUFFICIENT_STOCK) is thrown
 * before anything is written, so the caller's transaction stays usable.
 */
export async function reserveStockIn(
  trx: Kysely<InventoryDatabase>,
  deps: InventoryDeps,
  request: ReserveStockRequest,
): Promise<Reservation> {
  return (await lockedReservation(trx, deps, request.orderId)) ?? reserveAnew(trx, deps, request);
}

/** The order's first reservation: all lines from the locked stock, or a refusal changing nothing. */
async function reserveAnew(
  trx: Kysely<InventoryDatabase>,
  deps: InventoryDeps,
  request: ReserveStockRequest,
): Promise<Reservation> {
  const { orderId, lines } = request;
  const now = deps.clock();

  const skus = lines.map((line) => line.sku);
  const levels = await lockStockOf(trx, skus);
  const known = new Set(levels.map((level) => level.sku));
  const unknown = skus.filter((sku) => !known.has(sku));
  if (unknown.length > 0) {
    throw SkuNotFound(`No stock is kept for ${unknown.join(', ')}; nothing was reserved`, { skus: unknown });
  }
  const outcome = allocateLines(lines, levels);
  if (!outcome.allocated) {
    const message = `Not enough stock: ${describeShortages(outcome.shortages)}; nothing was reserved`;
    throw InsufficientStock(message, { shortages: outcome.shortages });
  }

  const changes: StockChange[] = outcome.allocations.map(({ sku, warehouse, quantity }) => ({
    sku,
    warehouse,
    onHand: 0,
    reserved: quantity,
  }));
  const reservation = await insertReservation(trx, {
    orderId,
    lines,
    allocations: outcome.allocations,
    expiresAt: new Date(now.getTime() + request.ttlSeconds * 1000),
    now,
  });
  await deps.events.reserved(trx, reservation);
  await recordStockChanges(trx, deps, levels, changes, now);
  return reservation;
}

function describeLines(lines: readonly ReservationLine[]): string {
  return lines.map((line) => `${line.quantity} × ${line.sku}`).join(', ');
}
