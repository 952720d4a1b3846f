import {
  CartStarted,
  OrderCancelled,
  OrderConfirmed,
  OrderDelivered,
  OrderPlaced,
  OrderRefunded,
  OrderShipped,
} from '@emporium/contracts';
import type { EventPublisher } from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
import type { OrderStatus } from '../domain/order-status.ts';
import type { OrdersDatabase } from '../store/database.ts';
import type { OrderRecord } from '../store/orders-store.ts';

type Trx = Kysely<OrdersDatabase>;

/**
 * The integration events orders publishes, each written to the outbox in the caller's
 * transaction (so it is sent if and only if the change it reports commits). The subject is
 * the order id (the cart's id for CartStarted).
 */
export interface OrderEvents {
  /** A cart got its first item (subject: the cart id). */
  cartStarted(trx: Trx, cart: { id: string; userId: string | null }, sku: string, at: Date): Promise<void>;
  placed(trx: Trx, order: OrderRecord): Promise<void>;
  /** The order must be priced (checkout's quote step) and hold its payment and shipment. */
  confirmed(trx: Trx, order: OrderRecord, at: Date): Promise<void>;
  cancelled(trx: Trx, order: OrderRecord, previousStatus: OrderStatus, at: Date): Promise<void>;
  shipped(trx: Trx, order: OrderRecord, at: Date): Promise<void>;
  delivered(trx: Trx, order: OrderRecord, at: Date): Promise<void>;
  refunded(trx: Trx, order: OrderRecord, amountMinor: number, reason: string, at: Date): Promise<void>;
}

export function createOrderEvents(publisher: EventPublisher): OrderEvents {
  return {
    async cartStarted(trx, cart, sku, at) {
      await publisher.publish(trx, CartStarted, {
        subject: cart.id,
        data: { cartId: cart.id, userId: cart.userId, sku, startedAt: at.toISOString() },
      });
    },
    async placed(trx, order) {
      await publisher.publish(trx, OrderPlaced, {
        subject: order.id,
        data: {
          orderId: order.id,
          userId: order.userId,
          lines: order.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
          currency: order.currency,
          destinationCountry: order.shipTo.country,
          couponCode: order.couponCode,
          placedAt: order.placedAt.toISOString(),
        },
      });
    },
    async confirmed(trx, order, at) {
      const money = (amountMinor: number | null, what: string) => {
        if (amountMinor === null) throw new Error(`order ${order.id} is confirmed without ${what}`);
        return { amountMinor, currency: order.currency };
      };
      await publisher.publish(trx, OrderConfirmed, {
        subject: order.id,
        data: {
          orderId: order.id,
          userId: order.userId,
          lines: order.lines.map((line) => ({
            sku: line.sku,
            quantity: line.quantity,
            unitPrice: money(line.unitPriceMinor, `a price for ${line.sku}`),
            lineTotal: money(line.lineTotalMinor, `a total for ${line.sku}`),
          })),
          subtotal: money(order.subtotalMinor, 'a subtotal'),
          discountTotal: money(order.discountMinor, 'a discount total'),
          taxTotal: money(order.taxMinor, 'a tax total'),
          shipping: money(order.shippingMinor, 'a shipping price'),
          total: money(order.totalMinor, 'a total'),
          paymentId: order.paymentId ?? '',
          shipmentId: order.shipmentId ?? '',
          confirmedAt: at.toISOString(),
        },
      });
    },
    async cancelled(trx, order, previousStatus, at) {
      await publisher.publish(trx, OrderCancelled, {
        subject: order.id,
        data: {
          orderId: order.id,
          userId: order.userId,
          previousStatus,
          reasonCode: order.cancelCode ?? 'CHECKOUT_FAILED',
          reason: order.cancelReason ?? 'the checkout failed',
          cancelledAt: at.toISOString(),
        },
      });
    },
    async shipped(trx, order, at) {
      await publisher.publish(trx, OrderShipped, {
        subject: order.id,
        data: {
          orderId: order.id,
          userId: order.userId,
          shipmentId: order.shipmentId ?? '',
          carrier: order.carrier ?? '',
          trackingNumber: order.trackingNumber ?? '',
          shippedAt: at.toISOString(),
        },
      });
    },
    async delivered(trx, order, at) {
      await publisher.publish(trx, OrderDelivered, {
        subject: order.id,
        data: {
          orderId: order.id,
          userId: order.userId,
          shipmentId: order.shipmentId ?? '',
          deliveredAt: at.toISOString(),
        },
      });
    },
    async refunded(trx, order, amountMinor, reason, at) {
      await publisher.publish(trx, OrderRefunded, {
        subject: order.id,
        data: {
          orderId: order.id,
          userId: order.userId,
          amount: { amountMinor, currency: order.currency },
          reason,
          refundedAt: at.toISOString(),
        },
      });
    },
  };
}
