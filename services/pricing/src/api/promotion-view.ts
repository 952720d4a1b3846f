import { promotionStatusAt, remainingUses } from '../domain/promotion.ts';
import type { PromotionRecord } from '../store/promotions-store.ts';

/** A promotion as the admin API shows it, with where it stands at `now`. */
export function toPromotionView(promotion: PromotionRecord, now: Date) {
  return {
    id: promotion.id,
    name: promotion.name,
    kind: promotion.kind,
    value: promotion.value,
    currency: promotion.currency,
    scope: promotion.scope,
    targets: [...promotion.targets],
    startsAt: promotion.startsAt.toISOString(),
    endsAt: promotion.endsAt?.toISOString() ?? null,
    couponCode: promotion.couponCode,
    usageLimit: promotion.usageLimit,
    usedCount: promotion.usedCount,
    remainingUses: remainingUses(promotion),
    minSubtotalMinor: promotion.minSubtotalMinor,
    stackable: promotion.stackable,
    active: promotion.active,
    status: promotionStatusAt(promotion, now),
    createdAt: promotion.createdAt.toISOString(),
    updatedAt: promotion.updatedAt.toISOString(),
  };
}
