import type { Migrations } from '@emporium/platform/db';
import * as catalogSchema from './0001-catalog-schema.ts';

/** Append-only: a new migration is a new numbered file added here, never an edit of an old one. */
export const catalogMigrations: Migrations = {
  '0001-catalog-schema': catalogSchema,
};
