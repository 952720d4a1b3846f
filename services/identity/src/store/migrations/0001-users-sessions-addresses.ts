import { type Kysely, sql } from 'kysely';

/** Identity's first schema: users, refresh-token families, addresses, preferences. Append-only. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('password_hash', 'text', (column) => column.notNull())
    .addColumn('roles', sql`text[]`, (column) => column.notNull().defaultTo(sql`'{customer}'`))
    // Millisecond precision so a JavaScript Date round-trips exactly through a page cursor.
    .addColumn('created_at', 'timestamptz', (column) =>
      column.notNull().defaultTo(sql`date_trunc('milliseconds', now())`),
    )
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    // The only guard against two registrations of one email racing each other.
    .addUniqueConstraint('users_email_key', ['email'])
    .addCheckConstraint(
      'users_roles_known',
      sql`roles <@ array['customer', 'admin']::text[] and 'customer' = any(roles)`,
    )
    .execute();
  await db.schema
    .createIndex('users_newest_first')
    .on('users')
    .expression(sql`created_at desc, id desc`)
    .execute();

  await db.schema
    .createTable('refresh_token_families')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('user_id', 'uuid', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text', (column) =>
      column.check(sql`revoked_reason in ('logout', 'reuse', 'password-change')`),
    )
    .execute();
  await db.schema
    .createIndex('refresh_token_families_by_user')
    .on('refresh_token_families')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('refresh_tokens')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('family_id', 'uuid', (column) =>
      column.notNull().references('refresh_token_families.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('issued_at', 'timestamptz', (column) => column.notNull())
    .addColumn('expires_at', 'timestamptz', (column) => column.notNull())
    .addColumn('rotated_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('refresh_tokens_by_family').on('refresh_tokens').column('family_id').execute();
  await db.schema.createIndex('refresh_tokens_by_expiry').on('refresh_tokens').column('expires_at').execute();

  await db.schema
    .createTable('addresses')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('recipient', 'text', (column) => column.notNull())
    .addColumn('line1', 'text', (column) => column.notNull())
    .addColumn('line2', 'text')
    .addColumn('city', 'text', (column) => column.notNull())
    .addColumn('region', 'text')
    .addColumn('postal_code', 'text', (column) => column.notNull())
    .addColumn('country', 'text', (column) => column.notNull())
    .addColumn('phone', 'text')
    .addColumn('is_default', 'boolean', (column) => column.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('addresses_by_user')
    .on('addresses')
    .columns(['user_id', 'created_at'])
    .execute();
  // Exactly one default per user is kept by the code; at most one is kept by the database.
  await db.schema
    .createIndex('addresses_one_default_per_user')
    .on('addresses')
    .column('user_id')
    .unique()
    .where(sql.ref('is_default'), '=', true)
    .execute();

  await db.schema
    .createTable('preferences')
    .addColumn('user_id', 'uuid', (column) => column.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('locale', 'text', (column) => column.notNull())
    .addColumn('currency', 'text', (column) => column.notNull())
    .addColumn('marketing_emails', 'boolean', (column) => column.notNull())
    .addColumn('email_channel', 'boolean', (column) => column.notNull())
    .addColumn('sms_channel', 'boolean', (column) => column.notNull())
    .addColumn('push_channel', 'boolean', (column) => column.notNull())
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
}
