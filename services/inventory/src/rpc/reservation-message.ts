import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  ReservationSchema,
  ReservationStatus,
} from '@emporium/contracts/proto/inventory/v1/inventory_service';
import type { Reservation } from '../domain/reservation.ts';
import type { ReservationStatus as Status } from '../domain/reservation-status.ts';

const STATUS: Readonly<Record<Status, ReservationStatus>> = {
  reserved: ReservationStatus.RESERVED,
  released: ReservationStatus.RELEASED,
  committed: ReservationStatus.COMMITTED,
  expired: ReservationStatus.EXPIRED,
};

export function toReservationMessage(reservation: Reservation) {
  return create(ReservationSchema, {
    id: reservation.id,
    orderId: reservation.orderId,
    status: STATUS[reservation.status],
    lines: reservation.lines,
    allocations: reservation.allocations,
    expireTime: timestampFromDate(reservation.expiresAt),
  });
}
