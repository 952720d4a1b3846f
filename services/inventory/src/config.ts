import { serviceBaseConfig } from '@emporium/platform/config';
import { eventBusConfig } from '@emporium/platform/messaging';
import { type Static, Type } from '@sinclair/typebox';
import { TTL_SECONDS } from './domain/reservation-lines.ts';

export const InventoryConfig = Type.Object({
  ...serviceBaseConfig(4003),
  ...eventBusConfig(),
  IDENTITY_JWKS_URL: Type.String({
    format: 'uri',
    pattern: '^https?://',
    description: "URL of identity's JSON Web Key Set, which verifies admin access tokens",
  }),
  SEED_STOCK: Type.Boolean({
    default: true,
    description: 'Stock the demo catalogue in every warehouse on first start, when no stock is kept yet',
  }),
  RESERVATION_TTL_SECONDS: Type.Integer({
    minimum: TTL_SECONDS.min,
    maximum: TTL_SECONDS.max,
    default: 900,
    description: 'How long a reservation holds without a Commit when Reserve gives no ttl_seconds',
  }),
  RESERVATION_EXPIRY_INTERVAL_MS: Type.Integer({
    minimum: 50,
    maximum: 3_600_000,
    default: 5_000,
    description: 'How often the expiry job looks for reservations past their expiry',
  }),
  RESERVATION_EXPIRY_BATCH: Type.Integer({
    minimum: 1,
    maximum: 1_000,
    default: 100,
    description: 'Reservations the expiry job releases per transaction',
  }),
  LOW_STOCK_THRESHOLD: Type.Integer({
    minimum: 0,
    maximum: 1_000_000,
    default: 5,
    description: 'A SKU is low on stock when its availability over all warehouses is at or below this',
  }),
});
export type InventoryConfig = Static<typeof InventoryConfig>;
