import { inTransaction } from '@emporium/platform/db';
import {
  IdempotencyKeyConflict,
  IdempotencyKeyReused,
  idempotencyKeyOf,
  runIdempotent,
} from '@emporium/platform/idempotency';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { InventoryDatabase } from '../store/database.ts';

export interface AdminChange {
  /** What the key is unique within, e.g. "inventory.restock". */
  scope: string;
  /** Whether the call must carry an Idempotency-Key (a POST), or may (a PUT, idempotent anyway). */
  keyRequired: boolean;
  /** The request as sent (path parameters and body): a reused key with another one is refused. */
  request: unknown;
}

/**
 * Runs an admin change in one transaction, once per Idempotency-Key when the request has one:
 * the same key and request answer the first result with `Idempotent-Replayed: true`; the same
 * key with another request is IDEMPOTENCY_KEY_REUSED (422) and changes nothing. `work` returns
 * the response body (JSON), which is what a replay answers.
 */
export async function runAdminChange<T>(
  db: Kysely<InventoryDatabase>,
  request: FastifyRequest,
  reply: FastifyReply,
  change: AdminChange,
  work: (trx: Transaction<InventoryDatabase>) => Promise<T>,
): Promise<T> {
  const key = idempotencyKeyOf(request, { required: change.keyRequired });
  if (key === undefined) return inTransaction(db, work);
  try {
    const { result, replayed } = await runIdempotent(
      db,
      { scope: change.scope, key, request: change.request },
      work,
    );
    if (replayed) reply.header('idempotent-replayed', 'true');
    return result;
  } catch (error) {
    if (error instanceof IdempotencyKeyReused) {
      throw IdempotencyKeyConflict(
        `The Idempotency-Key ${JSON.stringify(key)} was already used for a different request; ` +
          'nothing was changed. Use a new key for a new request',
      );
    }
    throw error;
  }
}
