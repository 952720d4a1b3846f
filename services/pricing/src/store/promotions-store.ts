import type { Kysely } from 'kysely';
import type { Promotion, PromotionDefinition } from '../domain/promotion.ts';
import type { PricingDatabase, PromotionRow } from './database.ts';

/** A promotion as read back, with its bookkeeping times. */
export interface PromotionRecord extends Promotion {
  createdAt: Date;
  updatedAt: Date;
}

export function toPromotion(row: PromotionRow): PromotionRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    value: row.value,
    currency: row.currency,
    scope: row.scope,
    targets: row.targets,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    couponCode: row.coupon_code,
    usageLimit: row.usage_limit,
    usedCount: row.used_count,
    minSubtotalMinor: row.min_subtotal_minor,
    stackable: row.stackable,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The automatic promotions live at `now` (the domain checks currency and scope). */
export async function liveAutomaticPromotions(db: Kysely<PricingDatabase>, now: Date): Promise<Promotion[]> {
  const rows = await db
    .selectFrom('promotions')
    .selectAll()
    .where('coupon_code', 'is', null)
    .where('active', '=', true)
    .where('starts_at', '<=', now)
    .where((where) => where.or([where('ends_at', 'is', null), where('ends_at', '>', now)]))
    .orderBy('id')
    .execute();
  return rows.map(toPromotion);
}

/**
 * One promotion, by id or by coupon code; with `lock`, its row is locked until the
 * transaction ends, so a change or a counted use sees no other in between.
 */
export async function findPromotion(
  db: Kysely<PricingDatabase>,
  key: { id: string } | { couponCode: string },
  { lock = false } = {},
): Promise<PromotionRecord | undefined> {
  let query = db.selectFrom('promotions').selectAll();
  query = 'id' in key ? query.where('id', '=', key.id) : query.where('coupon_code', '=', key.couponCode);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toPromotion(row);
}

export interface PromotionFilter {
  /** Only coupons (true) or only automatic promotions (false). */
  coupons?: boolean | undefined;
  limit: number;
  /** Ids after this one (the previous page's last). */
  after?: string | undefined;
}

/** Promotions in id order, a page at a time. */
export async function listPromotions(
  db: Kysely<PricingDatabase>,
  filter: PromotionFilter,
): Promise<PromotionRecord[]> {
  let query = db.selectFrom('promotions').selectAll().orderBy('id').limit(filter.limit);
  if (filter.coupons !== undefined)
    query = query.where('coupon_code', filter.coupons ? 'is not' : 'is', null);
  if (filter.after !== undefined) query = query.where('id', '>', filter.after);
  return (await query.execute()).map(toPromotion);
}

function columnsOf(definition: PromotionDefinition) {
  return {
    name: definition.name,
    kind: definition.kind,
    value: definition.value,
    currency: definition.currency,
    scope: definition.scope,
    targets: JSON.stringify(definition.targets),
    starts_at: definition.startsAt,
    ends_at: definition.endsAt,
    coupon_code: definition.couponCode,
    usage_limit: definition.usageLimit,
    min_subtotal_minor: definition.minSubtotalMinor,
    stackable: definition.stackable,
    active: definition.active,
  };
}

/** Inserts a promotion; with `id` and `usedCount` given (the seed), they are kept. */
export async function insertPromotion(
  db: Kysely<PricingDatabase>,
  definition: PromotionDefinition & { id?: string; usedCount?: number },
  now: Date,
): Promise<PromotionRecord> {
  const row = await db
    .insertInto('promotions')
    .values({
      ...columnsOf(definition),
      ...(definition.id === undefined ? {} : { id: definition.id }),
      used_count: definition.usedCount ?? 0,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPromotion(row);
}

/** Rewrites a promotion's definition (its uses stay as counted). */
export async function updatePromotion(
  db: Kysely<PricingDatabase>,
  id: string,
  definition: PromotionDefinition,
  now: Date,
): Promise<PromotionRecord> {
  const row = await db
    .updateTable('promotions')
    .set({ ...columnsOf(definition), updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPromotion(row);
}

/** The coupon an order redeemed, if any. */
export async function findRedemption(
  db: Kysely<PricingDatabase>,
  orderId: string,
): Promise<{ promotionId: string } | undefined> {
  return db
    .selectFrom('coupon_redemptions')
    .select('promotion_id as promotionId')
    .where('order_id', '=', orderId)
    .executeTakeFirst();
}

/** Counts one use of a coupon by an order; the caller holds the coupon's lock. */
export async function recordRedemption(
  db: Kysely<PricingDatabase>,
  couponId: string,
  orderId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('coupon_redemptions')
    .values({ order_id: orderId, promotion_id: couponId, redeemed_at: now })
    .execute();
  await db
    .updateTable('promotions')
    .set((update) => ({ used_count: update('used_count', '+', 1) }))
    .where('id', '=', couponId)
    .execute();
}
