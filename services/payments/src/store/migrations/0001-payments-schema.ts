import { type Kysely, sql } from 'kysely';

const TIMESTAMP = sql`timestamptz(3)`;

/**
 * Card tokens (never a card number or security code) and payments, whose columns hold the
 * state machine's invariants as checks: nothing captured beyond what was authorised, nothing
 * refunded beyond what was captured, and amounts that agree with the status.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('card_tokens')
    .addColumn('token', 'text', (column) => column.primaryKey())
    .addColumn('brand', 'text', (column) =>
      column.notNull().check(sql`brand in ('visa', 'mastercard', 'amex')`),
    )
    .addColumn('last4', 'text', (column) => column.notNull().check(sql`last4 ~ '^[0-9]{4}$'`))
    .addColumn('exp_month', 'integer', (column) => column.notNull().check(sql`exp_month between 1 and 12`))
    .addColumn('exp_year', 'integer', (column) => column.notNull())
    .addColumn('fingerprint', 'text', (column) => column.notNull())
    .addColumn('user_id', 'text')
    .addColumn('created_at', TIMESTAMP, (column) => column.notNull())
    .addColumn('expires_at', TIMESTAMP, (column) => column.notNull())
    .addColumn('used_at', TIMESTAMP)
    .execute();
  await db.schema.createIndex('card_tokens_expires_at').on('card_tokens').column('expires_at').execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('order_id', 'text', (column) => column.notNull())
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) =>
      column
        .notNull()
        .check(
          sql`status in ('authorized', 'captured', 'partially_refunded', 'refunded', 'voided', 'failed')`,
        ),
    )
    .addColumn('currency', 'text', (column) => column.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('amount_minor', 'bigint', (column) => column.notNull().check(sql`amount_minor > 0`))
    .addColumn('captured_minor', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('refunded_minor', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('failure_code', 'text')
    .addColumn('failure_message', 'text')
    .addColumn('fraud_score', 'integer', (column) =>
      column.notNull().check(sql`fraud_score between 0 and 100`),
    )
    .addColumn('fraud_decision', 'text', (column) =>
      column.notNull().check(sql`fraud_decision in ('approve', 'review', 'decline')`),
    )
    .addColumn('fraud_reasons', 'jsonb', (column) => column.notNull())
    .addColumn('card_brand', 'text', (column) => column.notNull())
    .addColumn('card_last4', 'text', (column) => column.notNull())
    .addColumn('card_fingerprint', 'text', (column) => column.notNull())
    .addColumn('card_token', 'text', (column) => column.notNull())
    .addColumn('billing_country', 'text')
    .addColumn('shipping_country', 'text')
    .addColumn('network_reference', 'text')
    .addColumn('created_at', TIMESTAMP, (column) => column.notNull())
    .addColumn('updated_at', TIMESTAMP, (column) => column.notNull())
    .addCheckConstraint('payments_captured_within_authorized', sql`captured_minor between 0 and amount_minor`)
    .addCheckConstraint('payments_refunded_within_captured', sql`refunded_minor between 0 and captured_minor`)
    .addCheckConstraint('payments_failed_has_a_code', sql`(status = 'failed') = (failure_code is not null)`)
    .addCheckConstraint(
      'payments_amounts_match_status',
      sql`case status
        when 'captured' then captured_minor > 0 and refunded_minor = 0
        when 'partially_refunded' then refunded_minor > 0 and refunded_minor < captured_minor
        when 'refunded' then captured_minor > 0 and refunded_minor = captured_minor
        else captured_minor = 0 and refunded_minor = 0
      end`,
    )
    .execute();
  await db.schema.createIndex('payments_order').on('payments').columns(['order_id', 'created_at']).execute();
  // The velocity rules count recent attempts per card and per user.
  await db.schema
    .createIndex('payments_card_recent')
    .on('payments')
    .columns(['card_fingerprint', 'created_at'])
    .execute();
  await db.schema
    .createIndex('payments_user_recent')
    .on('payments')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('payments_newest')
    .on('payments')
    .columns(['created_at desc', 'id desc'])
    .execute();
}
