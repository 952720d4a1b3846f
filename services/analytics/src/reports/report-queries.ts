import { CartStarted } from '@emporium/contracts';
import { type Kysely, sql } from 'kysely';
import type { AnalyticsDatabase } from '../store/database.ts';

type Db = Kysely<AnalyticsDatabase>;

/** Order statuses whose goods count as sold: confirmed and not cancelled or refunded since. */
const SOLD = ['confirmed', 'shipped', 'delivered'] as const;

export interface RevenueDay {
  day: string;
  currency: string;
  capturedMinor: number;
  refundedMinor: number;
  netMinor: number;
  captures: number;
  refunds: number;
}

/** Money captured and refunded per UTC day and currency, oldest first, within [from, to]. */
export async function revenuePerDay(db: Db, period: { from?: string; to?: string }): Promise<RevenueDay[]> {
  let query = db
    .selectFrom('revenue_days')
    .select([
      sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'),
      'currency',
      'captured_minor',
      'refunded_minor',
      'captures',
      'refunds',
    ]);
  if (period.from) query = query.where('day', '>=', period.from);
  if (period.to) query = query.where('day', '<=', period.to);
  const rows = await query.orderBy('day').orderBy('currency').execute();
  return rows.map((row) => ({
    day: row.day,
    currency: row.currency,
    capturedMinor: Number(row.captured_minor),
    refundedMinor: Number(row.refunded_minor),
    netMinor: Number(row.captured_minor) - Number(row.refunded_minor),
    captures: row.captures,
    refunds: row.refunds,
  }));
}

/** How many orders are in each status now (`unknown`: only payment facts seen so far). */
export async function ordersByStatus(db: Db): Promise<Array<{ status: string; orders: number }>> {
  const rows = await db
    .selectFrom('order_summaries')
    .select([sql<string>`coalesce(status, 'unknown')`.as('status'), sql<number>`count(*)::int`.as('orders')])
    .groupBy(sql`coalesce(status, 'unknown')`)
    .orderBy('orders', 'desc')
    .orderBy('status')
    .execute();
  return rows;
}

export interface ProductSales {
  sku: string;
  name: string | null;
  category: string | null;
  units: number;
  orders: number;
  revenue: Array<{ currency: string; amountMinor: number }>;
}

/** The best-selling SKUs by units in sold orders, with their revenue per currency. */
export async function topProducts(db: Db, limit: number): Promise<ProductSales[]> {
  const top = await db
    .selectFrom('order_lines as line')
    .innerJoin('order_summaries as summary', 'summary.order_id', 'line.order_id')
    .leftJoin('products as product', 'product.sku', 'line.sku')
    .select([
      'line.sku',
      'product.name',
      'product.category_slug',
      sql<number>`sum(line.quantity)::int`.as('units'),
      sql<number>`count(distinct line.order_id)::int`.as('orders'),
    ])
    .where('summary.status', 'in', SOLD)
    .groupBy(['line.sku', 'product.name', 'product.category_slug'])
    .orderBy('units', 'desc')
    .orderBy('line.sku')
    .limit(limit)
    .execute();
  if (top.length === 0) return [];
  const revenue = await db
    .selectFrom('order_lines as line')
    .innerJoin('order_summaries as summary', 'summary.order_id', 'line.order_id')
    .select(['line.sku', 'line.currency', sql<string>`sum(line.line_total_minor)`.as('amount')])
    .where('summary.status', 'in', SOLD)
    .where(
      'line.sku',
      'in',
      top.map((row) => row.sku),
    )
    .groupBy(['line.sku', 'line.currency'])
    .orderBy('line.currency')
    .execute();
  return top.map((row) => ({
    sku: row.sku,
    name: row.name,
    category: row.category_slug,
    units: row.units,
    orders: row.orders,
    revenue: revenue
      .filter((entry) => entry.sku === row.sku)
      .map((entry) => ({ currency: entry.currency, amountMinor: Number(entry.amount) })),
  }));
}

/** The best-selling categories by units (a SKU the catalog never announced counts as `unknown`). */
export async function topCategories(
  db: Db,
  limit: number,
): Promise<Array<{ category: string; units: number; orders: number }>> {
  const category = sql<string>`coalesce(product.category_slug, 'unknown')`;
  return db
    .selectFrom('order_lines as line')
    .innerJoin('order_summaries as summary', 'summary.order_id', 'line.order_id')
    .leftJoin('products as product', 'product.sku', 'line.sku')
    .select([
      category.as('category'),
      sql<number>`sum(line.quantity)::int`.as('units'),
      sql<number>`count(distinct line.order_id)::int`.as('orders'),
    ])
    .where('summary.status', 'in', SOLD)
    .groupBy(category)
    .orderBy('units', 'desc')
    .orderBy('category')
    .limit(limit)
    .execute();
}

export interface FunnelStage {
  stage: 'cart' | 'checkout' | 'confirmed' | 'paid' | 'delivered';
  /** Carts started, for the first stage; orders for the others. */
  orders: number;
  /** Share of the stage before that reached this one (null for the first, or when the one before is 0). */
  fromPrevious: number | null;
  /** Share of checkouts that reached this stage (null for carts, which come before). */
  fromCheckout: number | null;
}

