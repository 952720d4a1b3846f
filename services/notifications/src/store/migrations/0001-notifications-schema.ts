import { type Kysely, sql } from 'kysely';

const CHANNEL = sql`in ('email', 'sms', 'push')`;
const STATUS = sql`in ('pending', 'sent', 'failed', 'skipped')`;

/** Recipients (projected from identity), notifications, their delivery log, and the SMTP sink's mails. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recipients')
    .addColumn('user_id', 'text', (column) => column.primaryKey())
    .addColumn('email', 'text')
    .addColumn('name', 'text')
    .addColumn('locale', 'text', (column) => column.notNull().defaultTo('en'))
    .addColumn('channel_email', 'boolean', (column) => column.notNull().defaultTo(true))
    .addColumn('channel_sms', 'boolean', (column) => column.notNull().defaultTo(false))
    .addColumn('channel_push', 'boolean', (column) => column.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('order_recipients')
    .addColumn('order_id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('seq', 'bigserial', (column) => column.notNull().unique())
    .addColumn('event_id', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('order_id', 'text')
    .addColumn('locale', 'text', (column) => column.notNull())
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('body_text', 'text', (column) => column.notNull())
    .addColumn('body_html', 'text', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addUniqueConstraint('notifications_once_per_event', ['event_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('notifications_by_user')
    .on('notifications')
    .columns(['user_id', 'seq desc'])
    .execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('notification_id', 'uuid', (column) => column.notNull().references('notifications.id'))
    .addColumn('channel', 'text', (column) => column.notNull().check(sql`channel ${CHANNEL}`))
    .addColumn('status', 'text', (column) => column.notNull().check(sql`status ${STATUS}`))
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('address', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
    .addUniqueConstraint('deliveries_one_per_channel', ['notification_id', 'channel'])
    .addCheckConstraint(
      'deliveries_pending_are_due',
      sql`(status = 'pending') = (next_attempt_at is not null)`,
    )
    .execute();
  // The sender's question, "what is due?", reads only pending rows.
  await sql`create index deliveries_due on deliveries (next_attempt_at) where status = 'pending'`.execute(db);
  await db.schema.createIndex('deliveries_by_status').on('deliveries').columns(['status', 'id']).execute();

  await db.schema
    .createTable('sink_mails')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('message_id', 'text')
    .addColumn('envelope_from', 'text')
    .addColumn('envelope_to', 'jsonb', (column) => column.notNull())
    .addColumn('subject', 'text')
    .addColumn('raw', 'text', (column) => column.notNull())
    .addColumn('received_at', 'timestamptz', (column) => column.notNull())
    .execute();
}
