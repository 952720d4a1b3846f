import type { Migrations } from '@emporium/platform/db';
import { idempotencyMigrations } from '@emporium/platform/idempotency';
import { messagingMigrations } from '@emporium/platform/messaging';
import * as inventorySchema from './0001-inventory-schema.ts';
import * as stockMovements from './0002-stock-movements.ts';

/**
 * Append-only: a new migration is a new numbered file added here, never an edit of an old one.
 * The chassis's messaging-* (outbox, inbox, dead letters) and idempotency-* migrations run
 * beside them.
 */
export const inventoryMigrations: Migrations = {
  '0001-inventory-schema': inventorySchema,
  '0002-stock-movements': stockMovements,
  ...messagingMigrations,
  ...idempotencyMigrations,
};
