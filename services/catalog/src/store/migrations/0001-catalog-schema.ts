import { type Kysely, sql } from 'kysely';

/**
 * Categories form a tree (parent_id); products sit in a category and are found through
 * `search`, a tsvector PostgreSQL keeps up to date as a stored generated column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('categories')
    .addColumn('id', 'integer', (column) => column.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('slug', 'text', (column) => column.notNull().unique())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('parent_id', 'integer', (column) => column.references('categories.id').onDelete('restrict'))
    .addColumn('position', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', sql`timestamptz(3)`, (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (column) => column.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('categories_not_own_parent', sql`parent_id <> id`)
    .execute();
  await db.schema
    .createIndex('categories_parent_position')
    .on('categories')
    .columns(['parent_id', 'position'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('sku', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('category_id', 'integer', (column) =>
      column.notNull().references('categories.id').onDelete('restrict'),
    )
    .addColumn('category_terms', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('brand', 'text', (column) => column.notNull())
    .addColumn('attributes', 'jsonb', (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('images', 'jsonb', (column) => column.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (column) =>
      column.notNull().defaultTo('active').check(sql`status in ('active', 'discontinued')`),
    )
    // Millisecond precision: a JavaScript Date holds the value exactly, so a `newest` cursor
    // compares equal to the row it came from.
    .addColumn('created_at', sql`timestamptz(3)`, (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('search', sql`tsvector`, (column) =>
      column
        .generatedAlwaysAs(
          sql`setweight(to_tsvector('english', name), 'A')
            || setweight(to_tsvector('english', brand || ' ' || category_terms), 'B')
            || setweight(to_tsvector('english', description), 'C')`,
        )
        .stored(),
    )
    .addCheckConstraint('products_attributes_is_object', sql`jsonb_typeof(attributes) = 'object'`)
    .addCheckConstraint('products_images_is_array', sql`jsonb_typeof(images) = 'array'`)
    .execute();

  await db.schema.createIndex('products_search').on('products').using('gin').column('search').execute();
  // jsonb_path_ops serves `attributes @> '{"color":"Black"}'`, the only operator the filters use.
  await db.schema
    .createIndex('products_attributes')
    .on('products')
    .using('gin')
    .expression(sql`attributes jsonb_path_ops`)
    .execute();
  // Keyset pagination walks these in order: (sort key, sku).
  await db.schema.createIndex('products_by_name').on('products').columns(['name', 'sku']).execute();
  await db.schema
    .createIndex('products_by_newest')
    .on('products')
    .columns(['created_at desc', 'sku'])
    .execute();
  await db.schema
    .createIndex('products_by_category')
    .on('products')
    .columns(['category_id', 'status'])
    .execute();
  await db.schema.createIndex('products_by_brand').on('products').columns(['brand']).execute();
}
