import type { Static } from '@sinclair/typebox';
import { RATE_TABLE_CURRENCY } from '../domain/currency-conversion.ts';
import type { Rate } from '../domain/rate-card.ts';
import { labelPathOf, type Shipment, type TrackingEntry } from '../domain/shipment.ts';
import { isFinal } from '../domain/shipment-status.ts';
import type { CarrierRecord } from '../store/rate-card-store.ts';
import type {
  CarrierListView,
  RateView,
  ShipmentDetailView,
  ShipmentView,
  TrackingView,
} from './shipping-schemas.ts';

const DAY_MS = 86_400_000;

export function toRateView(rate: Rate): Static<typeof RateView> {
  return {
    carrier: rate.carrier,
    carrierName: rate.carrierName,
    serviceLevel: rate.serviceLevel,
    price: { amountMinor: rate.priceMinor, currency: rate.currency },
    estimatedDays: { min: rate.estimatedDaysMin, max: rate.estimatedDaysMax },
  };
}

function toTrackingEventView(entry: TrackingEntry) {
  return {
    status: entry.status,
    description: entry.description,
    location: entry.location,
    time: entry.occurredAt.toISOString(),
  };
}

export function trackingPathOf(trackingNumber: string): string {
  return `/tracking/${trackingNumber}`;
}

export function toShipmentView(shipment: Shipment): Static<typeof ShipmentView> {
  return {
    id: shipment.id,
    orderId: shipment.orderId,
    carrier: shipment.carrier,
    serviceLevel: shipment.serviceLevel,
    trackingNumber: shipment.trackingNumber,
    status: shipment.status,
    shipTo: { ...shipment.shipTo, lines: [...shipment.shipTo.lines] },
    zone: shipment.zone,
    items: shipment.items.map(({ sku, quantity }) => ({ sku, quantity })),
    weightGrams: shipment.weightGrams,
    price: { ...shipment.price },
    estimatedDays: { min: shipment.estimatedDaysMin, max: shipment.estimatedDaysMax },
    deliveryAttempts: shipment.deliveryAttempts,
    labelPath: labelPathOf(shipment.id),
    trackingPath: trackingPathOf(shipment.trackingNumber),
    createdAt: shipment.createdAt.toISOString(),
    updatedAt: shipment.updatedAt.toISOString(),
  };
}

export function toShipmentDetailView(
  shipment: Shipment,
  timeline: readonly TrackingEntry[],
): Static<typeof ShipmentDetailView> {
  return { ...toShipmentView(shipment), timeline: timeline.map(toTrackingEventView) };
}

/** What anyone holding the tracking number may see: no name, no street, no order. */
export function toTrackingView(
  shipment: Shipment,
  carrierName: string,
  timeline: readonly TrackingEntry[],
): Static<typeof TrackingView> {
  const date = (days: number) =>
    new Date(shipment.createdAt.getTime() + days * DAY_MS).toISOString().slice(0, 10);
  return {
    trackingNumber: shipment.trackingNumber,
    carrier: shipment.carrier,
    carrierName,
    serviceLevel: shipment.serviceLevel,
    status: shipment.status,
    destination: { city: shipment.shipTo.city, country: shipment.shipTo.country },
    estimatedDelivery: isFinal(shipment.status)
      ? null
      : { earliest: date(shipment.estimatedDaysMin), latest: date(shipment.estimatedDaysMax) },
    events: timeline.map(toTrackingEventView),
  };
}

export function toCarrierListView(carriers: readonly CarrierRecord[]): Static<typeof CarrierListView> {
  return {
    carriers: carriers.map((carrier) => ({
      code: carrier.code,
      name: carrier.name,
      trackingPrefix: carrier.trackingPrefix,
      lanes: carrier.lanes.map((lane) => ({
        serviceLevel: lane.serviceLevel,
        zone: lane.zone,
        estimatedDays: { min: lane.estimatedDaysMin, max: lane.estimatedDaysMax },
        rates: lane.brackets.map((bracket) => ({
          maxWeightGrams: bracket.maxWeightGrams,
          price: { amountMinor: bracket.priceEuroCents, currency: RATE_TABLE_CURRENCY },
        })),
      })),
      unservedCountries: [...carrier.unservedCountries].sort(),
    })),
  };
}
