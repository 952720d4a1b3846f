import { type Kysely, sql } from 'kysely';
import type { DeliveryStatus } from '../domain/delivery-status.ts';
import type { DeliveryRow, NotificationRow, NotificationsDatabase } from './database.ts';

type Db = Kysely<NotificationsDatabase>;

export type DueDelivery = DeliveryRow & {
  notification: Pick<NotificationRow, 'id' | 'kind' | 'user_id' | 'subject' | 'body_text' | 'body_html'>;
};

/**
 * One pending delivery whose time has come, locked for the caller's transaction. SKIP LOCKED
 * lets every instance of the service send at once without two of them taking the same row.
 */
export async function claimDueDelivery(db: Db, now: Date): Promise<DueDelivery | undefined> {
  const row = await db
    .selectFrom('deliveries')
    .innerJoin('notifications', 'notifications.id', 'deliveries.notification_id')
    .selectAll('deliveries')
    .select([
      'notifications.kind',
      'notifications.user_id',
      'notifications.subject',
      'notifications.body_text',
      'notifications.body_html',
    ])
    .where('deliveries.status', '=', 'pending')
    .where('deliveries.next_attempt_at', '<=', now)
    .orderBy('deliveries.next_attempt_at')
    .limit(1)
    .forUpdate('deliveries')
    .skipLocked()
    .executeTakeFirst();
  if (!row) return undefined;
  const { kind, user_id, subject, body_text, body_html, ...delivery } = row;
  return {
    ...delivery,
    notification: { id: delivery.notification_id, kind, user_id, subject, body_text, body_html },
  };
}

export async function markSent(
  db: Db,
  id: string,
  sent: { attempts: number; address: string; providerMessageId: string; at: Date },
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({
      status: 'sent',
      attempts: sent.attempts,
      address: sent.address,
      provider_message_id: sent.providerMessageId,
      sent_at: sent.at,
      next_attempt_at: null,
      last_error: null,
      updated_at: sent.at,
    })
    .where('id', '=', id)
    .execute();
}

export async function markRetry(
  db: Db,
  id: string,
  retry: { attempts: number; error: string; nextAttemptAt: Date; at: Date },
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({
      attempts: retry.attempts,
      last_error: retry.error,
      next_attempt_at: retry.nextAttemptAt,
      updated_at: retry.at,
    })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(
  db: Db,
  id: string,
  failed: { attempts: number; error: string; at: Date },
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({
      status: 'failed',
      attempts: failed.attempts,
      last_error: failed.error,
      next_attempt_at: null,
      updated_at: failed.at,
    })
    .where('id', '=', id)
    .execute();
}

/** An operator's retry of a dead-lettered delivery: pending again, due now, attempts kept. */
export async function requeueFailed(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'pending', next_attempt_at: at, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function findDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export type LoggedDelivery = DeliveryRow & Pick<NotificationRow, 'kind' | 'user_id' | 'subject'>;

/** The delivery log, newest first, optionally of one status or user; paged by created_at and id. */
export function listDeliveries(
  db: Db,
  options: {
    status?: DeliveryStatus | undefined;
    userId?: string | undefined;
    before?: { createdAt: Date; id: string } | undefined;
    limit: number;
  },
): Promise<LoggedDelivery[]> {
  let query = db
    .selectFrom('deliveries')
    .innerJoin('notifications', 'notifications.id', 'deliveries.notification_id')
    .selectAll('deliveries')
    .select(['notifications.kind', 'notifications.user_id', 'notifications.subject']);
  if (options.status) query = query.where('deliveries.status', '=', options.status);
  if (options.userId) query = query.where('notifications.user_id', '=', options.userId);
  const before = options.before;
  if (before) {
    query = query.where(
      sql<boolean>`(deliveries.created_at, deliveries.id) < (${before.createdAt}, ${before.id}::uuid)`,
    );
  }
  return query
    .orderBy('deliveries.created_at', 'desc')
    .orderBy('deliveries.id', 'desc')
    .limit(options.limit)
    .execute();
}
