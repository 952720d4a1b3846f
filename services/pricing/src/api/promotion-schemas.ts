import { type TSchema, Type } from '@sinclair/typebox';
import { COUPON_CODE_INPUT_PATTERN } from '../domain/promotion.ts';
import { AmountMinor, Currency, DateTime, Line } from './field-schemas.ts';

const Nullable = <T extends TSchema>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description });

const Kind = Type.Union([Type.Literal('percentage'), Type.Literal('fixed')], {
  description: 'percentage: value in basis points (1000 = 10%); fixed: value in minor units of currency',
});
const Scope = Type.Union([Type.Literal('all'), Type.Literal('category'), Type.Literal('sku')], {
  description: 'What it covers: everything, the categories in targets, or the SKUs in targets',
});

const PromotionFields = {
  name: Line(120, 'Shown to shoppers in every adjustment it makes'),
  kind: Kind,
  value: Type.Integer({
    minimum: 1,
    maximum: 100_000_000,
    description: 'Basis points, or minor units (see kind)',
  }),
  currency: Nullable(
    Currency,
    'Needed by a fixed amount or a minimum subtotal; the promotion then applies only in it',
  ),
  scope: Scope,
  targets: Type.Array(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }), {
    maxItems: 500,
    uniqueItems: true,
    description: 'Category slugs (scope category) or SKUs (scope sku); empty for all',
  }),
  startsAt: DateTime('When it starts applying'),
  endsAt: Nullable(DateTime('When it stops applying (exclusive)'), 'null: no end'),
  couponCode: Nullable(
    Type.String({ pattern: COUPON_CODE_INPUT_PATTERN, description: 'Stored upper case' }),
    'A coupon applies only when its code is given; null: automatic',
  ),
  usageLimit: Nullable(
    Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    'Coupons only: how many orders may redeem it; null: unlimited',
  ),
  minSubtotalMinor: Nullable(
    AmountMinor('In currency'),
    'The gross of the lines it covers must reach this; null: no minimum',
  ),
  stackable: Type.Boolean({
    description: 'Applies on top of other promotions instead of competing with them',
  }),
  active: Type.Boolean({ description: 'false withdraws it (it can be brought back)' }),
};

export const NewPromotionBody = Type.Object(
  {
    name: PromotionFields.name,
    kind: PromotionFields.kind,
    value: PromotionFields.value,
    currency: Type.Optional(PromotionFields.currency),
    scope: Type.Optional(PromotionFields.scope),
    targets: Type.Optional(PromotionFields.targets),
    startsAt: Type.Optional(DateTime('When it starts applying; default now')),
    endsAt: Type.Optional(PromotionFields.endsAt),
    couponCode: Type.Optional(PromotionFields.couponCode),
    usageLimit: Type.Optional(PromotionFields.usageLimit),
    minSubtotalMinor: Type.Optional(PromotionFields.minSubtotalMinor),
    stackable: Type.Optional(PromotionFields.stackable),
    active: Type.Optional(PromotionFields.active),
  },
  { additionalProperties: false },
);

export const PromotionChangesBody = Type.Partial(Type.Object(PromotionFields), {
  additionalProperties: false,
  minProperties: 1,
  description: 'Fields to change; targets replaces the whole list. The result must be consistent as a whole.',
});

export const PromotionIdParams = Type.Object(
  { id: Type.String({ format: 'uuid', description: 'The promotion id' }) },
  { additionalProperties: false },
);

export const PromotionListQuery = Type.Object(
  {
    kind: Type.Optional(
      Type.Union([Type.Literal('coupon'), Type.Literal('automatic')], {
        description: 'Only coupons, or only automatic ones',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

export const PromotionView = Type.Object(
  {
    id: Type.String(),
    ...PromotionFields,
    name: Type.String(),
    targets: Type.Array(Type.String()),
    usedCount: Type.Integer({ description: 'Orders that redeemed it' }),
    remainingUses: Type.Integer({ description: 'Uses left; -1 when unlimited' }),
    status: Type.Union(
      ['withdrawn', 'scheduled', 'live', 'expired', 'used-up'].map((status) => Type.Literal(status)),
      { description: 'Where it stands now; only a live promotion changes prices' },
    ),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const PromotionListView = Type.Object(
  {
    promotions: Type.Array(PromotionView),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'null on the last page' }),
  },
  { additionalProperties: false },
);
