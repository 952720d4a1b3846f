import type { Kysely } from 'kysely';
import type { Channel } from '../domain/channel.ts';
import type { DeliveryStatus } from '../domain/delivery-status.ts';
import type { DeliveryRow, NotificationRow, NotificationsDatabase } from './database.ts';

type Db = Kysely<NotificationsDatabase>;

export interface NewNotification {
  id: string;
  eventId: string;
  kind: NotificationRow['kind'];
  userId: string;
  orderId: string | null;
  locale: string;
  subject: string;
  text: string;
  html: string;
  createdAt: Date;
  deliveries: Array<{ id: string; channel: Channel; status: 'pending' | 'skipped'; reason: string | null }>;
}

/**
 * Records a notification and its delivery log entries; false (and nothing written) when the
 * event already raised one of this kind: the unique (event_id, kind) is the second guard
 * behind the inbox, for a replay of a dead letter or a consumer group renamed.
 */
export async function insertNotification(db: Db, notification: NewNotification): Promise<boolean> {
  const inserted = await db
    .insertInto('notifications')
    .values({
      id: notification.id,
      event_id: notification.eventId,
      kind: notification.kind,
      user_id: notification.userId,
      order_id: notification.orderId,
      locale: notification.locale,
      subject: notification.subject,
      body_text: notification.text,
      body_html: notification.html,
      created_at: notification.createdAt,
    })
    .onConflict((conflict) => conflict.columns(['event_id', 'kind']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  await db
    .insertInto('deliveries')
    .values(
      notification.deliveries.map((delivery) => ({
        id: delivery.id,
        notification_id: notification.id,
        channel: delivery.channel,
        status: delivery.status,
        next_attempt_at: delivery.status === 'pending' ? notification.createdAt : null,
        last_error: delivery.reason,
        created_at: notification.createdAt,
        updated_at: notification.createdAt,
      })),
    )
    .execute();
  return true;
}

export interface NotificationWithDeliveries extends NotificationRow {
  deliveries: Array<Pick<DeliveryRow, 'id' | 'channel' | 'status' | 'attempts' | 'sent_at' | 'last_error'>>;
}

/** A user's notifications, newest first, `limit` of them older than `beforeSeq`. */
export async function listNotificationsOf(
  db: Db,
  userId: string,
  options: { beforeSeq?: string | undefined; limit: number },
): Promise<NotificationWithDeliveries[]> {
  let query = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (options.beforeSeq !== undefined) query = query.where('seq', '<', options.beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(options.limit).execute();
  if (rows.length === 0) return [];
  const deliveries = await db
    .selectFrom('deliveries')
    .select(['id', 'notification_id', 'channel', 'status', 'attempts', 'sent_at', 'last_error'])
    .where(
      'notification_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('channel')
    .execute();
  return rows.map((row) => ({
    ...row,
    deliveries: deliveries
      .filter((delivery) => delivery.notification_id === row.id)
      .map(({ notification_id: _, ...delivery }) => delivery),
  }));
}

/** How many of a status: the delivery log at a glance. */
export async function countDeliveries(db: Db): Promise<Record<DeliveryStatus, number>> {
  const rows = await db
    .selectFrom('deliveries')
    .select((eb) => ['status', eb.fn.countAll<string>().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<DeliveryStatus, number> = { pending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}
