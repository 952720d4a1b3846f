import { Type } from '@sinclair/typebox';
import { MAX_WEIGHT_GRAMS, MIN_WEIGHT_GRAMS } from '../domain/rate-card.ts';
import {
  COUNTRY_PATTERN,
  ONE_LINE_PATTERN,
  POSTAL_CODE_PATTERN,
  SHIP_TO_LIMITS,
} from '../domain/ship-to-rules.ts';

export const BEARER = [{ bearer: [] }];

// Written out rather than mapped from SHIPMENT_STATUSES, ZONES, SERVICE_LEVELS: Fastify's type
// provider only infers unions of literals. The views assign the domain types to these, so a
// value added on one side only fails to compile.
export const Status = Type.Union(
  [
    Type.Literal('label_created'),
    Type.Literal('picked_up'),
    Type.Literal('in_transit'),
    Type.Literal('out_for_delivery'),
    Type.Literal('delivered'),
    Type.Literal('exception'),
    Type.Literal('returned'),
    Type.Literal('cancelled'),
  ],
  { description: 'Where the parcel is in its journey' },
);
const ServiceLevel = Type.Union([Type.Literal('standard'), Type.Literal('express')]);
const Zone = Type.Union(
  [Type.Literal('domestic'), Type.Literal('eu'), Type.Literal('europe'), Type.Literal('world')],
  { description: 'From the warehouse (NL): domestic, the rest of the EU, the rest of Europe, the world' },
);

const Country = Type.String({ pattern: COUNTRY_PATTERN, description: 'ISO 3166-1 alpha-2, e.g. DE' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. EUR' });

export const MoneyView = Type.Object({
  amountMinor: Type.Integer({ description: 'Minor units, e.g. cents' }),
  currency: Type.String(),
});

export const RateQuoteBody = Type.Object(
  {
    shipTo: Type.Object(
      {
        country: Country,
        postalCode: Type.Optional(
          Type.String({ maxLength: SHIP_TO_LIMITS.postalCode, pattern: POSTAL_CODE_PATTERN }),
        ),
        city: Type.Optional(Type.String({ maxLength: SHIP_TO_LIMITS.city, pattern: ONE_LINE_PATTERN })),
      },
      { additionalProperties: false, description: 'Only where it goes; no name or street is needed' },
    ),
    weightGrams: Type.Integer({ minimum: MIN_WEIGHT_GRAMS, maximum: MAX_WEIGHT_GRAMS }),
    currency: Type.Optional(Currency),
  },
  { additionalProperties: false },
);

export const RateView = Type.Object({
  carrier: Type.String(),
  carrierName: Type.String(),
  serviceLevel: ServiceLevel,
  price: MoneyView,
  estimatedDays: Type.Object({ min: Type.Integer(), max: Type.Integer() }),
});

export const RateQuoteView = Type.Object({
  zone: Zone,
  currency: Type.String(),
  rates: Type.Array(RateView, { description: 'Cheapest first; empty when no carrier delivers there' }),
});

export const TrackingParams = Type.Object(
  { trackingNumber: Type.String({ minLength: 1, maxLength: 40, description: 'e.g. PP473920158NL' }) },
  { additionalProperties: false },
);

const TrackingEventView = Type.Object({
  status: Status,
  description: Type.String(),
  location: Type.String({ description: 'City, country' }),
  time: Type.String({ format: 'date-time' }),
});

export const TrackingView = Type.Object({
  trackingNumber: Type.String(),
  carrier: Type.String(),
  carrierName: Type.String(),
  serviceLevel: ServiceLevel,
  status: Status,
  destination: Type.Object({ city: Type.String(), country: Type.String() }),
  estimatedDelivery: Type.Union(
    [
      Type.Object({ earliest: Type.String({ format: 'date' }), latest: Type.String({ format: 'date' }) }),
      Type.Null(),
    ],
    { description: 'Calendar dates; null once the journey is over' },
  ),
  events: Type.Array(TrackingEventView, { description: 'Oldest first' }),
});

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const ShipmentListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'nextCursor of the previous page' }),
    ),
    status: Type.Optional(Status),
    orderId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: ONE_LINE_PATTERN })),
  },
  { additionalProperties: false },
);

export const ShipmentView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  orderId: Type.String(),
  carrier: Type.String(),
  serviceLevel: ServiceLevel,
  trackingNumber: Type.String(),
  status: Status,
  shipTo: Type.Object({
    recipient: Type.String(),
    lines: Type.Array(Type.String()),
    city: Type.String(),
    postalCode: Type.String(),
    region: Type.String(),
    country: Type.String(),
  }),
  zone: Zone,
  items: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer() })),
  weightGrams: Type.Integer(),
  price: MoneyView,
  estimatedDays: Type.Object({ min: Type.Integer(), max: Type.Integer() }),
  deliveryAttempts: Type.Integer(),
  labelPath: Type.String({ description: 'GET it (admin) for the PDF label' }),
  trackingPath: Type.String({ description: 'The public tracking page of the parcel' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ShipmentDetailView = Type.Object({
  ...ShipmentView.properties,
  timeline: Type.Array(TrackingEventView, { description: 'Oldest first' }),
});

export const ShipmentListView = Type.Object({
  shipments: Type.Array(ShipmentView),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as cursor for the next page; null on the last page',
  }),
});

const LaneView = Type.Object({
  serviceLevel: ServiceLevel,
  zone: Zone,
  estimatedDays: Type.Object({ min: Type.Integer(), max: Type.Integer() }),
  rates: Type.Array(Type.Object({ maxWeightGrams: Type.Integer(), price: MoneyView }), {
    description: 'Weight brackets, lightest first: parcels up to maxWeightGrams cost price',
  }),
});

export const CarrierListView = Type.Object({
  carriers: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      trackingPrefix: Type.String(),
      lanes: Type.Array(LaneView),
      unservedCountries: Type.Array(Type.String(), {
        description: 'Not delivered to, though in a served zone',
      }),
    }),
  ),
});
