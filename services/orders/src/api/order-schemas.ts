import { Type } from '@sinclair/typebox';
import { CANCELLATION_CODES } from '../domain/cancellation-reason.ts';
import { ORDER_STATUSES } from '../domain/order-status.ts';
import { MaybeMoney, MoneyView } from './common-schemas.ts';

const Line = (maxLength: number) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: '^\\S(.*\\S)?$',
    description: 'One line, no surrounding spaces',
  });

export const ShipToBody = Type.Object(
  {
    name: Line(120),
    line1: Line(200),
    line2: Type.Optional(Line(200)),
    city: Line(100),
    region: Type.Optional(
      Type.String({
        pattern: '^[A-Z0-9]{1,3}$',
        description: 'ISO 3166-2 subdivision without the country, e.g. CA',
      }),
    ),
    postalCode: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9][A-Za-z0-9 -]*$' }),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, e.g. DE' }),
    phone: Type.Optional(Type.String({ maxLength: 32, pattern: '^\\+?[0-9 ()-]{4,31}$' })),
  },
  { additionalProperties: false },
);

export const CheckoutBody = Type.Object(
  {
    shipTo: ShipToBody,
    cardToken: Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[\\x21-\\x7e]+$',
      description: 'A single-use card token from payments (POST /payments/tokens)',
    }),
    couponCode: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$' })),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'Default EUR' })),
    carrier: Type.Optional(
      Type.String({
        pattern: '^[a-z][a-z0-9-]{0,31}$',
        description: 'Default: the cheapest of the service level',
      }),
    ),
    serviceLevel: Type.Optional(
      Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$', description: 'Default standard' }),
    ),
  },
  { additionalProperties: false },
);

const Status = Type.Union(ORDER_STATUSES.map((status) => Type.Literal(status)));

export const CheckoutAccepted = Type.Object(
  {
    orderId: Type.String({ format: 'uuid' }),
    sagaId: Type.String({ format: 'uuid', description: 'The checkout saga (GET /sagas/:id, admins)' }),
    status: Type.Literal('pending'),
  },
  { additionalProperties: false },
);

export const SagaAccepted = Type.Object(
  {
    orderId: Type.String({ format: 'uuid' }),
    sagaId: Type.String({ format: 'uuid' }),
    status: Status,
  },
  { additionalProperties: false },
);

export const OrderIdParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const CancelBody = Type.Object(
  {
    reason: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: 'Shown in the order history' }),
    ),
  },
  { additionalProperties: false },
);

export const RefundBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export const OrderListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

export const AdminOrderListQuery = Type.Object(
  {
    ...OrderListQuery.properties,
    status: Type.Optional(Status),
    userId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const OrderView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    userId: Type.String(),
    status: Status,
    currency: Type.String(),
    lines: Type.Array(
      Type.Object({
        sku: Type.String(),
        name: Type.String(),
        quantity: Type.Integer(),
        unitPrice: MaybeMoney,
        lineTotal: MaybeMoney,
      }),
    ),
    subtotal: MaybeMoney,
    discountTotal: MaybeMoney,
    taxTotal: MaybeMoney,
    shipping: MaybeMoney,
    total: Type.Union([MoneyView, Type.Null()], {
      description: 'What the customer pays, shipping included; null until checkout has priced the order',
    }),
    taxIncluded: Type.Union([Type.Boolean(), Type.Null()]),
    captured: MaybeMoney,
    refunded: MaybeMoney,
    couponCode: Type.Union([Type.String(), Type.Null()]),
    shipTo: ShipToBody,
    carrier: Type.Union([Type.String(), Type.Null()]),
    serviceLevel: Type.String(),
    paymentId: Type.Union([Type.String(), Type.Null()]),
    shipmentId: Type.Union([Type.String(), Type.Null()]),
    trackingNumber: Type.Union([Type.String(), Type.Null()]),
    cancellation: Type.Union([
      Type.Object({
        code: Type.Union(CANCELLATION_CODES.map((code) => Type.Literal(code))),
        reason: Type.String(),
      }),
      Type.Null(),
    ]),
    checkoutSagaId: Type.String({ format: 'uuid' }),
    cancellationSagaId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    refundSagaId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    placedAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const OrderDetailView = Type.Object(
  {
    ...OrderView.properties,
    history: Type.Array(
      Type.Object({ status: Status, note: Type.Union([Type.String(), Type.Null()]), at: Type.String() }),
      { description: 'Every move of the order, oldest first' },
    ),
  },
  { additionalProperties: false },
);

export const OrderListView = Type.Object(
  {
    items: Type.Array(OrderView),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
