import type { Kysely } from 'kysely';
import { type PromotionDefinition, promotionDefinitionProblem } from '../domain/promotion.ts';
import { CouponCodeTaken, InvalidPromotion, PromotionNotFound } from '../errors.ts';
import type { PricingDatabase } from '../store/database.ts';
import {
  findPromotion,
  insertPromotion,
  type PromotionRecord,
  updatePromotion,
} from '../store/promotions-store.ts';

/** A partial change: absent fields stay; `targets` replaces the whole list. */
export type PromotionChanges = Partial<PromotionDefinition>;

/**
 * What admins do to promotions, each in the caller's transaction. A definition is checked as
 * a whole (INVALID_PROMOTION), after a change too, so a promotion is never stored
 * inconsistent; coupon codes are unique (COUPON_CODE_TAKEN). Uses are only counted by
 * RedeemCoupon, never written here. A change affects quotes from now on: quotes already
 * made, and orders placed from them, keep their prices.
 */
export async function createPromotion(
  trx: Kysely<PricingDatabase>,
  definition: PromotionDefinition,
  now: Date,
): Promise<PromotionRecord> {
  checkDefinition(definition);
  await refuseTakenCoupon(trx, definition.couponCode, undefined);
  return codeTakenOnRace(definition.couponCode, () => insertPromotion(trx, definition, now));
}

export async function changePromotion(
  trx: Kysely<PricingDatabase>,
  id: string,
  changes: PromotionChanges,
  now: Date,
): Promise<PromotionRecord> {
  const before = await findPromotion(trx, { id }, { lock: true });
  if (!before) throw PromotionNotFound(`There is no promotion ${id}`);
  const { id: _id, usedCount: _used, createdAt: _created, updatedAt: _updated, ...current } = before;
  const after: PromotionDefinition = { ...current, ...changes };
  checkDefinition(after);
  if (after.couponCode !== before.couponCode) await refuseTakenCoupon(trx, after.couponCode, id);
  return codeTakenOnRace(after.couponCode, () => updatePromotion(trx, id, after, now));
}

function checkDefinition(definition: PromotionDefinition): void {
  const problem = promotionDefinitionProblem(definition);
  if (problem) throw InvalidPromotion(`The promotion is not consistent: ${problem}`);
}

/**
 * The unique index has the last word; this check gives the clear message first. A race
 * between two admins taking one code ends in the index refusing the second insert.
 */
async function refuseTakenCoupon(
  trx: Kysely<PricingDatabase>,
  couponCode: string | null,
  ownId: string | undefined,
): Promise<void> {
  if (couponCode === null) return;
  const holder = await findPromotion(trx, { couponCode });
  if (holder && holder.id !== ownId) {
    throw CouponCodeTaken(`Coupon code ${couponCode} belongs to promotion ${holder.id}`, {
      promotionId: holder.id,
    });
  }
}

/** A unique violation (PostgreSQL 23505) can only be the coupon code: another admin just took it. */
async function codeTakenOnRace<T>(couponCode: string | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') {
      throw CouponCodeTaken(`Coupon code ${couponCode} was just taken by another promotion`);
    }
    throw error;
  }
}
