import type { Migrations } from '@emporium/platform/db';
import { idempotencyMigrations } from '@emporium/platform/idempotency';
import { messagingMigrations } from '@emporium/platform/messaging';
import { sagaMigrations } from '@emporium/platform/saga';
import * as ordersSchema from './0001-orders-schema.ts';
import * as checkoutChoreography from './0002-checkout-choreography.ts';
import * as choreographyRefusals from './0003-choreography-refusals.ts';
import * as cardTokenDigest from './0004-card-token-digest.ts';

/**
 * Append-only: a new migration is a new numbered file added here, never an edit of an old one.
 * The chassis's migrations (outbox, inbox and dead letters; idempotency keys; sagas and their
 * step log) run beside them.
 */
export const ordersMigrations: Migrations = {
  '0001-orders-schema': ordersSchema,
  '0002-checkout-choreography': checkoutChoreography,
  '0003-choreography-refusals': choreographyRefusals,
  '0004-card-token-digest': cardTokenDigest,
  ...messagingMigrations,
  ...idempotencyMigrations,
  ...sagaMigrations,
};
