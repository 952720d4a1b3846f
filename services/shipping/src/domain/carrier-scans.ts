/**
 * The simulated carriers' scans: what a shipment's next tracking event is, and how long until
 * it. There is no real carrier here, so each shipment's journey is derived from a hash of its
 * id: the same shipment always travels at the same pace and meets the same fate, whichever
 * instance advances it. About EXCEPTION_PERCENT of parcels fail their first delivery attempt;
 * half of those are delivered on a second attempt, the others go back to the warehouse.
 */
import { createHash } from 'node:crypto';
import { assertMove, type ShipmentStatus } from './shipment-status.ts';
import { WAREHOUSE } from './shipping-zones.ts';

export const DEFAULT_EXCEPTION_PERCENT = 5;

const FAILED_DELIVERY_REASONS = [
  'address not found',
  'recipient not available',
  'no access to the building',
] as const;

export interface TrackedShipment {
  id: string;
  status: ShipmentStatus;
  /** How many times the parcel went out for delivery so far. */
  deliveryAttempts: number;
  carrierName: string;
  /** Where the carrier sorts parcels (city, country). */
  hub: { city: string; country: string };
  destination: { city: string; country: string };
}

export interface Scan {
  status: ShipmentStatus;
  description: string;
  /** "City, CC": all the public tracking page reveals of where the parcel is. */
  location: string;
  deliveryAttempts: number;
  /** Why delivery failed, on an exception and on the return that may follow it. */
  reason?: string;
}

/** A number from 0 to 2^32-1 that depends only on the text. */
function hashOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

function place(city: string, country: string): string {
  return `${city}, ${country}`;
}

/** Whether this shipment's first delivery attempt fails, and what happens then. */
export function deliveryFate(
  shipmentId: string,
  exceptionPercent: number,
): { fails: false } | { fails: true; reason: string; afterwards: 'redelivered' | 'returned' } {
  // In hundredths of a percent, so fractional percentages work too.
  if (hashOf(`${shipmentId}:fate`) % 10_000 >= Math.round(exceptionPercent * 100)) return { fails: false };
  const reason = FAILED_DELIVERY_REASONS[hashOf(`${shipmentId}:reason`) % FAILED_DELIVERY_REASONS.length];
  return {
    fails: true,
    reason: reason ?? FAILED_DELIVERY_REASONS[0],
    afterwards: hashOf(`${shipmentId}:then`) % 2 === 0 ? 'redelivered' : 'returned',
  };
}

/** The scan that follows the shipment's current status, or undefined when its journey is over. */
export function nextScan(shipment: TrackedShipment, exceptionPercent: number): Scan | undefined {
  const { carrierName, destination, hub, deliveryAttempts } = shipment;
  const atWarehouse = place(WAREHOUSE.city, WAREHOUSE.country);
  const atDestination = place(destination.city, destination.country);
  const fate = deliveryFate(shipment.id, exceptionPercent);
  let scan: Scan | undefined;
  switch (shipment.status) {
    case 'label_created':
      scan = {
        status: 'picked_up',
        description: `Picked up by ${carrierName}`,
        location: atWarehouse,
        deliveryAttempts,
      };
      break;
    case 'picked_up':
      scan = {
        status: 'in_transit',
        description: `In transit: sorted at the ${carrierName} hub`,
        location: place(hub.city, hub.country),
        deliveryAttempts,
      };
      break;
    case 'in_transit':
      scan = outForDelivery(deliveryAttempts + 1, atDestination);
      break;
    case 'out_for_delivery':
      scan =
        fate.fails && deliveryAttempts === 1
          ? {
              status: 'exception',
              description: `Delivery attempt failed: ${fate.reason}`,
              location: atDestination,
              deliveryAttempts,
              reason: fate.reason,
            }
          : { status: 'delivered', description: 'Delivered', location: atDestination, deliveryAttempts };
      break;
    case 'exception':
      scan =
        fate.fails && fate.afterwards === 'returned'
          ? {
              status: 'returned',
              description: `Returned to sender: ${fate.reason}`,
              location: atWarehouse,
              deliveryAttempts,
              reason: fate.reason,
            }
          : outForDelivery(deliveryAttempts + 1, atDestination);
      break;
    default:
      return undefined;
  }
  assertMove(shipment.status, scan.status);
  return scan;
}

function outForDelivery(attempt: number, location: string): Scan {
  const description = attempt === 1 ? 'Out for delivery' : `Out for delivery (attempt ${attempt})`;
  return { status: 'out_for_delivery', description, location, deliveryAttempts: attempt };
}

/**
 * How many ticks of the tracking job pass before the scan after `status`: 1 to 3, a parcel
 * waiting at the warehouse 2 to 4 (there is time to cancel it). Several instances running the
 * job do not speed parcels up, since the wait is a time, not a count of ticks seen.
 */
export function ticksUntilNextScan(
  shipmentId: string,
  status: ShipmentStatus,
  deliveryAttempts: number,
): number {
  const spread = 1 + (hashOf(`${shipmentId}:${status}:${deliveryAttempts}`) % 3);
  return status === 'label_created' ? spread + 1 : spread;
}
