import type { Kysely } from 'kysely';

/**
 * A choreographed checkout keeps only the digest of the card token, which is what it sends to
 * payments: the token itself is never stored by choreography nor put on the bus.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('choreographed_checkouts')
    .renameColumn('card_token', 'card_token_digest')
    .execute();
}
