import {
  OrderCancelled,
  OrderConfirmed,
  OrderDelivered,
  OrderPlaced,
  OrderShipped,
  PaymentRefunded,
  ShipmentException,
  ShipmentReturned,
  UserPreferencesChanged,
  UserRegistered,
  UserUpdated,
} from '@emporium/contracts';
import { type EventHandler, handleEvent } from '@emporium/platform/messaging';
import type { Transaction } from 'kysely';
import type { NotificationDeps } from '../delivery/notification-deps.ts';
import type { NotificationsDatabase } from '../store/database.ts';
import { rememberOrder, savePreferences, saveProfile, userOfOrder } from '../store/recipients-store.ts';
import { raiseNotification } from './raise-notification.ts';

type Db = NotificationsDatabase;

/** The durable consumer group: each event is handled once by one instance of notifications. */
export const NOTIFICATIONS_GROUP = 'notifications.messages';

/**
 * What notifications takes from the other contexts. identity's events keep the recipients
 * projection (address, name, locale, channels); order events raise the customer's messages;
 * shipment and payment events, which name only the order, reach its customer through the
 * order -> user map kept from order events.
 */
export function notificationHandlers(deps: NotificationDeps): EventHandler<Db>[] {
  return [
    handleEvent<Db, typeof UserRegistered>(UserRegistered, async (trx, event) => {
      const { userId, email, name } = event.data;
      await saveProfile(trx, { userId, email, name }, new Date(event.data.registeredAt));
      await raiseNotification(trx, deps, {
        eventId: event.id,
        userId,
        orderId: null,
        request: { kind: 'welcome', data: { name } },
      });
    }),
    handleEvent<Db, typeof UserUpdated>(UserUpdated, async (trx, event) => {
      const { userId, email, name } = event.data;
      await saveProfile(trx, { userId, email, name }, new Date(event.data.updatedAt));
    }),
    handleEvent<Db, typeof UserPreferencesChanged>(UserPreferencesChanged, async (trx, event) => {
      const { userId, locale, channels } = event.data;
      await savePreferences(trx, { userId, locale, channels }, new Date(event.data.changedAt));
    }),
    handleEvent<Db, typeof OrderPlaced>(OrderPlaced, async (trx, event) => {
      await rememberOrder(trx, event.data.orderId, event.data.userId);
    }),
    handleEvent<Db, typeof OrderConfirmed>(OrderConfirmed, async (trx, event) => {
      const { orderId, userId, lines, subtotal, discountTotal, taxTotal, shipping, total } = event.data;
      await rememberOrder(trx, orderId, userId);
      await raiseNotification(trx, deps, {
        eventId: event.id,
        userId,
        orderId,
        request: {
          kind: 'order-confirmed',
          data: {
            orderId,
            lines: lines.map(({ sku, quantity, lineTotal }) => ({ sku, quantity, lineTotal })),
            subtotal,
            discountTotal,
            taxTotal,
            shipping,
            total,
          },
        },
      });
    }),
    handleEvent<Db, typeof OrderCancelled>(OrderCancelled, async (trx, event) => {
      const { orderId, userId, reasonCode, reason } = event.data;
      await rememberOrder(trx, orderId, userId);
      await raiseNotification(trx, deps, {
        eventId: event.id,
        userId,
        orderId,
        request: { kind: 'order-cancelled', data: { orderId, reasonCode, reason } },
      });
    }),
    handleEvent<Db, typeof OrderShipped>(OrderShipped, async (trx, event) => {
      const { orderId, userId, carrier, trackingNumber } = event.data;
      await raiseNotification(trx, deps, {
        eventId: event.id,
        userId,
        orderId,
        request: { kind: 'order-shipped', data: { orderId, carrier, trackingNumber } },
      });
    }),
    handleEvent<Db, typeof OrderDelivered>(OrderDelivered, async (trx, event) => {
      const { orderId, userId } = event.data;
      await raiseNotification(trx, deps, {
        eventId: event.id,
        userId,
        orderId,
        request: { kind: 'order-delivered', data: { orderId } },
      });
    }),
    handleEvent<Db, typeof PaymentRefunded>(PaymentRefunded, async (trx, event) => {
      const { orderId, amount, fullyRefunded } = event.data;
      const userId = await customerOf(trx, orderId);
      await raiseNotification(trx, deps, {
        eventId: event.id,
        userId,
        orderId,
        request: { kind: 'refund-issued', data: { orderId, amount, fullyRefunded } },
      });
    }),
    handleEvent<Db, typeof ShipmentException>(ShipmentException, async (trx, event) => {
      const { orderId, trackingNumber, reason } = event.data;
      await raiseNotification(trx, deps, {
        eventId: event.id,
        userId: await customerOf(trx, orderId),
        orderId,
        request: { kind: 'delivery-problem', data: { orderId, trackingNumber, reason, returned: false } },
      });
    }),
    handleEvent<Db, typeof ShipmentReturned>(ShipmentReturned, async (trx, event) => {
      const { orderId, trackingNumber, reason } = event.data;
      await raiseNotification(trx, deps, {
        eventId: event.id,
        userId: await customerOf(trx, orderId),
        orderId,
        request: { kind: 'delivery-problem', data: { orderId, trackingNumber, reason, returned: true } },
      });
    }),
  ];
}

/**
 * The customer of an order named by a payment or shipment event. The orders context's events
 * travel on another queue, so order.placed may not have been handled yet: failing makes the
 * consumer retry with backoff until it has (and dead-letter the event if it never comes).
 */
async function customerOf(trx: Transaction<Db>, orderId: string): Promise<string> {
  const userId = await userOfOrder(trx, orderId);
  if (!userId) throw new Error(`no order.placed seen yet for order ${orderId}; retrying`);
  return userId;
}
