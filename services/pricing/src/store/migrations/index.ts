import type { Migrations } from '@emporium/platform/db';
import { idempotencyMigrations } from '@emporium/platform/idempotency';
import { messagingMigrations } from '@emporium/platform/messaging';
import * as pricingSchema from './0001-pricing-schema.ts';

/**
 * Append-only: a new migration is a new numbered file added here, never an edit of an old one.
 * The chassis's messaging-* (outbox, inbox, dead letters) and idempotency-* migrations run beside them.
 */
export const pricingMigrations: Migrations = {
  '0001-pricing-schema': pricingSchema,
  ...messagingMigrations,
  ...idempotencyMigrations,
};
