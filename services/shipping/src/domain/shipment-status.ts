/**
 * A shipment's life: the label is created, the carrier picks the parcel up, it travels, goes
 * out for delivery and is delivered. A failed delivery is an exception, after which the carrier
 * tries again or returns the parcel. Only a parcel still at the warehouse can be cancelled.
 */

export const SHIPMENT_STATUSES = [
  'label_created',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'returned',
  'cancelled',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** Every allowed move; anything else is a bug (the tick job and cancel both check it). */
const TRANSITIONS: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  label_created: ['picked_up', 'cancelled'],
  picked_up: ['in_transit'],
  in_transit: ['out_for_delivery'],
  out_for_delivery: ['delivered', 'exception'],
  exception: ['out_for_delivery', 'returned'],
  delivered: [],
  returned: [],
  cancelled: [],
};

export class IllegalShipmentTransition extends Error {
  constructor(
    readonly from: ShipmentStatus,
    readonly to: ShipmentStatus,
  ) {
    super(`a shipment cannot go from ${from} to ${to}`);
    this.name = 'IllegalShipmentTransition';
  }
}

export function canMove(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertMove(from: ShipmentStatus, to: ShipmentStatus): void {
  if (!canMove(from, to)) throw new IllegalShipmentTransition(from, to);
}

/** Delivered, returned or cancelled: nothing happens to it any more. */
export function isFinal(status: ShipmentStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** Until the carrier has the parcel, the shop can still stop it. */
export function isCancellable(status: ShipmentStatus): boolean {
  return canMove(status, 'cancelled');
}

export function isShipmentStatus(text: string): text is ShipmentStatus {
  return (SHIPMENT_STATUSES as readonly string[]).includes(text);
}
