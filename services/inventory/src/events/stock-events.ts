import { StockAdjusted, StockCommitted, StockLow, StockReleased, StockReserved } from '@emporium/contracts';
import type { EventPublisher } from '@emporium/platform/messaging';
import type { QueryExecutorProvider } from 'kysely';
import type { Reservation } from '../domain/reservation.ts';

export type ReleaseReason = 'released' | 'expired';

export interface StockAdjustment {
  sku: string;
  warehouse: string;
  reason: 'restock' | 'count';
  onHandBefore: number;
  onHand: number;
  availableBefore: number;
  available: number;
}

/**
 * The integration events inventory publishes. Each is written to the outbox in the caller's
 * transaction, so it reaches the bus if and only if the change it reports commits. Reservation
 * events have the order id as subject (an order's events keep their order on the bus); stock
 * events have the SKU.
 */
export interface StockEvents {
  reserved(trx: QueryExecutorProvider, reservation: Reservation): Promise<void>;
  released(trx: QueryExecutorProvider, reservation: Reservation, reason: ReleaseReason): Promise<void>;
  committed(trx: QueryExecutorProvider, reservation: Reservation): Promise<void>;
  low(trx: QueryExecutorProvider, sku: string, available: number, at: Date): Promise<void>;
  adjusted(trx: QueryExecutorProvider, adjustment: StockAdjustment, at: Date): Promise<void>;
}

export function createStockEvents(publisher: EventPublisher, lowStockThreshold: number): StockEvents {
  return {
    async reserved(trx, reservation) {
      await publisher.publish(trx, StockReserved, {
        subject: reservation.orderId,
        data: {
          ...reservationData(reservation),
          expiresAt: reservation.expiresAt.toISOString(),
          reservedAt: reservation.createdAt.toISOString(),
        },
      });
    },
    async released(trx, reservation, reason) {
      await publisher.publish(trx, StockReleased, {
        subject: reservation.orderId,
        data: { ...reservationData(reservation), reason, releasedAt: reservation.updatedAt.toISOString() },
      });
    },
    async committed(trx, reservation) {
      await publisher.publish(trx, StockCommitted, {
        subject: reservation.orderId,
        data: { ...reservationData(reservation), committedAt: reservation.updatedAt.toISOString() },
      });
    },
    async low(trx, sku, available, at) {
      await publisher.publish(trx, StockLow, {
        subject: sku,
        data: { sku, available, threshold: lowStockThreshold, changedAt: at.toISOString() },
      });
    },
    async adjusted(trx, adjustment, at) {
      await publisher.publish(trx, StockAdjusted, {
        subject: adjustment.sku,
        data: { ...adjustment, adjustedAt: at.toISOString() },
      });
    },
  };
}

function reservationData(reservation: Reservation) {
  return {
    reservationId: reservation.id,
    orderId: reservation.orderId,
    lines: reservation.lines.map(({ sku, quantity }) => ({ sku, quantity })),
    allocations: reservation.allocations.map(({ sku, warehouse, quantity }) => ({
      sku,
      warehouse,
      quantity,
    })),
  };
}
