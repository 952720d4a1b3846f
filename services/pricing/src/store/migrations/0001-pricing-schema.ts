import { type Kysely, sql } from 'kysely';

/**
 * Price lists (append-only, by valid_from), promotions and their coupon redemptions, tax
 * rules, and the SKU → category copy that category promotions read. Amounts are integer
 * minor units (int4: up to 21,474,836.47 in a two-decimal currency, far above any price).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('product_categories')
    .addColumn('sku', 'text', (column) => column.primaryKey())
    .addColumn('category_slug', 'text', (column) => column.notNull())
    .addColumn('changed_at', sql`timestamptz(3)`, (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('prices')
    .addColumn('sku', 'text', (column) => column.notNull())
    .addColumn('currency', 'text', (column) => column.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('amount_minor', 'integer', (column) => column.notNull().check(sql`amount_minor >= 0`))
    // Millisecond precision, so a valid_from read back equals the Date it was written from.
    .addColumn('valid_from', sql`timestamptz(3)`, (column) => column.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('prices_pkey', ['sku', 'currency', 'valid_from'])
    .execute();
  // "Which currencies have a price list" without reading every row.
  await db.schema.createIndex('prices_by_currency').on('prices').columns(['currency']).execute();

  await db.schema
    .createTable('promotions')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull().check(sql`kind in ('percentage', 'fixed')`))
    .addColumn('value', 'integer', (column) => column.notNull().check(sql`value > 0`))
    .addColumn('currency', 'text')
    .addColumn('scope', 'text', (column) => column.notNull().check(sql`scope in ('all', 'category', 'sku')`))
    .addColumn('targets', 'jsonb', (column) => column.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('starts_at', sql`timestamptz(3)`, (column) => column.notNull())
    .addColumn('ends_at', sql`timestamptz(3)`)
    .addColumn('coupon_code', 'text', (column) => column.unique())
    .addColumn('usage_limit', 'integer', (column) => column.check(sql`usage_limit >= 0`))
    .addColumn('used_count', 'integer', (column) => column.notNull().defaultTo(0).check(sql`used_count >= 0`))
    .addColumn('min_subtotal_minor', 'integer', (column) => column.check(sql`min_subtotal_minor >= 0`))
    .addColumn('stackable', 'boolean', (column) => column.notNull().defaultTo(false))
    .addColumn('active', 'boolean', (column) => column.notNull().defaultTo(true))
    .addColumn('created_at', sql`timestamptz(3)`, (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (column) => column.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('promotions_window', sql`ends_at is null or ends_at > starts_at`)
    .addCheckConstraint('promotions_targets_is_array', sql`jsonb_typeof(targets) = 'array'`)
    .addCheckConstraint('promotions_percentage_at_most_100', sql`kind <> 'percentage' or value <= 10000`)
    .execute();
  // Quotes read the automatic promotions on every call.
  await db.schema
    .createIndex('promotions_automatic')
    .on('promotions')
    .columns(['starts_at'])
    .where(sql.ref('coupon_code'), 'is', null)
    .execute();

  await db.schema
    .createTable('coupon_redemptions')
    .addColumn('order_id', 'text', (column) => column.primaryKey())
    .addColumn('promotion_id', 'uuid', (column) => column.notNull().references('promotions.id'))
    .addColumn('redeemed_at', sql`timestamptz(3)`, (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('tax_rules')
    .addColumn('country', 'text', (column) => column.notNull().check(sql`country ~ '^[A-Z]{2}$'`))
    .addColumn('region', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('rate_bps', 'integer', (column) => column.notNull().check(sql`rate_bps between 0 and 10000`))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('tax_included', 'boolean', (column) => column.notNull())
    .addColumn('updated_at', sql`timestamptz(3)`, (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('tax_rules_pkey', ['country', 'region'])
    .execute();
}
