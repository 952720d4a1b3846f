import type { Migrations } from '@emporium/platform/db';
import { messagingMigrations } from '@emporium/platform/messaging';
import * as analyticsSchema from './0001-analytics-schema.ts';

/**
 * Append-only: a new migration is a new numbered file added here, never an edit of an old one.
 * The chassis's messaging-* migrations (inbox, dead letters, outbox) run beside them.
 */
export const analyticsMigrations: Migrations = {
  '0001-analytics-schema': analyticsSchema,
  ...messagingMigrations,
};
