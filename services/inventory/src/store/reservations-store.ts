import { type Kysely, sql } from 'kysely';
import type { Reservation } from '../domain/reservation.ts';
import type { ReservationLine } from '../domain/reservation-lines.ts';
import type { ReservationStatus } from '../domain/reservation-status.ts';
import type { Allocation } from '../domain/stock-allocation.ts';
import type { InventoryDatabase, ReservationRow } from './database.ts';

/**
 * Serialises every call about one order (Reserve, Release, Commit) for the rest of the
 * transaction: two Reserves of a new order at once would otherwise both find no reservation
 * and race to insert one. Taken before any row lock, so it never waits while holding stock.
 */
export async function lockOrder(db: Kysely<InventoryDatabase>, orderId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`emporium.inventory.order:${orderId}`}, 0))`.execute(
    db,
  );
}

/** The order's reservation with its allocations; locked for the transaction when asked. */
export async function findReservation(
  db: Kysely<InventoryDatabase>,
  orderId: string,
  { lock = false } = {},
): Promise<Reservation | undefined> {
  let query = db.selectFrom('reservations').selectAll().where('order_id', '=', orderId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const [reservation] = await withAllocations(db, [row]);
  return reservation;
}

/**
 * Up to `limit` reservations still holding stock whose expiry has passed, soonest first,
 * locked. SKIP LOCKED lets several instances' expiry jobs (and a Commit or Release of one of
 * them) proceed side by side, each with different reservations, none waiting for another.
 */
export async function lockDueReservations(
  db: Kysely<InventoryDatabase>,
  now: Date,
  limit: number,
): Promise<Reservation[]> {
  const rows = await db
    .selectFrom('reservations')
    .selectAll()
    .where('status', '=', 'reserved')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return withAllocations(db, rows);
}

export interface NewReservation {
  orderId: string;
  lines: ReservationLine[];
  allocations: Allocation[];
  expiresAt: Date;
  now: Date;
}

export async function insertReservation(
  db: Kysely<InventoryDatabase>,
  reservation: NewReservation,
): Promise<Reservation> {
  const row = await db
    .insertInto('reservations')
    .values({
      order_id: reservation.orderId,
      status: 'reserved',
      lines: JSON.stringify(reservation.lines),
      expires_at: reservation.expiresAt,
      created_at: reservation.now,
      updated_at: reservation.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('reservation_allocations')
    .values(reservation.allocations.map((allocation) => ({ reservation_id: row.id, ...allocation })))
    .execute();
  return toReservation(row, sortAllocations(reservation.allocations));
}

/** Moves reservations to an end state; the caller checked the move is allowed and holds their locks. */
export async function setReservationStatus(
  db: Kysely<InventoryDatabase>,
  ids: readonly string[],
  status: ReservationStatus,
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('reservations')
    .set({ status, updated_at: now })
    .where('id', 'in', [...ids])
    .execute();
}

async function withAllocations(
  db: Kysely<InventoryDatabase>,
  rows: readonly ReservationRow[],
): Promise<Reservation[]> {
  if (rows.length === 0) return [];
  const allocations = await db
    .selectFrom('reservation_allocations')
    .select(['reservation_id', 'sku', 'warehouse', 'quantity'])
    .where(
      'reservation_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('sku')
    .orderBy('warehouse')
    .execute();
  return rows.map((row) =>
    toReservation(
      row,
      allocations
        .filter((allocation) => allocation.reservation_id === row.id)
        .map(({ sku, warehouse, quantity }) => ({ sku, warehouse, quantity })),
    ),
  );
}

function toReservation(row: ReservationRow, allocations: Allocation[]): Reservation {
  return {
    id: row.id,
    orderId: row.order_id,
    status: row.status,
    lines: row.lines,
    allocations,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function sortAllocations(allocations: readonly Allocation[]): Allocation[] {
  return [...allocations].sort((a, b) =>
    a.sku === b.sku ? (a.warehouse < b.warehouse ? -1 : 1) : a.sku < b.sku ? -1 : 1,
  );
}
