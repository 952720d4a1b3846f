import type { Migrations } from '@emporium/platform/db';
import { idempotencyMigrations } from '@emporium/platform/idempotency';
import { messagingMigrations } from '@emporium/platform/messaging';
import * as paymentsSchema from './0001-payments-schema.ts';
import * as doubleEntryLedger from './0002-double-entry-ledger.ts';

/**
 * Append-only: a new migration is a new numbered file added here, never an edit of an old one.
 * The chassis's messaging-* (outbox, inbox, dead letters) and idempotency-* migrations run beside them.
 */
export const paymentsMigrations: Migrations = {
  '0001-payments-schema': paymentsSchema,
  '0002-double-entry-ledger': doubleEntryLedger,
  ...messagingMigrations,
  ...idempotencyMigrations,
};
