import type { Kysely } from 'kysely';
import { priceQuote, type Quote } from '../domain/quote.ts';
import type { QuoteRequest } from '../domain/quote-request.ts';
import { taxRuleFor } from '../domain/tax-rule.ts';
import { CouponUnknown, SkuNotPriced, UnknownSku, UnsupportedCurrency } from '../errors.ts';
import type { PricingDatabase } from '../store/database.ts';
import { priceListCurrencies, pricesAt, skusWithAnyPrice } from '../store/prices-store.ts';
import { categoriesOf } from '../store/product-categories-store.ts';
import { findPromotion, liveAutomaticPromotions } from '../store/promotions-store.ts';
import { taxRulesOfCountry } from '../store/tax-rules-store.ts';

/**
 * Answers a checked quote request (REST POST /quotes and gRPC Quote alike): reads the prices,
 * categories, promotions, coupon and tax rules it needs, refuses what cannot be quoted (in
 * this order: currency, SKUs, destination, coupon), and prices it with the pure rules of
 * domain/quote.ts at `now`. Reads only: a quote changes nothing, not even a coupon's uses.
 */
export async function priceQuoteRequest(
  db: Kysely<PricingDatabase>,
  request: QuoteRequest,
  now: Date,
): Promise<Quote> {
  const skus = request.lines.map((line) => line.sku);
  const [prices, categories, taxRules, promotions, coupon] = await Promise.all([
    pricesAt(db, skus, request.currency, now),
    categoriesOf(db, skus),
    taxRulesOfCountry(db, request.shipTo.country),
    liveAutomaticPromotions(db, now),
    request.couponCode === null ? undefined : findPromotion(db, { couponCode: request.couponCode }),
  ]);

  const unpriced = skus.filter((sku) => !prices.has(sku));
  if (unpriced.length > 0) await refuseUnpriced(db, unpriced, categories, request.currency);
  const taxRule = taxRuleFor(taxRules, request.shipTo);
  if (request.couponCode !== null && !coupon) {
    throw CouponUnknown(`There is no coupon ${request.couponCode}`, { couponCode: request.couponCode });
  }

  return priceQuote({
    currency: request.currency,
    lines: request.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitPriceMinor: prices.get(line.sku)?.amountMinor ?? 0,
      categorySlug: categories.get(line.sku) ?? null,
    })),
    promotions,
    coupon: coupon ?? null,
    taxRule,
    now,
  });
}

/**
 * Says why some SKUs have no price: the currency has no price list at all (a mismatch:
 * UNSUPPORTED_CURRENCY), pricing has never heard of them (UNKNOWN_SKU), or they are not
 * priced in this currency (SKU_NOT_PRICED). Names every SKU concerned.
 */
async function refuseUnpriced(
  db: Kysely<PricingDatabase>,
  unpriced: string[],
  categories: ReadonlyMap<string, string>,
  currency: string,
): Promise<never> {
  const currencies = await priceListCurrencies(db);
  if (!currencies.includes(currency)) {
    throw UnsupportedCurrency(
      `There is no price list in ${currency}; quotes can be made in ${currencies.join(', ') || 'no currency yet'}`,
      { currency, currencies },
    );
  }
  const priced = await skusWithAnyPrice(db, unpriced);
  const unknown = unpriced.filter((sku) => !priced.has(sku) && !categories.has(sku));
  if (unknown.length > 0) {
    throw UnknownSku(`Pricing knows no product ${unknown.join(', ')}`, { skus: unknown });
  }
  throw SkuNotPriced(
    `${unpriced.join(', ')} ${unpriced.length === 1 ? 'has' : 'have'} no price in ${currency}`,
    {
      skus: unpriced,
      currency,
    },
  );
}
