import { type Kysely, sql } from 'kysely';

/**
 * The refusals a choreographed checkout collects while it waits for its three first answers
 * (reservation, quote, rate): it decides once all three are in, by the orchestrated order of
 * steps, so the cancellation names the same cause as an orchestrated checkout would.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('choreographed_checkouts')
    .addColumn('refusals', 'jsonb', (column) => column.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}
