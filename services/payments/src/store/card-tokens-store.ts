import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CardTokensTable, PaymentsDatabase } from './database.ts';

export type CardTokenRow = Selectable<CardTokensTable>;

export async function insertCardToken(
  db: Kysely<PaymentsDatabase>,
  row: Insertable<CardTokensTable>,
): Promise<void> {
  await db.insertInto('card_tokens').values(row).execute();
}

/**
 * The token, locked for the caller's transaction: two authorisations racing with one token
 * (under different idempotency keys) run one after the other, and the second sees it used.
 */
export function lockCardToken(
  trx: Kysely<PaymentsDatabase>,
  token: string,
): Promise<CardTokenRow | undefined> {
  return trx.selectFrom('card_tokens').selectAll().where('token', '=', token).forUpdate().executeTakeFirst();
}

export async function markCardTokenUsed(
  trx: Kysely<PaymentsDatabase>,
  token: string,
  at: Date,
): Promise<void> {
  await trx.updateTable('card_tokens').set({ used_at: at }).where('token', '=', token).execute();
}

/** Forgets tokens that expired before `before`; none of them can be used any more. */
export async function deleteExpiredCardTokens(db: Kysely<PaymentsDatabase>, before: Date): Promise<number> {
  const result = await db.deleteFrom('card_tokens').where('expires_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
