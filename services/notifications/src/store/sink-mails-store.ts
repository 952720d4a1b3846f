import { type Kysely, sql } from 'kysely';
import type { NotificationsDatabase, SinkMailRow } from './database.ts';

type Db = Kysely<NotificationsDatabase>;

export async function saveSinkMail(
  db: Db,
  mail: { messageId: string | null; from: string | null; to: string[]; subject: string | null; raw: string },
  at: Date,
): Promise<string> {
  const row = await db
    .insertInto('sink_mails')
    .values({
      message_id: mail.messageId,
      envelope_from: mail.from,
      envelope_to: JSON.stringify(mail.to),
      subject: mail.subject,
      raw: mail.raw,
      received_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Mails newest first, optionally only those addressed (in the envelope) to `to`. */
export function listSinkMails(
  db: Db,
  options: { to?: string | undefined; beforeId?: string | undefined; limit: number },
): Promise<Omit<SinkMailRow, 'raw'>[]> {
  let query = db
    .selectFrom('sink_mails')
    .select(['id', 'message_id', 'envelope_from', 'envelope_to', 'subject', 'received_at']);
  if (options.to) {
    const to = JSON.stringify([options.to.toLowerCase()]);
    query = query.where(sql<boolean>`envelope_to @> ${to}::jsonb`);
  }
  if (options.beforeId) query = query.where('id', '<', options.beforeId);
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}

export function findSinkMail(db: Db, id: string): Promise<SinkMailRow | undefined> {
  return db.selectFrom('sink_mails').selectAll().where('id', '=', id).executeTakeFirst();
}
