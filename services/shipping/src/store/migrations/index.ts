import type { Migrations } from '@emporium/platform/db';
import { idempotencyMigrations } from '@emporium/platform/idempotency';
import { messagingMigrations } from '@emporium/platform/messaging';
import * as shippingSchema from './0001-shipping-schema.ts';
import * as seedRateTables from './0002-seed-rate-tables.ts';

/**
 * Append-only: a new migration is a new numbered file added here, never an edit of an old one.
 * The chassis's messaging-* (outbox, inbox, dead letters) and idempotency-* migrations run beside them.
 */
export const shippingMigrations: Migrations = {
  '0001-shipping-schema': shippingSchema,
  '0002-seed-rate-tables': seedRateTables,
  ...messagingMigrations,
  ...idempotencyMigrations,
};
