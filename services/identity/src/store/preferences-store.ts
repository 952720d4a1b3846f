import type { Kysely } from 'kysely';
import type { Preferences } from '../domain/preferences.ts';
import type { IdentityDatabase } from './database.ts';

/** The user's saved preferences; undefined until they first save some. */
export async function findPreferences(
  db: Kysely<IdentityDatabase>,
  userId: string,
): Promise<Preferences | undefined> {
  const row = await db.selectFrom('preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return (
    row && {
      locale: row.locale,
      currency: row.currency,
      marketingEmails: row.marketing_emails,
      channels: { email: row.email_channel, sms: row.sms_channel, push: row.push_channel },
    }
  );
}

export async function savePreferences(
  db: Kysely<IdentityDatabase>,
  userId: string,
  preferences: Preferences,
): Promise<void> {
  const columns = {
    locale: preferences.locale,
    currency: preferences.currency,
    marketing_emails: preferences.marketingEmails,
    email_channel: preferences.channels.email,
    sms_channel: preferences.channels.sms,
    push_channel: preferences.channels.push,
  };
  await db
    .insertInto('preferences')
    .values({ user_id: userId, ...columns })
    .onConflict((conflict) => conflict.column('user_id').doUpdateSet({ ...columns, updated_at: new Date() }))
    .execute();
}
