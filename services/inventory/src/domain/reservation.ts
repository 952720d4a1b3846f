import type { ReservationLine } from './reservation-lines.ts';
import type { ReservationStatus } from './reservation-status.ts';
import type { Allocation } from './stock-allocation.ts';

/** An order's hold on stock: the lines it asked for and the warehouses they are taken from. */
export interface Reservation {
  id: string;
  orderId: string;
  status: ReservationStatus;
  /** In SKU order. */
  lines: ReservationLine[];
  /** In (SKU, warehouse) order. */
  allocations: Allocation[];
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
}
