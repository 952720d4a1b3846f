import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OrdersDatabase } from './database.ts';

type Db = Kysely<OrdersDatabase>;

/** Notes a call about to be made; returns its id, to settle it once its outcome is known. */
export async function noteCallStarted(db: Db, sagaId: string, step: string): Promise<string> {
  const id = randomUUID();
  await db.insertInto('participant_calls').values({ id, saga_id: sagaId, step }).execute();
  return id;
}

/** The call's outcome is known (answered, or it never left): nothing is in doubt about it. */
export async function settleCall(db: Db, id: string): Promise<void> {
  await db.deleteFrom('participant_calls').where('id', '=', id).execute();
}

/** Whether some call of the step ended without a known outcome. */
export async function hasCallInDoubt(db: Db, sagaId: string, step: string): Promise<boolean> {
  const row = await db
    .selectFrom('participant_calls')
    .select('id')
    .where('saga_id', '=', sagaId)
    .where('step', '=', step)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Forgets a finished saga's calls. */
export async function forgetCalls(db: Db, sagaId: string): Promise<void> {
  await db.deleteFrom('participant_calls').where('saga_id', '=', sagaId).execute();
}
