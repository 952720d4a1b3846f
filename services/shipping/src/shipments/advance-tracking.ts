import { inTransaction } from '@emporium/platform/db';
import { nextScan, ticksUntilNextScan } from '../domain/carrier-scans.ts';
import { isFinal } from '../domain/shipment-status.ts';
import { appendTrackingEntry, moveShipment } from '../store/shipments-store.ts';
import { lockDueShipments } from '../store/tracking-store.ts';
import type { ShipmentDeps } from './shipment-deps.ts';

export const DEFAULT_SCAN_BATCH = 100;

/**
 * One pass of the simulated carriers: every shipment whose next scan is due (up to `batch`)
 * moves one step along its journey, in one transaction with its tracking entry and the event
 * the step raises. Returns how many moved; a full batch means more may be due.
 */
export async function advanceTracking(
  deps: Omit<ShipmentDeps, 'newId'>,
  batch: number = DEFAULT_SCAN_BATCH,
): Promise<number> {
  const now = deps.clock();
  return inTransaction(deps.db, async (trx) => {
    const due = await lockDueShipments(trx, now, batch);
    for (const { shipment, carrierName, hub } of due) {
      const scan = nextScan(
        {
          id: shipment.id,
          status: shipment.status,
          deliveryAttempts: shipment.deliveryAttempts,
          carrierName,
          hub,
          destination: { city: shipment.shipTo.city, country: shipment.shipTo.country },
        },
        deps.exceptionPercent,
      );
      if (!scan) {
        // A final shipment with a scan still due (not written by this code): take it off the queue.
        await moveShipment(trx, shipment.id, {
          status: shipment.status,
          deliveryAttempts: shipment.deliveryAttempts,
          nextScanAt: null,
          now,
        });
        continue;
      }
      const wait = ticksUntilNextScan(shipment.id, scan.status, scan.deliveryAttempts) * deps.tickMs;
      const moved = await moveShipment(trx, shipment.id, {
        status: scan.status,
        deliveryAttempts: scan.deliveryAttempts,
        nextScanAt: isFinal(scan.status) ? null : new Date(now.getTime() + wait),
        now,
      });
      await appendTrackingEntry(trx, shipment.id, {
        status: scan.status,
        description: scan.description,
        location: scan.location,
        occurredAt: now,
      });
      await deps.events.scanned(trx, moved, scan, now);
    }
    return due.length;
  });
}
