import { create } from '@bufbuild/protobuf';
import { PostalAddressSchema } from '@emporium/contracts/proto/common/v1/postal_address';
import type { Logger } from '@emporium/platform/log';
import { minorOf } from '../participants/messages.ts';
import { isRefusal, refusalMessage } from '../participants/participant-errors.ts';
import type { Participants } from '../participants/participants.ts';
import type { CartLineRecord } from '../store/carts-store.ts';

export interface PricedLine extends CartLineRecord {
  unitPriceMinor: number | null;
  lineTotalMinor: number | null;
  adjustments: Array<{ code: string; description: string; amountMinor: number }>;
}

export interface PricedCart {
  currency: string;
  /** `unavailable`: pricing did not answer or refused, and the lines are shown without prices. */
  pricing: 'priced' | 'unavailable';
  pricingDetail: string | null;
  lines: PricedLine[];
  subtotalMinor: number | null;
  discountMinor: number | null;
  taxMinor: number | null;
  totalMinor: number | null;
  taxIncluded: boolean | null;
}

/**
 * The cart's lines with prices from pricing (promotions and the tax of `country`). Pricing
 * being down or refusing must not hide the cart: it is shown without prices, flagged
 * `pricing: "unavailable"` with the reason. An empty cart costs nothing and needs no quote.
 */
export async function priceCart(
  pricing: Participants['pricing'],
  lines: readonly CartLineRecord[],
  where: { currency: string; country: string },
  logger: Logger,
): Promise<PricedCart> {
  const { currency } = where;
  const unpriced = (detail: string | null): PricedCart => ({
    currency,
    pricing: detail === null ? 'priced' : 'unavailable',
    pricingDetail: detail,
    lines: lines.map((line) => ({ ...line, unitPriceMinor: null, lineTotalMinor: null, adjustments: [] })),
    subtotalMinor: detail === null ? 0 : null,
    discountMinor: detail === null ? 0 : null,
    taxMinor: detail === null ? 0 : null,
    totalMinor: detail === null ? 0 : null,
    taxIncluded: null,
  });
  if (lines.length === 0) return unpriced(null);
  try {
    const quote = await pricing.quote({
      lines: lines.map(({ sku, quantity }) => ({ sku, quantity })),
      currency,
      shipTo: create(PostalAddressSchema, { country: where.country }),
    });
    const quoted = new Map(quote.lines.map((line) => [line.sku, line]));
    return {
      currency,
      pricing: 'priced',
      pricingDetail: null,
      lines: lines.map((line) => {
        const price = quoted.get(line.sku);
        if (!price) throw new Error(`the quote has no line for ${line.sku}`);
        return {
          ...line,
          unitPriceMinor: minorOf(price.unitPrice, currency, `unit price of ${line.sku}`),
          lineTotalMinor: minorOf(price.net, currency, `net of ${line.sku}`),
          adjustments: price.adjustments.map((adjustment) => ({
            code: adjustment.code,
            description: adjustment.description,
            amountMinor: minorOf(adjustment.amount, currency, `adjustment ${adjustment.code}`),
          })),
        };
      }),
      subtotalMinor: minorOf(quote.subtotal, currency, 'subtotal'),
      discountMinor: minorOf(quote.discountTotal, currency, 'discount total'),
      taxMinor: minorOf(quote.taxTotal, currency, 'tax total'),
      totalMinor: minorOf(quote.total, currency, 'total'),
      taxIncluded: quote.taxIncluded,
    };
  } catch (error) {
    if (isRefusal(error)) return unpriced(`pricing refused the cart: ${refusalMessage(error)}`);
    logger.warn({ err: error }, 'cart shown without prices: pricing did not answer');
    return unpriced('pricing is not available right now; prices are shown at checkout');
  }
}
