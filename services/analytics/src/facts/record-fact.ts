import type { CloudEvent } from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
import type { AnalyticsDatabase } from '../store/database.ts';
import { projectFact } from './projector.ts';

/**
 * Appends an event to the fact store and projects it, in the consumer's transaction. An event
 * id already stored (a dead letter replayed after the inbox forgot it, a renamed group) adds
 * nothing, so no report counts an event twice.
 */
export async function recordFact(
  db: Kysely<AnalyticsDatabase>,
  event: CloudEvent,
  now: Date,
): Promise<boolean> {
  const stored = await db
    .insertInto('facts')
    .values({
      event_id: event.id,
      type: event.type,
      source: event.source,
      subject: event.subject,
      occurred_at: new Date(event.time),
      data: JSON.stringify(event.data),
      recorded_at: now,
    })
    .onConflict((conflict) => conflict.column('event_id').doNothing())
    .returning('seq')
    .executeTakeFirst();
  if (!stored) return false;
  await projectFact(db, { type: event.type, data: event.data });
  return true;
}
