import { serviceBaseConfig } from '@emporium/platform/config';
import { eventBusConfig } from '@emporium/platform/messaging';
import { type Static, Type } from '@sinclair/typebox';

const positive = (fallback: number, description: string, minimum = 1) =>
  Type.Integer({ minimum, default: fallback, description });

export const OrdersConfig = Type.Object({
  ...serviceBaseConfig(4005),
  ...eventBusConfig(),
  IDENTITY_JWKS_URL: Type.String({
    format: 'uri',
    pattern: '^https?://',
    description: "URL of identity's JSON Web Key Set, which verifies customers' and admins' access tokens",
  }),
  CHECKOUT_STYLE: Type.Union([Type.Literal('orchestration'), Type.Literal('choreography')], {
    default: 'orchestration',
    description:
      'How checkout runs: orchestration (this service drives a durable saga over gRPC) or choreography (an event chain through the bus; needs NATS_URL or BUS_DATABASE_URL)',
  }),
  DEFAULT_CURRENCY: Type.String({
    pattern: '^[A-Z]{3}$',
    default: 'EUR',
    description: 'ISO 4217 currency of cart prices and of a checkout that names none',
  }),
  CART_PRICING_COUNTRY: Type.String({
    pattern: '^[A-Z]{2}$',
    default: 'DE',
    description:
      'Destination whose tax the cart shows before an address is known (GET /cart?country= overrides)',
  }),
  DEFAULT_SERVICE_LEVEL: Type.String({
    pattern: '^[a-z][a-z0-9-]{0,31}$',
    default: 'standard',
    description: 'Shipping service level of a checkout that names none',
  }),
  PARCEL_GRAMS_PER_ITEM: positive(
    500,
    'Weight assumed per unit when booking a parcel (products carry no weight)',
  ),
  RESERVATION_TTL_SECONDS: Type.Integer({
    minimum: 10,
    maximum: 86_400,
    default: 86_400,
    description:
      "How long inventory holds an order's stock before it ships (Commit); inventory allows at most a day",
  }),
  GUEST_CART_TTL_DAYS: positive(30, 'Guest carts untouched this long are deleted'),
  SAGA_TIMEOUT_MS: positive(120_000, 'A checkout still running after this long stops and compensates', 1000),
  SAGA_STEP_TIMEOUT_MS: positive(5_000, 'Per attempt of a saga step', 100),
  SAGA_MAX_ATTEMPTS: positive(3, 'Attempts of a saga step before the saga compensates'),
  SAGA_COMPENSATION_MAX_ATTEMPTS: positive(
    8,
    'Attempts of a compensation before the saga is parked for an operator',
  ),
  SAGA_RETRY_INITIAL_MS: positive(100, 'First delay between attempts of a step (doubling, with jitter)', 0),
  SAGA_RETRY_MAX_MS: positive(5_000, 'Longest delay between attempts of a step', 0),
  SAGA_LEASE_MS: positive(10_000, "How long a saga stays this instance's without renewal", 100),
  FAULT_CRASH_AFTER_STEPS: Type.String({
    pattern: '^([a-z][a-z-]*(,[a-z][a-z-]*)*)?$',
    default: '',
    description:
      'Fault injection for chaos tests, never in production: checkout steps (comma-separated, e.g. reserve-stock,quote) after which this process kills itself; another replica takes the saga over',
  }),
  SAGA_POLL_MS: positive(
    500,
    'How often the engine looks for sagas nobody runs (new ones here start at once)',
    10,
  ),
});
export type OrdersConfig = Static<typeof OrdersConfig>;
