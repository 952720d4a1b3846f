import type { MessagingTables } from '@emporium/platform/messaging';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ProductStatus } from '../domain/product.ts';

/**
 * The catalog database as Kysely sees it: the catalog's own tables, and the chassis's outbox
 * (written in the same transaction as the change an event reports), inbox and dead letters.
 */
export type CatalogDatabase = CatalogTables & MessagingTables;

/** The catalog's own tables (see migrations/ for the DDL). */
export interface CatalogTables {
  categories: CategoriesTable;
  products: ProductsTable;
}

export interface CategoriesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  parent_id: number | null;
  position: number;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

/** jsonb columns: pg parses them on read; they are written as JSON text (pg would turn an array into a Postgres array). */
type JsonColumn<T> = ColumnType<T, string, string>;

export interface ProductsTable {
  sku: string;
  name: string;
  description: string;
  category_id: number;
  /**
   * Names along the category's breadcrumb ("Electronics Headphones"). A generated column may
   * only read its own row, so the store keeps this copy for `search` and refreshes it when a
   * category is renamed or moved.
   */
  category_terms: string;
  brand: string;
  attributes: JsonColumn<Record<string, string>>;
  images: JsonColumn<string[]>;
  status: ColumnType<ProductStatus, ProductStatus | undefined, ProductStatus>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  /** Generated: weighted tsvector of name (A), brand and category (B), description (C). */
  search: ColumnType<string, never, never>;
}

export type CategoryRow = Selectable<CategoriesTable>;
export type ProductRow = Selectable<ProductsTable>;
export type NewProductRow = Insertable<ProductsTable>;
