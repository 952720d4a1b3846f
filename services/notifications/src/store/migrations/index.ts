import type { Migrations } from '@emporium/platform/db';
import { messagingMigrations } from '@emporium/platform/messaging';
import * as notificationsSchema from './0001-notifications-schema.ts';

/**
 * Append-only: a new migration is a new numbered file added here, never an edit of an old one.
 * The chassis's messaging-* migrations (outbox, inbox, dead letters) run beside them.
 */
export const notificationsMigrations: Migrations = {
  '0001-notifications-schema': notificationsSchema,
  ...messagingMigrations,
};
