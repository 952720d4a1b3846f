import { inTransaction } from '@emporium/platform/db';
import {
  IdempotencyKeyConflict,
  IdempotencyKeyReused,
  type IdempotencyTables,
  runIdempotent,
} from '@emporium/platform/idempotency';
import type { Kysely, Transaction } from 'kysely';

/**
 * Runs a mutating request in one transaction; with an Idempotency-Key, once per key within
 * `scope` (the same request again answers the first result, `replayed`), and a key reused
 * for another request is IDEMPOTENCY_KEY_REUSED (422), with nothing changed.
 */
export async function idempotentCall<Schema extends IdempotencyTables, T>(
  db: Kysely<Schema>,
  call: { scope: string; key: string | undefined; request: unknown },
  work: (trx: Transaction<Schema>) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  if (call.key === undefined) return { result: await inTransaction(db, work), replayed: false };
  try {
    return await runIdempotent(db, { scope: call.scope, key: call.key, request: call.request }, work);
  } catch (error) {
    if (error instanceof IdempotencyKeyReused) {
      throw IdempotencyKeyConflict(
        `Idempotency-Key ${JSON.stringify(call.key)} was used for a different request`,
      );
    }
    throw error;
  }
}
