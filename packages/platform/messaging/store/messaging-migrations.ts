import { type Kysely, sql } from 'kysely';
import type { Migrations } from '../../db/index.ts';

/**
 * Merged into every service's migrations that publishes or consumes events. Named so they
 * sort after the service's own numbered ones; migrateToLatest allows interleaving.
 */
export const messagingMigrations: Migrations = {
  'messaging-0001-outbox-inbox-dead-letters': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('outbox')
        .addColumn('seq', 'bigserial', (column) => column.primaryKey())
        .addColumn('id', 'uuid', (column) => column.notNull().unique())
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('subject', 'text', (column) => column.notNull())
        .addColumn('body', 'text', (column) => column.notNull())
        .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
        .addColumn('sent_at', 'timestamptz')
        .execute();
      // The relay reads only what is pending, in order.
      await sql`create index outbox_pending on outbox (seq) where sent_at is null`.execute(db);

      await db.schema
        .createTable('inbox')
        .addColumn('consumer_group', 'text', (column) => column.notNull())
        .addColumn('event_id', 'text', (column) => column.notNull())
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('handled_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('inbox_pkey', ['consumer_group', 'event_id'])
        .execute();

      await db.schema
        .createTable('dead_letters')
        .addColumn('id', 'bigserial', (column) => column.primaryKey())
        .addColumn('consumer_group', 'text', (column) => column.notNull())
        .addColumn('event_id', 'text')
        .addColumn('type', 'text')
        .addColumn('body', 'text', (column) => column.notNull())
        .addColumn('error', 'text', (column) => column.notNull())
        .addColumn('attempts', 'integer', (column) => column.notNull())
        .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
        .addColumn('replayed_at', 'timestamptz')
        .execute();
    },
  },
};
