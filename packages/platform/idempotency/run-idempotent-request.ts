import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { inTransaction } from '../db/index.ts';
import { IdempotencyKeyConflict, idempotencyKeyOf } from './idempotency-key-header.ts';
import type { IdempotencyTables } from './idempotency-migrations.ts';
import { IdempotencyKeyReused, runIdempotent } from './run-idempotent.ts';

export interface IdempotentRequest {
  /** What the key is unique within, e.g. "inventory.restock": one key may serve different operations. */
  scope: string;
  /** Everything that defines the request (path parameters and body): a key reused with another is refused. */
  request: unknown;
  /** Without an Idempotency-Key header: refuse (IDEMPOTENCY_KEY_MISSING), or just run once. */
  keyRequired: boolean;
}

/**
 * A REST route's change, in one transaction, once per `Idempotency-Key`: the same key with the
 * same request answers the first result with `Idempotent-Replayed: true`; with another request,
 * 422 IDEMPOTENCY_KEY_REUSED and nothing changes. `work` returns the JSON body. A change that
 * is refused (it throws) stores nothing, so the key may be used again.
 */
export async function runIdempotentRequest<Schema extends IdempotencyTables, T>(
  db: Kysely<Schema>,
  http: { request: FastifyRequest; reply: FastifyReply },
  change: IdempotentRequest,
  work: (trx: Transaction<Schema>) => Promise<T>,
): Promise<T> {
  const key = idempotencyKeyOf(http.request, { required: change.keyRequired });
  if (key === undefined) return inTransaction(db, work);
  try {
    const { result, replayed } = await runIdempotent(
      db,
      { scope: change.scope, key, request: change.request },
      work,
    );
    if (replayed) http.reply.header('idempotent-replayed', 'true');
    return result;
  } catch (error) {
    if (error instanceof IdempotencyKeyReused) {
      throw IdempotencyKeyConflict(
        `Idempotency-Key ${key} was used for a different request; nothing was changed`,
      );
    }
    throw error;
  }
}