/**
 * Carts started (orders' CartStarted facts), and of the orders checked out, how many were
 * confirmed, paid (captured) and delivered.
 */
export async function conversionFunnel(db: Db): Promise<FunnelStage[]> {
  const { rows } = await sql<{
    cart: number;
    checkout: number;
    confirmed: number;
    paid: number;
    delivered: number;
  }>`
    select (select count(distinct subject)::int from facts where type = ${CartStarted.type}) as cart,
           count(*)::int as checkout,
           count(*) filter (where confirmed_at is not null)::int as confirmed,
           count(*) filter (where paid_at is not null)::int as paid,
           count(*) filter (where delivered_at is not null)::int as delivered
    from order_summaries where placed_at is not null`.execute(db);
  const counts = rows[0] ?? { cart: 0, checkout: 0, confirmed: 0, paid: 0, delivered: 0 };
  const stages = ['cart', 'checkout', 'confirmed', 'paid', 'delivered'] as const;
  return stages.map((stage, index) => {
    const previous = index === 0 ? undefined : counts[stages[index - 1] ?? 'cart'];
    return {
      stage,
      orders: counts[stage],
      fromPrevious: previous === undefined ? null : ratio(counts[stage], previous),
      fromCheckout: stage === 'cart' ? null : ratio(counts[stage], counts.checkout),
    };
  });
}

export interface SagaOutcomes {
  checkouts: number;
  completed: number;
  compensated: number;
  inProgress: number;
  compensationReasons: Array<{ reasonCode: string; orders: number }>;
  cancelledAfterConfirmation: number;
  paymentFailures: Array<{ failureCode: string; count: number }>;
}

/**
 * How checkouts ended: completed (the order was confirmed), compensated (cancelled before it
 * was, with the saga's reason code), or still in progress; and the orders cancelled later.
 */
export async function sagaOutcomes(db: Db): Promise<SagaOutcomes> {
  const { rows } = await sql<{ checkouts: number; completed: number; compensated: number; later: number }>`
    select count(*)::int as checkouts,
           count(*) filter (where confirmed_at is not null)::int as completed,
           count(*) filter (where confirmed_at is null and status = 'cancelled')::int as compensated,
           count(*) filter (where confirmed_at is not null and status = 'cancelled')::int as later
    from order_summaries where placed_at is not null`.execute(db);
  const counts = rows[0] ?? { checkouts: 0, completed: 0, compensated: 0, later: 0 };
  const reasons = await db
    .selectFrom('order_summaries')
    .select([
      sql<string>`coalesce(cancel_reason_code, 'UNKNOWN')`.as('reasonCode'),
      sql<number>`count(*)::int`.as('orders'),
    ])
    .where('placed_at', 'is not', null)
    .where('confirmed_at', 'is', null)
    .where('status', '=', 'cancelled')
    .groupBy(sql`coalesce(cancel_reason_code, 'UNKNOWN')`)
    .orderBy('orders', 'desc')
    .orderBy('reasonCode')
    .execute();
  const failures = await db
    .selectFrom('outcome_counts')
    .select(['key', 'count'])
    .where('measure', '=', 'payment-failure')
    .orderBy('count', 'desc')
    .orderBy('key')
    .execute();
  return {
    checkouts: counts.checkouts,
    completed: counts.completed,
    compensated: counts.compensated,
    inProgress: counts.checkouts - counts.completed - counts.compensated,
    compensationReasons: reasons,
    cancelledAfterConfirmation: counts.later,
    paymentFailures: failures.map((row) => ({ failureCode: row.key, count: Number(row.count) })),
  };
}

export interface DeliveryRate {
  channel: string;
  kind: string;
  sent: number;
  failed: number;
  skipped: number;
  /** sent / (sent + failed): opt-outs are not failures. null when nothing was attempted. */
  deliveryRate: number | null;
}

/** How notification deliveries ended, per channel and kind of message. */
export async function notificationDeliveryRates(db: Db): Promise<DeliveryRate[]> {
  const rows = await db
    .selectFrom('outcome_counts')
    .select(['key', 'detail', 'count'])
    .where('measure', '=', 'notification')
    .orderBy('key')
    .execute();
  const byKey = new Map<string, DeliveryRate>();
  for (const row of rows) {
    const [channel = '', kind = ''] = row.key.split(':');
    const rate = byKey.get(row.key) ?? { channel, kind, sent: 0, failed: 0, skipped: 0, deliveryRate: null };
    const count = Number(row.count);
    if (row.detail === 'sent') rate.sent += count;
    else if (row.detail === 'failed') rate.failed += count;
    else if (row.detail === 'skipped') rate.skipped += count;
    byKey.set(row.key, rate);
  }
  return [...byKey.values()].map((rate) => ({
    ...rate,
    deliveryRate: ratio(rate.sent, rate.sent + rate.failed),
  }));
}

/** A share rounded to four decimals, or null when there is nothing to share. */
function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
