import type { Transaction } from 'kysely';
import { announceDeliveriesDue } from '../delivery/delivery-worker.ts';
import type { NotificationDeps } from '../delivery/notification-deps.ts';
import {
  type ChannelChoice,
  DEFAULT_CHANNELS,
  DEFAULT_LOCALE,
  plannedDeliveries,
} from '../domain/channel.ts';
import type { NotificationsDatabase } from '../store/database.ts';
import { insertNotification } from '../store/notifications-store.ts';
import { findRecipient } from '../store/recipients-store.ts';
import { renderNotification } from '../templates/message-templates.ts';
import type { NotificationRequest } from '../templates/notification-kinds.ts';

/**
 * Writes a notification for the event that raised it, in the consumer's transaction: rendered
 * in the user's locale, with a pending delivery per channel they chose and email logged as
 * skipped when they opted out of it. Sending happens after commit, in the sender; so a
 * redelivered event (the inbox) or a replayed one (unique event and kind) sends nothing twice.
 */
export async function raiseNotification(
  trx: Transaction<NotificationsDatabase>,
  deps: NotificationDeps,
  raised: { eventId: string; userId: string; orderId: string | null; request: NotificationRequest },
): Promise<void> {
  const recipient = await findRecipient(trx, raised.userId);
  const locale = recipient?.locale ?? DEFAULT_LOCALE;
  const choice: ChannelChoice = recipient
    ? { email: recipient.channel_email, sms: recipient.channel_sms, push: recipient.channel_push }
    : { ...DEFAULT_CHANNELS };
  const message = renderNotification(raised.request, { name: recipient?.name ?? null, locale });
  const notificationId = deps.newId();
  const createdAt = deps.clock();
  const deliveries = plannedDeliveries(choice).map(({ channel, skipped }) => ({
    id: deps.newId(),
    channel,
    status: skipped ? ('skipped' as const) : ('pending' as const),
    reason: skipped ? `opted out of ${channel}` : null,
  }));
  const inserted = await insertNotification(trx, {
    id: notificationId,
    eventId: raised.eventId,
    kind: raised.request.kind,
    userId: raised.userId,
    orderId: raised.orderId,
    locale,
    subject: message.subject,
    text: message.text,
    html: message.html,
    createdAt,
    deliveries,
  });
  if (!inserted) return;
  for (const delivery of deliveries) {
    if (delivery.status !== 'skipped') continue;
    await deps.events.failed(
      trx,
      {
        notificationId,
        deliveryId: delivery.id,
        userId: raised.userId,
        kind: raised.request.kind,
        channel: delivery.channel,
        attempts: 0,
      },
      { outcome: 'skipped', reason: delivery.reason ?? 'opted out' },
      createdAt,
    );
  }
  if (deliveries.some((delivery) => delivery.status === 'pending')) await announceDeliveriesDue(trx);
}
