import type { EventData, OrderQuoted, RateQuoted } from '@emporium/contracts';
import type { IdempotencyTables } from '@emporium/platform/idempotency';
import type { MessagingTables } from '@emporium/platform/messaging';
import type { SagaTables } from '@emporium/platform/saga';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CheckoutData } from '../checkout/checkout-data.ts';
import type { ChoreographyStage, QuotingRefusal } from '../choreography/choreography-stage.ts';
import type { OrderStatus } from '../domain/order-status.ts';

/**
 * The orders database as Kysely sees it: carts and orders, the call log that tells a saga's
 * compensation whether a participant may have acted, and the chassis's tables (outbox,
 * inbox and dead letters, idempotency keys, sagas and their step log).
 */
export type OrdersDatabase = OrdersTables & MessagingTables & IdempotencyTables & SagaTables;

export interface OrdersTables {
  carts: CartsTable;
  cart_lines: CartLinesTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_history: OrderHistoryTable;
  participant_calls: ParticipantCallsTable;
  choreographed_checkouts: ChoreographedCheckoutsTable;
  choreography_events: ChoreographyEventsTable;
}

/** PostgreSQL bigint: pg reads it as text; the stores turn it into a number (amounts are safe integers). */
type NullableMinor = ColumnType<string | null, number | null | undefined, number | null>;
/** jsonb: parsed by pg on read, written as JSON text. */
type JsonColumn<T> = ColumnType<T, string, string>;

export interface CartsTable {
  id: string;
  /** The logged-in owner; null for a guest cart, which only its id (held by the client) reaches. */
  user_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface CartLinesTable {
  cart_id: string;
  sku: string;
  /** The product's name when it was added, for display without asking the catalog again. */
  name: string;
  quantity: number;
  added_at: ColumnType<Date, Date | undefined, never>;
}

/** Where a parcel goes, as the checkout request gave it (contracts' Address). */
export interface ShipTo {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  region?: string | undefined;
  postalCode: string;
  country: string;
  phone?: string | undefined;
}

export interface OrdersTable {
  id: string;
  user_id: string;
  status: ColumnType<OrderStatus, OrderStatus, OrderStatus>;
  currency: string;
  coupon_code: string | null;
  ship_to: JsonColumn<ShipTo>;
  carrier: string | null;
  service_level: string;
  // Set by checkout's quote step; null until then.
  subtotal_minor: NullableMinor;
  discount_minor: NullableMinor;
  tax_minor: NullableMinor;
  shipping_minor: NullableMinor;
  total_minor: NullableMinor;
  tax_included: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  payment_id: ColumnType<string | null, string | null | undefined, string | null>;
  shipment_id: ColumnType<string | null, string | null | undefined, string | null>;
  tracking_number: ColumnType<string | null, string | null | undefined, string | null>;
  captured_minor: NullableMinor;
  refunded_minor: NullableMinor;
  checkout_saga_id: string;
  /** The saga cancelling (or that cancelled) a confirmed order; one at a time. */
  cancel_saga_id: ColumnType<string | null, string | null | undefined, string | null>;
  refund_saga_id: ColumnType<string | null, string | null | undefined, string | null>;
  cancel_code: ColumnType<string | null, string | null | undefined, string | null>;
  cancel_reason: ColumnType<string | null, string | null | undefined, string | null>;
  placed_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
}

export interface OrderLinesTable {
  order_id: string;
  position: number;
  sku: string;
  name: string;
  quantity: number;
  unit_price_minor: NullableMinor;
  /** After promotions and the coupon (pricing's net). */
  line_total_minor: NullableMinor;
}

export interface OrderHistoryTable {
  id: Generated<string>;
  order_id: string;
  status: OrderStatus;
  note: string | null;
  at: ColumnType<Date, Date, never>;
}

/**
 * One row per call to a participant that has not yet ended in a known outcome. A call that
 * timed out or lost its connection leaves its row: the compensation then asks the
 * participant what became of it instead of assuming nothing happened.
 */
export interface ParticipantCallsTable {
  id: string;
  saga_id: string;
  step: string;
  started_at: ColumnType<Date, Date | undefined, never>;
}

/** What a choreographed checkout was asked to do: the saga's data without the card token. */
export type ChoreographyRequest = Omit<CheckoutData, 'cardToken'>;

/** A checkout by choreography: where it is, and what the participants answered so far. */
export interface ChoreographedCheckoutsTable {
  id: string;
  order_id: string;
  stage: ChoreographyStage;
  request: JsonColumn<ChoreographyRequest>;
  /** SHA-256 (hex) of payments' card token, until payments has answered the authorisation. */
  card_token_digest: string | null;
  stock_reserved: ColumnType<boolean, boolean | undefined, boolean>;
  /** pricing.order.quoted's data; null until it came. */
  quote: ColumnType<EventData<typeof OrderQuoted> | null, string | null | undefined, string | null>;
  /** shipping.rate.quoted's data; null until it came. */
  rate: ColumnType<EventData<typeof RateQuoted> | null, string | null | undefined, string | null>;
  /** Refusals of the reservation, quote or rate, kept until all three have answered. */
  refusals: ColumnType<QuotingRefusal[], string | undefined, string>;
  payment_id: ColumnType<string | null, string | null | undefined, string | null>;
  shipment_id: ColumnType<string | null, string | null | undefined, string | null>;
  deadline_at: ColumnType<Date, Date, Date>;
  started_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
}

/** The events a choreographed checkout received and sent, for operators. */
export interface ChoreographyEventsTable {
  id: Generated<string>;
  checkout_id: string;
  direction: 'received' | 'sent';
  type: string;
  event_id: string;
  note: string | null;
  at: ColumnType<Date, Date, never>;
}

export type OrderRow = Selectable<OrdersTable>;
export type OrderLineRow = Selectable<OrderLinesTable>;
