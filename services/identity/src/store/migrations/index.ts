import type { Migrations } from '@emporium/platform/db';
import * as usersSessionsAddresses from './0001-users-sessions-addresses.ts';

/** Identity's migrations in the order they run; append new files, never edit applied ones. */
export const migrations: Migrations = {
  '0001-users-sessions-addresses': usersSessionsAddresses,
};
