import type { Static } from '@sinclair/typebox';
import type { Reservation } from '../domain/reservation.ts';
import { availableOf, type StockLevel, stockStatus, totalsOf } from '../domain/stock-levels.ts';
import type { AdminStockView, ReservationView, StockView } from './stock-schemas.ts';

export function toStockView(sku: string, available: number, threshold: number): Static<typeof StockView> {
  return { sku, available, status: stockStatus(available, threshold) };
}

/** A SKU with every warehouse's level (`levels` are all of the SKU's rows). */
export function toAdminStockView(
  sku: string,
  levels: readonly StockLevel[],
  threshold: number,
): Static<typeof AdminStockView> {
  const totals = totalsOf(levels);
  return {
    sku,
    ...totals,
    status: stockStatus(totals.available, threshold),
    warehouses: levels.map((level) => ({
      warehouse: level.warehouse,
      onHand: level.onHand,
      reserved: level.reserved,
      available: availableOf(level),
    })),
  };
}

export function toReservationView(reservation: Reservation): Static<typeof ReservationView> {
  return {
    id: reservation.id,
    orderId: reservation.orderId,
    status: reservation.status,
    lines: reservation.lines,
    allocations: reservation.allocations,
    expiresAt: reservation.expiresAt.toISOString(),
    createdAt: reservation.createdAt.toISOString(),
    updatedAt: reservation.updatedAt.toISOString(),
  };
}
