/**
 * An order's life, as an explicit table of allowed moves. Checkout takes a new order from
 * pending through awaiting_payment to confirmed, or to cancelled when a step fails; the
 * carrier's scans take it on to shipped and delivered; a customer may cancel it until it
 * ships; an admin may refund it once it has shipped. cancelled and refunded are final.
 */
export const ORDER_STATUSES = [
  'pending',
  'awaiting_payment',
  'confirmed',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const ALLOWED_MOVES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['awaiting_payment', 'cancelled'],
  awaiting_payment: ['confirmed', 'cancelled'],
  confirmed: ['shipped', 'cancelled'],
  shipped: ['delivered', 'refunded'],
  delivered: ['refunded'],
  cancelled: [],
  refunded: [],
};

/** A move the table does not allow; the order is left as it was. */
export class IllegalOrderTransition extends Error {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`an order cannot go from ${from} to ${to}`);
    this.name = 'IllegalOrderTransition';
  }
}

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED_MOVES[from].includes(to);
}

/** `to`, when the table allows the move; IllegalOrderTransition otherwise. */
export function moveOrder(from: OrderStatus, to: OrderStatus): OrderStatus {
  if (!canMove(from, to)) throw new IllegalOrderTransition(from, to);
  return to;
}

export function isFinal(status: OrderStatus): boolean {
  return ALLOWED_MOVES[status].length === 0;
}

export type CancellationCheck =
  | { cancellable: true }
  | { cancellable: false; alreadyCancelled: boolean; reason: string };

/**
 * Whether a customer may cancel the order now. Only a confirmed order whose checkout has
 * finished (payment captured) can be: while checkout runs it would race the saga's own steps,
 * and once the parcel ships it is a return, not a cancellation.
 */
export function checkCancellable(status: OrderStatus, checkoutFinished: boolean): CancellationCheck {
  switch (status) {
    case 'cancelled':
      return { cancellable: false, alreadyCancelled: true, reason: 'the order is already cancelled' };
    case 'pending':
    case 'awaiting_payment':
      return {
        cancellable: false,
        alreadyCancelled: false,
        reason: 'checkout is still running; try again when the order is confirmed or cancelled',
      };
    case 'confirmed':
      return checkoutFinished
        ? { cancellable: true }
        : {
            cancellable: false,
            alreadyCancelled: false,
            reason: 'the payment is still being captured; try again in a moment',
          };
    case 'shipped':
    case 'delivered':
      return { cancellable: false, alreadyCancelled: false, reason: `the order has already ${status}` };
    case 'refunded':
      return { cancellable: false, alreadyCancelled: false, reason: 'the order was refunded' };
  }
}

/** An admin refund applies to goods that left the warehouse (a return, a lost parcel). */
export function isRefundable(status: OrderStatus): boolean {
  return canMove(status, 'refunded');
}
