import type { Kysely, Selectable } from 'kysely';
import type { MessagingTables } from './messaging-schema.ts';

export type DeadLetterRow = Selectable<MessagingTables['dead_letters']>;

/** Dead letters newest first, `id` below `before` when given; one group or all. */
export function listDeadLetters(
  db: Kysely<MessagingTables>,
  query: { group: string | undefined; before: string | undefined; limit: number },
): Promise<DeadLetterRow[]> {
  let select = db.selectFrom('dead_letters').selectAll();
  if (query.group !== undefined) select = select.where('consumer_group', '=', query.group);
  if (query.before !== undefined) select = select.where('id', '<', query.before);
  return select.orderBy('id', 'desc').limit(query.limit).execute();
}

export function findDeadLetter(db: Kysely<MessagingTables>, id: string): Promise<DeadLetterRow | undefined> {
  return db.selectFrom('dead_letters').selectAll().where('id', '=', id).executeTakeFirst();
}
