import { Type } from '@sinclair/typebox';
import { CUSTOMER, IdempotencyKeyHeader, MaybeMoney, MoneyView, Quantity, Sku } from './common-schemas.ts';

export const CartHeaders = Type.Object({
  'x-cart-id': Type.Optional(
    Type.String({
      format: 'uuid',
      description: 'A guest cart (from POST /carts); ignored when an access token is sent',
    }),
  ),
  ...IdempotencyKeyHeader,
});

export const CART_ROUTE = {
  tags: ['cart'],
  security: [{}, ...CUSTOMER.security],
  headers: CartHeaders,
};

export const CartQuery = Type.Object(
  {
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'Default EUR' })),
    country: Type.Optional(
      Type.String({
        pattern: '^[A-Z]{2}$',
        description: 'Whose tax to show (ISO 3166-1 alpha-2); default DE',
      }),
    ),
  },
  { additionalProperties: false },
);

export const NewCartItemBody = Type.Object({ sku: Sku, quantity: Quantity }, { additionalProperties: false });
export const CartItemChangeBody = Type.Object({ quantity: Quantity }, { additionalProperties: false });
export const CartSkuParams = Type.Object(
  { sku: Type.String({ minLength: 1, maxLength: 100, description: 'The SKU of the line' }) },
  { additionalProperties: false },
);
export const MergeCartBody = Type.Object(
  { guestCartId: Type.String({ format: 'uuid', description: 'The guest cart to fold into yours' }) },
  { additionalProperties: false },
);

const CartLineView = Type.Object(
  {
    sku: Type.String(),
    name: Type.String(),
    quantity: Type.Integer(),
    unitPrice: MaybeMoney,
    lineTotal: Type.Union([MoneyView, Type.Null()], { description: 'After promotions' }),
    adjustments: Type.Array(
      Type.Object({ code: Type.String(), description: Type.String(), amount: MoneyView }),
      { description: 'Promotions applied to the line (negative amounts)' },
    ),
  },
  { additionalProperties: false },
);

export const CartView = Type.Object(
  {
    id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
      description: 'null for a user who has not added anything yet',
    }),
    owner: Type.Union([Type.Literal('user'), Type.Literal('guest')]),
    currency: Type.String(),
    pricing: Type.Union([Type.Literal('priced'), Type.Literal('unavailable')], {
      description: 'unavailable: pricing did not answer (or refused), and prices are null',
    }),
    pricingDetail: Type.Union([Type.String(), Type.Null()]),
    lines: Type.Array(CartLineView),
    itemCount: Type.Integer({ description: 'Units over all lines' }),
    subtotal: MaybeMoney,
    discountTotal: MaybeMoney,
    taxTotal: MaybeMoney,
    total: Type.Union([MoneyView, Type.Null()], { description: 'Before shipping, which checkout adds' }),
    taxIncluded: Type.Union([Type.Boolean(), Type.Null()]),
    updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);
