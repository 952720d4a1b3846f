import { type Kysely, sql } from 'kysely';
import type { InventoryDatabase } from './database.ts';

/** One SKU's books: what the stock rows say beside what the ledger and the reservations say. */
export interface StockAuditRow {
  sku: string;
  onHand: number;
  reserved: number;
  /** Opening balance, demo seed and restocks: goods that came in. */
  received: number;
  /** Net corrections by stocktakes (negative: goods found missing). */
  counted: number;
  /** Goods that left with orders, by the ledger. */
  committed: number;
  /** Units held by reservations still in force. */
  heldByReservations: number;
  /** Units of committed reservations: what left with orders, by the reservations. */
  committedByReservations: number;
}

/** SKUs in code order after `afterSku`, at most `limit` (+1, so the caller knows of a next page). */
export async function auditStock(
  db: Kysely<InventoryDatabase>,
  page: { afterSku: string | undefined; limit: number },
): Promise<StockAuditRow[]> {
  const { rows } = await sql<Record<keyof StockAuditRow, string>>`
    with skus as (
      select sku, sum(on_hand) as on_hand, sum(reserved) as reserved
      from stock
      where ${page.afterSku === undefined ? sql`true` : sql`sku > ${page.afterSku}`}
      group by sku
      order by sku
      limit ${page.limit + 1}
    ),
    ledger as (
      select sku,
        coalesce(sum(quantity) filter (where kind in ('opening', 'seed', 'restock')), 0) as received,
        coalesce(sum(quantity) filter (where kind = 'count'), 0) as counted,
        coalesce(-sum(quantity) filter (where kind = 'commit'), 0) as committed
      from stock_movements where sku in (select sku from skus) group by sku
    ),
    held as (
      select allocation.sku,
        coalesce(sum(allocation.quantity) filter (where reservation.status = 'reserved'), 0) as held,
        coalesce(sum(allocation.quantity) filter (where reservation.status = 'committed'), 0) as committed
      from reservation_allocations allocation
      join reservations reservation on reservation.id = allocation.reservation_id
      where allocation.sku in (select sku from skus)
      group by allocation.sku
    )
    select skus.sku, skus.on_hand as "onHand", skus.reserved,
      coalesce(ledger.received, 0) as received, coalesce(ledger.counted, 0) as counted,
      coalesce(ledger.committed, 0) as committed,
      coalesce(held.held, 0) as "heldByReservations", coalesce(held.committed, 0) as "committedByReservations"
    from skus
    left join ledger on ledger.sku = skus.sku
    left join held on held.sku = skus.sku
    order by skus.sku
  `.execute(db);
  return rows.map((row) => ({
    sku: row.sku,
    onHand: Number(row.onHand),
    reserved: Number(row.reserved),
    received: Number(row.received),
    counted: Number(row.counted),
    committed: Number(row.committed),
    heldByReservations: Number(row.heldByReservations),
    committedByReservations: Number(row.committedByReservations),
  }));
}

/** Reservations in one status, oldest first, after the (createdAt, id) position given. */
export async function listReservations(
  db: Kysely<InventoryDatabase>,
  query: { status: string; after: { createdAt: Date; id: string } | undefined; limit: number },
) {
  let select = db
    .selectFrom('reservations')
    .select(['id', 'order_id as orderId', 'status', 'expires_at as expiresAt', 'created_at as createdAt'])
    .where('status', '=', query.status as never)
    .orderBy('created_at')
    .orderBy('id')
    .limit(query.limit + 1);
  const { after } = query;
  if (after) {
    select = select.where((eb) =>
      eb.or([
        eb('created_at', '>', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)]),
      ]),
    );
  }
  return select.execute();
}
