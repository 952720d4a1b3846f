import { Type } from '@sinclair/typebox';
import { AmountMinor, DateTime, PathText, Sku } from './field-schemas.ts';

export const SkuParams = Type.Object({ sku: PathText(100, 'The SKU') }, { additionalProperties: false });

export const PriceParams = Type.Object(
  { sku: Sku, currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, upper case' }) },
  { additionalProperties: false },
);

export const PriceBody = Type.Object(
  {
    // Zero is refused: far likelier a slip than a gift (a 100% promotion gives things away).
    amountMinor: AmountMinor('The new unit price in minor units (cents): 1999 = 19.99', 1),
    validFrom: Type.Optional(
      DateTime('When it takes effect: now when absent; a future time schedules it; not in the past'),
    ),
  },
  { additionalProperties: false },
);

const Price = Type.Object(
  {
    currency: Type.String(),
    amountMinor: Type.Integer(),
    validFrom: Type.String({
      format: 'date-time',
      description: 'Since when (or, when scheduled, from when)',
    }),
  },
  { additionalProperties: false },
);

export const SkuPricesView = Type.Object(
  {
    sku: Type.String(),
    categorySlug: Type.Union([Type.String(), Type.Null()], {
      description: "The SKU's category as the catalog last said; null when not known yet",
    }),
    prices: Type.Array(Price, { description: 'The price in effect now, one per currency' }),
    scheduled: Type.Array(Price, { description: 'Changes that take effect later, soonest first' }),
  },
  { additionalProperties: false },
);

export const PriceSetView = Type.Object(
  {
    sku: Type.String(),
    currency: Type.String(),
    amountMinor: Type.Integer(),
    validFrom: Type.String({ format: 'date-time' }),
    previousAmountMinor: Type.Union([Type.Integer(), Type.Null()], {
      description: 'What applied from validFrom before; null for a first price',
    }),
    changed: Type.Boolean({
      description: 'False when it already had this price: nothing written or published',
    }),
  },
  { additionalProperties: false },
);
