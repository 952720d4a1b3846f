import type { MessagingTables } from '@emporium/platform/messaging';
import type { ColumnType, Generated } from 'kysely';

/**
 * The analytics database as Kysely sees it: the append-only fact store, the projections the
 * reports read (all rebuilt from the facts), and the chassis's inbox and dead letters.
 */
export type AnalyticsDatabase = FactTables & ProjectionTables & MessagingTables;

/** jsonb columns: pg parses them on read; they are written as JSON text. */
type JsonColumn<T> = ColumnType<T, string, never>;
/** bigint: pg returns it as text. */
type Bigint = ColumnType<string, number | bigint | string, number | bigint | string>;

export interface FactTables {
  facts: FactsTable;
}

/** One integration event as it came: never updated or deleted (a trigger refuses it). */
export interface FactsTable {
  seq: Generated<string>;
  event_id: string;
  type: string;
  source: string;
  subject: string;
  /** The CloudEvents `time`: when the producer says it happened. */
  occurred_at: Date;
  data: JsonColumn<unknown>;
  recorded_at: ColumnType<Date, Date, never>;
}

/** Tables built from the facts by projector.ts, and emptied and rebuilt by a replay. */
export interface ProjectionTables {
  order_summaries: OrderSummariesTable;
  order_lines: OrderLinesTable;
  products: ProductsTable;
  revenue_days: RevenueDaysTable;
  outcome_counts: OutcomeCountsTable;
}

/** An order's path through checkout, from order and payment facts in whatever order they came. */
export interface OrderSummariesTable {
  order_id: string;
  user_id: string | null;
  /** The last order event's status; null while only payment or shipment facts have come. */
  status: string | null;
  currency: string | null;
  total_minor: Bigint | null;
  placed_at: Date | null;
  confirmed_at: Date | null;
  paid_at: Date | null;
  delivered_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason_code: string | null;
}

export interface OrderLinesTable {
  order_id: string;
  sku: string;
  quantity: number;
  line_total_minor: Bigint;
  currency: string;
}

/** What the catalog says a SKU is: the category reports need it. */
export interface ProductsTable {
  sku: string;
  name: string;
  category_slug: string;
}

/** Money in and out per day (UTC) and currency: captures and refunds as payments report them. */
export interface RevenueDaysTable {
  day: string;
  currency: string;
  captured_minor: Bigint;
  refunded_minor: Bigint;
  captures: number;
  refunds: number;
}

/**
 * Counts of outcomes by (measure, key, detail): notification deliveries per kind and channel,
 * payment failures per code, shipment exceptions per carrier.
 */
export interface OutcomeCountsTable {
  measure: string;
  key: string;
  detail: string;
  count: Bigint;
}
