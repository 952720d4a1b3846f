import type { Kysely } from 'kysely';
import { ISO_4217_CURRENCIES, isKnownCurrency } from '../domain/currency.ts';
import { PriceInThePast, UnsupportedCurrency } from '../errors.ts';
import type { PriceEvents } from '../events/price-events.ts';
import type { PricingDatabase } from '../store/database.ts';
import { insertPrice, lockPriceList, pricesAt } from '../store/prices-store.ts';

/** How far in the past a requested start may lie (clock skew, a slow request): it starts now instead. */
export const VALID_FROM_TOLERANCE_MS = 60_000;

export interface PriceSetting {
  sku: string;
  currency: string;
  amountMinor: number;
  /** When the price takes effect; default now. */
  validFrom?: Date | undefined;
}

export interface PriceSet {
  sku: string;
  currency: string;
  amountMinor: number;
  validFrom: Date;
  /** What applied from validFrom before; null for a first price. */
  previousAmountMinor: number | null;
  /**
   * False when the price at validFrom already was this amount: nothing written, nothing
   * published, and validFrom is when that price took effect. Changes scheduled later stay.
   */
  changed: boolean;
}

/**
 * Sets a SKU's price in a currency, now or from a later time, in the caller's transaction,
 * and publishes PriceChanged (old and new) with it. Past prices are never rewritten: a start
 * more than a minute ago is refused (PRICE_IN_THE_PAST), a start within that minute is taken
 * as now. Setting the price it already has changes nothing and publishes nothing. A SKU the
 * catalog has not told pricing about yet may be priced: its event may simply not be here yet.
 */
export async function setPrice(
  trx: Kysely<PricingDatabase>,
  events: PriceEvents,
  setting: PriceSetting,
  now: Date,
): Promise<PriceSet> {
  const { sku, currency, amountMinor } = setting;
  if (!isKnownCurrency(currency)) {
    const known = ISO_4217_CURRENCIES.join(', ');
    throw UnsupportedCurrency(`${currency} is not a currency pricing keeps prices in (${known})`, {
      currency,
    });
  }
  const requested = setting.validFrom ?? now;
  if (requested.getTime() < now.getTime() - VALID_FROM_TOLERANCE_MS) {
    throw PriceInThePast(
      `validFrom ${requested.toISOString()} is in the past; prices that applied cannot be rewritten`,
    );
  }
  const validFrom = requested < now ? now : requested;

  await lockPriceList(trx, sku, currency);
  const previous = (await pricesAt(trx, [sku], currency, validFrom)).get(sku);
  const previousAmountMinor = previous?.amountMinor ?? null;
  if (previousAmountMinor === amountMinor) {
    return {
      sku,
      currency,
      amountMinor,
      validFrom: previous?.validFrom ?? validFrom,
      previousAmountMinor,
      changed: false,
    };
  }
  await insertPrice(trx, { sku, currency, amountMinor, validFrom });
  await events.changed(trx, {
    sku,
    currency,
    oldAmountMinor: previousAmountMinor,
    newAmountMinor: amountMinor,
    effectiveFrom: validFrom,
    changedAt: now,
  });
  return { sku, currency, amountMinor, validFrom, previousAmountMinor, changed: true };
}
