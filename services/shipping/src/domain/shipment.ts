import type { ServiceLevel } from './rate-card.ts';
import type { ShipmentStatus } from './shipment-status.ts';
import type { Zone } from './shipping-zones.ts';

/** Where a parcel goes: what the label prints. */
export interface ShipTo {
  recipient: string;
  lines: string[];
  city: string;
  /** Empty where the country has no postal codes. */
  postalCode: string;
  /** Empty when not given. */
  region: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface ShipmentItem {
  sku: string;
  quantity: number;
}

/** Integer minor units and an ISO 4217 code. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export interface Shipment {
  id: string;
  orderId: string;
  carrier: string;
  serviceLevel: ServiceLevel;
  trackingNumber: string;
  status: ShipmentStatus;
  shipTo: ShipTo;
  zone: Zone;
  items: ShipmentItem[];
  weightGrams: number;
  price: Money;
  estimatedDaysMin: number;
  estimatedDaysMax: number;
  deliveryAttempts: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One scan on the timeline. */
export interface TrackingEntry {
  status: ShipmentStatus;
  description: string;
  /** "City, CC". */
  location: string;
  occurredAt: Date;
}

/** Where the label of a shipment is served, on the shipping service's REST API. */
export function labelPathOf(shipmentId: string): string {
  return `/shipments/${shipmentId}/label`;
}
