import type { Kysely } from 'kysely';
import { ticksUntilNextScan } from '../domain/carrier-scans.ts';
import { describeRefusal, rateFor } from '../domain/rate-card.ts';
import { carrierRejectsAddress } from '../domain/ship-to-rules.ts';
import type { Shipment, ShipmentItem, ShipTo, TrackingEntry } from '../domain/shipment.ts';
import { WAREHOUSE } from '../domain/shipping-zones.ts';
import { trackingNumberFor } from '../domain/tracking-number.ts';
import {
  AddressRejected,
  DestinationNotServed,
  ParcelTooHeavy,
  UnknownCarrier,
  UnknownServiceLevel,
} from '../errors.ts';
import type { ShippingDatabase } from '../store/database.ts';
import { loadRateCard } from '../store/rate-card-store.ts';
import { appendTrackingEntry, insertShipment, nextTrackingSequence } from '../store/shipments-store.ts';
import type { ShipmentDeps } from './shipment-deps.ts';

/** A validated request for a shipment (the edges check shapes; this checks the rate card). */
export interface NewShipment {
  orderId: string;
  carrier: string;
  serviceLevel: string;
  shipTo: ShipTo;
  items: ShipmentItem[];
  weightGrams: number;
  currency: string;
}

/** Each refusal of the rate card, and the request field it is about (named as in the proto). */
const REFUSALS = {
  'unknown-carrier': { problem: UnknownCarrier, field: 'carrier' },
  'unknown-service-level': { problem: UnknownServiceLevel, field: 'service_level' },
  'destination-not-served': { problem: DestinationNotServed, field: 'ship_to.country' },
  'too-heavy': { problem: ParcelTooHeavy, field: 'weight_grams' },
} as const;

/**
 * Books a parcel with a carrier, in the caller's transaction: prices it from the rate card,
 * gives it a tracking number, records the first scan (label created) and ShipmentCreated.
 * The tracking job takes it from there.
 */
export async function bookShipment(
  trx: Kysely<ShippingDatabase>,
  deps: ShipmentDeps,
  request: NewShipment,
): Promise<{ shipment: Shipment; timeline: TrackingEntry[] }> {
  const card = await loadRateCard(trx);
  const parcel = {
    carrier: request.carrier,
    serviceLevel: request.serviceLevel,
    country: request.shipTo.country,
    weightGrams: request.weightGrams,
    currency: request.currency,
  };
  const rate = rateFor(card, parcel);
  if (!('priceMinor' in rate)) {
    const { problem, field } = REFUSALS[rate.reason];
    throw problem(`${field}: ${describeRefusal(rate, parcel)}`);
  }
  const carrier = card.find((candidate) => candidate.code === rate.carrier);
  if (!carrier) throw UnknownCarrier(`there is no carrier ${request.carrier}`);
  if (carrierRejectsAddress(request.shipTo)) {
    throw AddressRejected(
      `ship_to.postal_code: ${carrier.code} cannot deliver to postal code ${request.shipTo.postalCode} in ${request.shipTo.country}`,
    );
  }

  const id = deps.newId();
  const now = deps.clock();
  const trackingNumber = trackingNumberFor(
    carrier.trackingPrefix,
    await nextTrackingSequence(trx),
    WAREHOUSE.country,
  );
  const shipment = await insertShipment(trx, {
    id,
    order_id: request.orderId,
    carrier: carrier.code,
    service_level: rate.serviceLevel,
    tracking_number: trackingNumber,
    status: 'label_created',
    recipient: request.shipTo.recipient,
    address_lines: JSON.stringify(request.shipTo.lines),
    city: request.shipTo.city,
    postal_code: request.shipTo.postalCode,
    region: request.shipTo.region,
    country: request.shipTo.country,
    zone: rate.zone,
    items: JSON.stringify(request.items),
    weight_grams: request.weightGrams,
    price_minor: rate.priceMinor,
    currency: rate.currency,
    estimated_days_min: rate.estimatedDaysMin,
    estimated_days_max: rate.estimatedDaysMax,
    next_scan_at: new Date(now.getTime() + ticksUntilNextScan(id, 'label_created', 0) * deps.tickMs),
    created_at: now,
    updated_at: now,
  });
  const first: TrackingEntry = {
    status: 'label_created',
    description: `Shipping label created; the parcel waits for ${carrier.name} to collect it`,
    location: `${WAREHOUSE.city}, ${WAREHOUSE.country}`,
    occurredAt: now,
  };
  await appendTrackingEntry(trx, id, first);
  await deps.events.created(trx, shipment);
  return { shipment, timeline: [first] };
}
