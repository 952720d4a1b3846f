import { Type } from '@sinclair/typebox';
import { COUPON_CODE_INPUT_PATTERN } from '../domain/promotion.ts';
import { MAX_QUANTITY, MAX_QUOTE_LINES } from '../domain/quote-request.ts';
import { COUNTRY_PATTERN, REGION_PATTERN } from '../domain/tax-rule.ts';
import { Currency, Sku } from './field-schemas.ts';

const Text = (maxLength: number) => Type.String({ maxLength, pattern: '^[^\\u0000-\\u001f\\u007f]*$' });

export const QuoteBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        { sku: Sku, quantity: Type.Integer({ minimum: 1, maximum: MAX_QUANTITY }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_QUOTE_LINES, description: 'Each SKU once, with its whole quantity' },
    ),
    currency: Currency,
    couponCode: Type.Optional(
      Type.String({
        pattern: COUPON_CODE_INPUT_PATTERN,
        description: 'Any case; at most one coupon per quote',
      }),
    ),
    shipTo: Type.Object(
      {
        country: Type.String({ pattern: COUNTRY_PATTERN, description: 'ISO 3166-1 alpha-2: DE' }),
        region: Type.Optional(
          Type.String({
            pattern: REGION_PATTERN,
            description:
              'ISO 3166-2 subdivision without the country, needed where tax differs by region (US: CA)',
          }),
        ),
        // The rest of a postal address may come along; tax only reads country and region.
        postalCode: Type.Optional(Text(20)),
        city: Type.Optional(Text(100)),
        lines: Type.Optional(Type.Array(Text(200), { maxItems: 5 })),
        recipient: Type.Optional(Text(200)),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const Amount = (description: string) => Type.Integer({ description });

export const QuoteView = Type.Object(
  {
    currency: Type.String(),
    lines: Type.Array(
      Type.Object({
        sku: Type.String(),
        quantity: Type.Integer(),
        unitPriceMinor: Amount('The list price of one unit'),
        grossMinor: Amount('unitPriceMinor × quantity'),
        adjustments: Type.Array(
          Type.Object({
            code: Type.String({ description: 'promotion:<id> or coupon:<CODE>' }),
            description: Type.String(),
            amountMinor: Amount('Negative: what it takes off'),
          }),
          { description: 'In the order applied' },
        ),
        netMinor: Amount('grossMinor plus the adjustments; never negative'),
        taxes: Type.Array(
          Type.Object({
            name: Type.String(),
            rateBps: Type.Integer({ description: 'Basis points: 1900 = 19%' }),
            amountMinor: Amount('Included in netMinor, or added to it (see taxIncluded)'),
          }),
        ),
      }),
      { description: 'In the order asked' },
    ),
    subtotalMinor: Amount('Σ grossMinor'),
    discountTotalMinor: Amount('Σ adjustments: zero or negative'),
    taxTotalMinor: Amount('Σ taxes'),
    totalMinor: Amount('Σ netMinor, plus taxTotalMinor when tax is added'),
    taxIncluded: Type.Boolean({
      description: 'Tax is part of the prices (EU VAT) or added on top (US sales tax)',
    }),
    couponCode: Type.Union([Type.String(), Type.Null()], { description: 'The coupon as applied' }),
  },
  { additionalProperties: false },
);
