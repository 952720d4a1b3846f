import { type Kysely, sql, type Updateable } from 'kysely';
import type { OrderCursor } from '../domain/order-cursor.ts';
import type { OrderStatus } from '../domain/order-status.ts';
import type { OrderLineRow, OrderRow, OrdersDatabase, OrdersTable, ShipTo } from './database.ts';

type Db = Kysely<OrdersDatabase>;

export interface OrderLineRecord {
  sku: string;
  name: string;
  quantity: number;
  unitPriceMinor: number | null;
  lineTotalMinor: number | null;
}

/** An order as the rest of the service reads it: amounts as numbers, names in camelCase. */
export interface OrderRecord {
  id: string;
  userId: string;
  status: OrderStatus;
  currency: string;
  couponCode: string | null;
  shipTo: ShipTo;
  carrier: string | null;
  serviceLevel: string;
  subtotalMinor: number | null;
  discountMinor: number | null;
  taxMinor: number | null;
  shippingMinor: number | null;
  totalMinor: number | null;
  taxIncluded: boolean | null;
  paymentId: string | null;
  shipmentId: string | null;
  trackingNumber: string | null;
  capturedMinor: number | null;
  refundedMinor: number | null;
  checkoutSagaId: string;
  cancelSagaId: string | null;
  refundSagaId: string | null;
  cancelCode: string | null;
  cancelReason: string | null;
  placedAt: Date;
  updatedAt: Date;
  lines: OrderLineRecord[];
}

export interface OrderHistoryEntry {
  status: OrderStatus;
  note: string | null;
  at: Date;
}

export interface NewOrder {
  id: string;
  userId: string;
  currency: string;
  couponCode: string | null;
  shipTo: ShipTo;
  carrier: string | null;
  serviceLevel: string;
  checkoutSagaId: string;
  lines: ReadonlyArray<{ sku: string; name: string; quantity: number }>;
}

const minor = (value: string | null): number | null => (value === null ? null : Number(value));

function toRecord(row: OrderRow, lines: readonly OrderLineRow[]): OrderRecord {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    currency: row.currency,
    couponCode: row.coupon_code,
    shipTo: row.ship_to,
    carrier: row.carrier,
    serviceLevel: row.service_level,
    subtotalMinor: minor(row.subtotal_minor),
    discountMinor: minor(row.discount_minor),
    taxMinor: minor(row.tax_minor),
    shippingMinor: minor(row.shipping_minor),
    totalMinor: minor(row.total_minor),
    taxIncluded: row.tax_included,
    paymentId: row.payment_id,
    shipmentId: row.shipment_id,
    trackingNumber: row.tracking_number,
    capturedMinor: minor(row.captured_minor),
    refundedMinor: minor(row.refunded_minor),
    checkoutSagaId: row.checkout_saga_id,
    cancelSagaId: row.cancel_saga_id,
    refundSagaId: row.refund_saga_id,
    cancelCode: row.cancel_code,
    cancelReason: row.cancel_reason,
    placedAt: row.placed_at,
    updatedAt: row.updated_at,
    lines: lines.map((line) => ({
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPriceMinor: minor(line.unit_price_minor),
      lineTotalMinor: minor(line.line_total_minor),
    })),
  };
}

export async function insertOrder(trx: Db, order: NewOrder, now: Date): Promise<OrderRecord> {
  await trx
    .insertInto('orders')
    .values({
      id: order.id,
      user_id: order.userId,
      status: 'pending',
      currency: order.currency,
      coupon_code: order.couponCode,
      ship_to: JSON.stringify(order.shipTo),
      carrier: order.carrier,
      service_level: order.serviceLevel,
      checkout_saga_id: order.checkoutSagaId,
      placed_at: now,
      updated_at: now,
    })
    .execute();
  await trx
    .insertInto('order_lines')
    .values(order.lines.map((line, position) => ({ order_id: order.id, position, ...line })))
    .execute();
  await appendHistory(trx, order.id, 'pending', 'placed', now);
  return (await findOrder(trx, order.id)) as OrderRecord;
}

async function linesOf(db: Db, ids: readonly string[]): Promise<Map<string, OrderLineRow[]>> {
  const byOrder = new Map<string, OrderLineRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byOrder;
  const rows = await db
    .selectFrom('order_lines')
    .selectAll()
    .where('order_id', 'in', ids)
    .orderBy('order_id')
    .orderBy('position')
    .execute();
  for (const row of rows) byOrder.get(row.order_id)?.push(row);
  return byOrder;
}

export async function findOrder(db: Db, id: string): Promise<OrderRecord | undefined> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRecord(row, (await linesOf(db, [id])).get(id) ?? []);
}

/** The order, locked until the transaction ends: its moves happen one at a time. */
export async function lockOrder(trx: Db, id: string): Promise<OrderRecord | undefined> {
  const row = await trx.selectFrom('orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row && toRecord(row, (await linesOf(trx, [id])).get(id) ?? []);
}

export async function orderHistory(db: Db, id: string): Promise<OrderHistoryEntry[]> {
  return db
    .selectFrom('order_history')
    .select(['status', 'note', 'at'])
    .where('order_id', '=', id)
    .orderBy('id')
    .execute();
}

/** The order and its history as of one moment (one snapshot), so the two always agree. */
export function findOrderWithHistory(
  db: Db,
  id: string,
): Promise<{ order: OrderRecord; history: OrderHistoryEntry[] } | undefined> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const order = await findOrder(trx, id);
      return order && { order, history: await orderHistory(trx, id) };
    });
}

export async function appendHistory(
  trx: Db,
  orderId: string,
  status: OrderStatus,
  note: string | null,
  at: Date,
): Promise<void> {
  await trx.insertInto('order_history').values({ order_id: orderId, status, note, at }).execute();
}

export type OrderChanges = Omit<Updateable<OrdersTable>, 'id' | 'user_id' | 'placed_at' | 'updated_at'>;

export async function updateOrder(trx: Db, id: string, changes: OrderChanges, now: Date): Promise<void> {
  await trx
    .updateTable('orders')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Prices from the quote, per line (by SKU). */
export async function priceOrderLines(
  trx: Db,
  orderId: string,
  prices: ReadonlyArray<{ sku: string; unitPriceMinor: number; lineTotalMinor: number }>,
): Promise<void> {
  for (const price of prices) {
    await trx
      .updateTable('order_lines')
      .set({ unit_price_minor: price.unitPriceMinor, line_total_minor: price.lineTotalMinor })
      .where('order_id', '=', orderId)
      .where('sku', '=', price.sku)
      .execute();
  }
}

export interface OrderQuery {
  userId?: string | undefined;
  status?: OrderStatus | undefined;
  after?: OrderCursor | undefined;
  limit: number;
}

/** Newest first, keyset-paged by (placed_at, id). */
export async function listOrders(db: Db, query: OrderQuery): Promise<OrderRecord[]> {
  let select = db
    .selectFrom('orders')
    .selectAll()
    .orderBy('placed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit);
  if (query.userId !== undefined) select = select.where('user_id', '=', query.userId);
  if (query.status !== undefined) select = select.where('status', '=', query.status);
  const after = query.after;
  if (after) {
    select = select.where(
      sql<boolean>`(placed_at, id) < (${after.placedAt}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const rows = await select.execute();
  const lines = await linesOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toRecord(row, lines.get(row.id) ?? []));
}
