import type { Kysely, Transaction } from 'kysely';

export type { Transaction } from 'kysely';

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws,
 * so a failed request never leaves half-written state behind.
 */
export function inTransaction<Schema, Result>(
  db: Kysely<Schema>,
  work: (trx: Transaction<Schema>) => Promise<Result>,
): Promise<Result> {
  return db.transaction().execute(work);
}
