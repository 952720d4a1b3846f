import { PriceChanged } from '@emporium/contracts';
import type { EventPublisher } from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
import type { PricingDatabase } from '../store/database.ts';

export interface PriceChange {
  sku: string;
  currency: string;
  /** Null for the first price of the SKU in the currency. */
  oldAmountMinor: number | null;
  newAmountMinor: number;
  effectiveFrom: Date;
  changedAt: Date;
}

/**
 * The integration events pricing publishes about prices, written to the outbox in the
 * caller's transaction so one is sent if and only if the change commits. The subject is the
 * SKU, so a consumer sees one SKU's changes in order.
 */
export interface PriceEvents {
  changed(trx: Kysely<PricingDatabase>, change: PriceChange): Promise<void>;
}

export function createPriceEvents(publisher: EventPublisher): PriceEvents {
  return {
    async changed(trx, change) {
      await publisher.publish(trx, PriceChanged, {
        subject: change.sku,
        data: {
          sku: change.sku,
          currency: change.currency,
          oldAmountMinor: change.oldAmountMinor,
          newAmountMinor: change.newAmountMinor,
          effectiveFrom: change.effectiveFrom.toISOString(),
          changedAt: change.changedAt.toISOString(),
        },
      });
    },
  };
}
