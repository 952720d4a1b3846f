import type { IdempotencyTables } from '@emporium/platform/idempotency';
import type { MessagingTables } from '@emporium/platform/messaging';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { PromotionKind, PromotionScope } from '../domain/promotion.ts';

/**
 * The pricing database as Kysely sees it: pricing's own tables, the chassis's outbox, inbox
 * and dead letters, and the idempotency keys of its mutating calls.
 */
export type PricingDatabase = PricingTables & MessagingTables & IdempotencyTables;

/** Pricing's own tables (see migrations/ for the DDL). */
export interface PricingTables {
  product_categories: ProductCategoriesTable;
  prices: PricesTable;
  promotions: PromotionsTable;
  coupon_redemptions: CouponRedemptionsTable;
  tax_rules: TaxRulesTable;
}

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
/** jsonb columns: pg parses them on read; they are written as JSON text (pg would turn an array into a Postgres array). */
type JsonColumn<T> = ColumnType<T, string, string>;

/** What pricing knows of the catalogue: each SKU's category, for category promotions. */
export interface ProductCategoriesTable {
  sku: string;
  category_slug: string;
  /** When the catalog made the change; an older event never overwrites a newer one. */
  changed_at: Date;
}

/**
 * One row per price and the moment it takes effect: the price of (sku, currency) at a time
 * is the row with the latest valid_from not after it. Rows are never updated, only added,
 * so any past quote can be explained.
 */
export interface PricesTable {
  sku: string;
  currency: string;
  amount_minor: number;
  valid_from: Date;
  created_at: CreatedAt;
}

export interface PromotionsTable {
  id: Generated<string>;
  name: string;
  kind: PromotionKind;
  value: number;
  currency: string | null;
  scope: PromotionScope;
  targets: JsonColumn<string[]>;
  starts_at: Date;
  ends_at: Date | null;
  coupon_code: string | null;
  usage_limit: number | null;
  used_count: ColumnType<number, number | undefined, number>;
  min_subtotal_minor: number | null;
  stackable: boolean;
  active: boolean;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** One coupon per order: the order id is the key, so redeeming again changes nothing. */
export interface CouponRedemptionsTable {
  order_id: string;
  promotion_id: string;
  redeemed_at: CreatedAt;
}

export interface TaxRulesTable {
  country: string;
  /** '' for the country-wide rule (a primary key column cannot be null). */
  region: string;
  rate_bps: number;
  name: string;
  tax_included: boolean;
  updated_at: UpdatedAt;
}

export type PromotionRow = Selectable<PromotionsTable>;
