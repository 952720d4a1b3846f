import { inTransaction, type Transaction } from '@emporium/platform/db';
import {
  IdempotencyKeyConflict,
  IdempotencyKeyReused,
  idempotencyKeyOf,
  runIdempotent,
} from '@emporium/platform/idempotency';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PricingDatabase } from '../store/database.ts';

export interface IdempotentChange {
  /** The operation, e.g. "pricing.put-price": one key may serve different operations. */
  scope: string;
  /** Everything that defines the request (path parameters and body): a key reused with another is refused. */
  request: unknown;
  /** Without an Idempotency-Key header: refuse (IDEMPOTENCY_KEY_MISSING) or just run once. */
  keyRequired: boolean;
}

/**
 * Runs an admin change in one transaction, once per Idempotency-Key: the same key with the
 * same request answers the first result with `Idempotent-Replayed: true`; with another
 * request, 422 IDEMPOTENCY_KEY_REUSED and nothing changes. `work` returns the JSON body.
 * A change that is refused (a 4xx) stores nothing, so the key can be used again.
 */
export async function runIdempotentChange<T>(
  db: Kysely<PricingDatabase>,
  http: { request: FastifyRequest; reply: FastifyReply },
  change: IdempotentChange,
  work: (trx: Transaction<PricingDatabase>) => Promise<T>,
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
