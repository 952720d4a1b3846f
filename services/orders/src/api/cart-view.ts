import type { Static } from '@sinclair/typebox';
import type { CartCaller } from '../carts/cart-caller.ts';
import type { PricedCart } from '../carts/price-cart.ts';
import type { CartRecord } from '../store/carts-store.ts';
import type { CartView } from './cart-schemas.ts';
import { money } from './common-schemas.ts';

export function toCartView(
  cart: CartRecord | undefined,
  owner: CartCaller['kind'],
  priced: PricedCart,
): Static<typeof CartView> {
  const { currency } = priced;
  return {
    id: cart?.id ?? null,
    owner,
    currency,
    pricing: priced.pricing,
    pricingDetail: priced.pricingDetail,
    lines: priced.lines.map((line) => ({
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPrice: money(line.unitPriceMinor, currency),
      lineTotal: money(line.lineTotalMinor, currency),
      adjustments: line.adjustments.map((adjustment) => ({
        code: adjustment.code,
        description: adjustment.description,
        amount: { amountMinor: adjustment.amountMinor, currency },
      })),
    })),
    itemCount: priced.lines.reduce((units, line) => units + line.quantity, 0),
    subtotal: money(priced.subtotalMinor, currency),
    discountTotal: money(priced.discountMinor, currency),
    taxTotal: money(priced.taxMinor, currency),
    total: money(priced.totalMinor, currency),
    taxIncluded: priced.taxIncluded,
    updatedAt: cart?.updatedAt.toISOString() ?? null,
  };
}
