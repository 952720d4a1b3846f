import type { Migrations } from '@emporium/platform/db';
import { messagingMigrations } from '@emporium/platform/messaging';
import * as catalogSchema from './0001-catalog-schema.ts';

/**
 * Append-only: a new migration is a new numbered file added here, never an edit of an old one.
 * The chassis's messaging-* migrations (outbox, inbox, dead letters) run beside them.
 */
export const catalogMigrations: Migrations = {
  '0001-catalog-schema': catalogSchema,
  ...messagingMigrations,
};
