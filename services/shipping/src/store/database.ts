import type { IdempotencyTables } from '@emporium/platform/idempotency';
import type { MessagingTables } from '@emporium/platform/messaging';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ServiceLevel } from '../domain/rate-card.ts';
import type { ShipmentStatus } from '../domain/shipment-status.ts';
import type { Zone } from '../domain/shipping-zones.ts';

/**
 * The shipping database as Kysely sees it: its own tables, the chassis's outbox (written in
 * the transaction of the change an event reports), inbox and dead letters, and the
 * idempotency keys of CreateShipment and CancelShipment.
 */
export type ShippingDatabase = ShippingTables & MessagingTables & IdempotencyTables;

/** The shipping service's own tables (see migrations/ for the DDL). */
export interface ShippingTables {
  carriers: CarriersTable;
  carrier_lanes: CarrierLanesTable;
  lane_rates: LaneRatesTable;
  carrier_unserved_countries: CarrierUnservedCountriesTable;
  shipments: ShipmentsTable;
  tracking_events: TrackingEventsTable;
}

export interface CarriersTable {
  code: string;
  name: string;
  tracking_prefix: string;
  hub_city: string;
  hub_country: string;
}

/** A service level of a carrier in one zone, with its delivery estimate. */
export interface CarrierLanesTable {
  carrier: string;
  service_level: ServiceLevel;
  zone: Zone;
  estimated_days_min: number;
  estimated_days_max: number;
}

/** One weight bracket of a lane: parcels up to max_weight_grams cost price_minor euro cents. */
export interface LaneRatesTable {
  carrier: string;
  service_level: ServiceLevel;
  zone: Zone;
  max_weight_grams: number;
  price_minor: number;
}

export interface CarrierUnservedCountriesTable {
  carrier: string;
  country: string;
}

/** jsonb columns: pg parses them on read; they are written as JSON text. */
type JsonColumn<T> = ColumnType<T, string, string>;

export interface ShipmentItemRow {
  sku: string;
  quantity: number;
}

export interface ShipmentsTable {
  id: string;
  order_id: string;
  carrier: string;
  service_level: ServiceLevel;
  tracking_number: string;
  status: ShipmentStatus;
  recipient: string;
  address_lines: JsonColumn<string[]>;
  city: string;
  postal_code: string;
  region: string;
  country: string;
  zone: Zone;
  items: JsonColumn<ShipmentItemRow[]>;
  weight_grams: number;
  /** bigint in PostgreSQL (int64 in the contract); pg returns it as text. */
  price_minor: ColumnType<string, number, number>;
  currency: string;
  estimated_days_min: number;
  estimated_days_max: number;
  delivery_attempts: ColumnType<number, number | undefined, number>;
  /** When the tracking job next scans it; null once its journey is over. */
  next_scan_at: Date | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
}

export interface TrackingEventsTable {
  id: Generated<string>;
  shipment_id: string;
  status: ShipmentStatus;
  description: string;
  location: string;
  occurred_at: Date;
}

export type ShipmentRow = Selectable<ShipmentsTable>;
export type NewShipmentRow = Insertable<ShipmentsTable>;
export type TrackingEventRow = Selectable<TrackingEventsTable>;
