import type { Migrations } from '@emporium/platform/db';
import { messagingMigrations } from '@emporium/platform/messaging';
import * as usersSessionsAddresses from './0001-users-sessions-addresses.ts';

/**
 * Identity's migrations in the order they run; append new files, never edit applied ones.
 * The chassis's messaging-* migrations (outbox, inbox, dead letters) run beside them.
 */
export const migrations: Migrations = {
  '0001-users-sessions-addresses': usersSessionsAddresses,
  ...messagingMigrations,
};
