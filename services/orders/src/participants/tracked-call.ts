import type { Kysely } from 'kysely';
import type { OrdersDatabase } from '../store/database.ts';
import { noteCallStarted, settleCall } from '../store/participant-calls-store.ts';
import { mayHaveTakenEffect } from './participant-errors.ts';

/**
 * Makes a mutating call to a participant with a write-ahead note: the note is written before
 * the call and removed once the outcome is known. A note left behind (a timeout, a connection
 * lost mid-call, a crash) tells the step's compensation that the call may have taken effect
 * even though the saga never learnt its result.
 */
export async function trackedCall<T>(
  db: Kysely<OrdersDatabase>,
  where: { sagaId: string; step: string },
  call: () => Promise<T>,
): Promise<T> {
  const id = await noteCallStarted(db, where.sagaId, where.step);
  let result: T;
  try {
    result = await call();
  } catch (error) {
    if (!mayHaveTakenEffect(error)) await settleCall(db, id);
    throw error;
  }
  await settleCall(db, id);
  return result;
}
