import {
  ShipmentCancelled,
  ShipmentCreated,
  ShipmentDelivered,
  ShipmentDispatched,
  ShipmentException,
  ShipmentReturned,
} from '@emporium/contracts';
import type { EventPublisher } from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
import type { Scan } from '../domain/carrier-scans.ts';
import type { Shipment } from '../domain/shipment.ts';
import type { ShippingDatabase } from '../store/database.ts';

/**
 * The integration events shipping publishes. Each is written to the outbox in the caller's
 * transaction, so it reaches the bus if and only if the change it reports commits. The subject
 * is the shipment id.
 */
export interface ShipmentEvents {
  /** ShipmentCreated: the label exists and the parcel waits for the carrier. */
  created(trx: Kysely<ShippingDatabase>, shipment: Shipment): Promise<void>;
  cancelled(trx: Kysely<ShippingDatabase>, shipment: Shipment, at: Date): Promise<void>;
  /**
   * What a carrier scan means to other contexts: dispatched on pickup, delivered, exception on
   * a failed delivery, returned. Scans that change nothing for them (in transit, out for
   * delivery) publish nothing.
   */
  scanned(trx: Kysely<ShippingDatabase>, shipment: Shipment, scan: Scan, at: Date): Promise<void>;
}

export function createShipmentEvents(publisher: EventPublisher): ShipmentEvents {
  const common = (shipment: Shipment) => ({
    shipmentId: shipment.id,
    orderId: shipment.orderId,
    carrier: shipment.carrier,
    serviceLevel: shipment.serviceLevel,
    trackingNumber: shipment.trackingNumber,
  });
  return {
    async created(trx, shipment) {
      await publisher.publish(trx, ShipmentCreated, {
        subject: shipment.id,
        data: {
          ...common(shipment),
          destinationCountry: shipment.shipTo.country,
          items: shipment.items.map(({ sku, quantity }) => ({ sku, quantity })),
          weightGrams: shipment.weightGrams,
          price: { ...shipment.price },
          createdAt: shipment.createdAt.toISOString(),
        },
      });
    },
    async cancelled(trx, shipment, at) {
      await publisher.publish(trx, ShipmentCancelled, {
        subject: shipment.id,
        data: { ...common(shipment), cancelledAt: at.toISOString() },
      });
    },
    async scanned(trx, shipment, scan, at) {
      const subject = shipment.id;
      const time = at.toISOString();
      switch (scan.status) {
        case 'picked_up':
          await publisher.publish(trx, ShipmentDispatched, {
            subject,
            data: { ...common(shipment), dispatchedAt: time },
          });
          return;
        case 'delivered':
          await publisher.publish(trx, ShipmentDelivered, {
            subject,
            data: { ...common(shipment), deliveryAttempts: scan.deliveryAttempts, deliveredAt: time },
          });
          return;
        case 'exception':
          await publisher.publish(trx, ShipmentException, {
            subject,
            data: { ...common(shipment), reason: reasonOf(scan), occurredAt: time },
          });
          return;
        case 'returned':
          await publisher.publish(trx, ShipmentReturned, {
            subject,
            data: { ...common(shipment), reason: reasonOf(scan), returnedAt: time },
          });
          return;
        default:
          return;
      }
    },
  };
}

function reasonOf(scan: Scan): string {
  return scan.reason ?? scan.description;
}
