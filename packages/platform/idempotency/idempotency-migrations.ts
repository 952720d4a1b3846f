import { type ColumnType, type Generated, type Kysely, sql } from 'kysely';
import type { Migrations } from '../db/index.ts';

/** Merged into the migrations of every service whose mutating calls take an idempotency key. */
export const idempotencyMigrations: Migrations = {
  'idempotency-0001-keys': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (column) => column.notNull())
        .addColumn('key', 'text', (column) => column.notNull())
        .addColumn('request_hash', 'text', (column) => column.notNull())
        .addColumn('response', 'json')
        .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('idempotency_keys_pkey', ['scope', 'key'])
        .execute();
      await sql`create index idempotency_keys_created_at on idempotency_keys (created_at)`.execute(db);
    },
  },
};

export interface IdempotencyTables {
  idempotency_keys: {
    scope: string;
    key: string;
    request_hash: string;
    response: ColumnType<unknown, unknown, unknown>;
    created_at: Generated<Date>;
  };
}
