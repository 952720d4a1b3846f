import type { Kysely } from 'kysely';
import type { ChannelChoice } from '../domain/channel.ts';
import type { NotificationsDatabase, RecipientRow } from './database.ts';

type Db = Kysely<NotificationsDatabase>;

/** A user's name and email as identity last published them. */
export async function saveProfile(
  db: Db,
  profile: { userId: string; email: string; name: string },
  at: Date,
): Promise<void> {
  await db
    .insertInto('recipients')
    .values({ user_id: profile.userId, email: profile.email, name: profile.name, updated_at: at })
    .onConflict((conflict) =>
      conflict.column('user_id').doUpdateSet({ email: profile.email, name: profile.name, updated_at: at }),
    )
    .execute();
}

/** A user's locale and channels as identity last published them. */
export async function savePreferences(
  db: Db,
  preferences: { userId: string; locale: string; channels: ChannelChoice },
  at: Date,
): Promise<void> {
  const values = {
    locale: preferences.locale,
    channel_email: preferences.channels.email,
    channel_sms: preferences.channels.sms,
    channel_push: preferences.channels.push,
    updated_at: at,
  };
  await db
    .insertInto('recipients')
    .values({ user_id: preferences.userId, email: null, name: null, ...values })
    .onConflict((conflict) => conflict.column('user_id').doUpdateSet(values))
    .execute();
}

export function findRecipient(db: Db, userId: string): Promise<RecipientRow | undefined> {
  return db.selectFrom('recipients').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function rememberOrder(db: Db, orderId: string, userId: string): Promise<void> {
  await db
    .insertInto('order_recipients')
    .values({ order_id: orderId, user_id: userId })
    .onConflict((conflict) => conflict.column('order_id').doNothing())
    .execute();
}

export async function userOfOrder(db: Db, orderId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('order_recipients')
    .select('user_id')
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return row?.user_id;
}
