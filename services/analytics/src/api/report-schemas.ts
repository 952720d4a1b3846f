import { type TSchema, Type } from '@sinclair/typebox';

export const BEARER = [{ bearer: [] }];

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Share = Nullable(
  Type.Number({ minimum: 0, maximum: 1, description: 'A share, 4 decimals; null: nothing to share' }),
);
const Day = Type.String({ format: 'date', description: 'A UTC day, YYYY-MM-DD' });

export const RevenueQuery = Type.Object(
  { from: Type.Optional(Day), to: Type.Optional(Day) },
  { additionalProperties: false },
);
export const TopQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })) },
  { additionalProperties: false },
);

export const RevenueReport = Type.Object(
  {
    days: Type.Array(
      Type.Object(
        {
          day: Type.String(),
          currency: Type.String(),
          capturedMinor: Type.Integer({ description: 'Captured payments, minor units' }),
          refundedMinor: Type.Integer({ description: 'Refunds, minor units' }),
          netMinor: Type.Integer(),
          captures: Type.Integer(),
          refunds: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const OrdersByStatusReport = Type.Object(
  {
    statuses: Type.Array(
      Type.Object({ status: Type.String(), orders: Type.Integer() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

export const TopProductsReport = Type.Object(
  {
    products: Type.Array(
      Type.Object(
        {
          sku: Type.String(),
          name: Nullable(Type.String()),
          category: Nullable(Type.String()),
          units: Type.Integer(),
          orders: Type.Integer(),
          revenue: Type.Array(
            Type.Object(
              { currency: Type.String(), amountMinor: Type.Integer() },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const TopCategoriesReport = Type.Object(
  {
    categories: Type.Array(
      Type.Object(
        { category: Type.String(), units: Type.Integer(), orders: Type.Integer() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const FunnelReport = Type.Object(
  {
    stages: Type.Array(
      Type.Object(
        {
          stage: Type.Union(
            ['cart', 'checkout', 'confirmed', 'paid', 'delivered'].map((stage) => Type.Literal(stage)),
          ),
          orders: Type.Integer({ description: 'Carts started for the cart stage; orders for the others' }),
          fromPrevious: Share,
          fromCheckout: Share,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const SagaReport = Type.Object(
  {
    checkouts: Type.Integer(),
    completed: Type.Integer({ description: 'The order was confirmed' }),
    compensated: Type.Integer({ description: 'Cancelled by the saga before confirmation' }),
    inProgress: Type.Integer(),
    compensationReasons: Type.Array(
      Type.Object({ reasonCode: Type.String(), orders: Type.Integer() }, { additionalProperties: false }),
    ),
    cancelledAfterConfirmation: Type.Integer(),
    paymentFailures: Type.Array(
      Type.Object({ failureCode: Type.String(), count: Type.Integer() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

export const NotificationReport = Type.Object(
  {
    deliveries: Type.Array(
      Type.Object(
        {
          channel: Type.String(),
          kind: Type.String(),
          sent: Type.Integer(),
          failed: Type.Integer(),
          skipped: Type.Integer({ description: 'Opted out' }),
          deliveryRate: Share,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const RebuildResult = Type.Object(
  { facts: Type.Integer({ description: 'Facts replayed' }), rebuiltAt: Type.String({ format: 'date-time' }) },
  { additionalProperties: false },
);

export const FactsQuery = Type.Object(
  {
    type: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Only facts of this event type' }),
    ),
    after: Type.Optional(
      Type.String({
        pattern: '^(0|[1-9][0-9]{0,18})$',
        description: 'Facts after this seq (the last of a page)',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const FactsPage = Type.Object(
  {
    facts: Type.Array(
      Type.Object(
        {
          seq: Type.String(),
          eventId: Type.String(),
          type: Type.String(),
          source: Type.String(),
          subject: Type.String(),
          occurredAt: Type.String({ format: 'date-time' }),
          data: Type.Unknown(),
        },
        { additionalProperties: false },
      ),
    ),
    total: Type.Integer({ description: 'Facts in the store (of the type, when one is asked)' }),
  },
  { additionalProperties: false },
);
