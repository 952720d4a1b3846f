import {
  IdempotencyKeyConflict,
  IdempotencyKeyReused,
  type IdempotentCall,
  runIdempotent,
} from '@emporium/platform/idempotency';
import type { FastifyReply } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { PaymentsDatabase } from '../store/database.ts';

/**
 * A REST route's mutation run once per Idempotency-Key: a replay answers the first result with
 * `Idempotent-Replayed: true`, and a key reused for a different request is 422
 * IDEMPOTENCY_KEY_REUSED with nothing changed.
 */
export async function runIdempotentRoute<T>(
  db: Kysely<PaymentsDatabase>,
  reply: FastifyReply,
  call: IdempotentCall,
  work: (trx: Transaction<PaymentsDatabase>) => Promise<T>,
): Promise<T> {
  try {
    const { result, replayed } = await runIdempotent(db, call, work);
    if (replayed) reply.header('idempotent-replayed', 'true');
    return result;
  } catch (error) {
    if (error instanceof IdempotencyKeyReused) {
      throw IdempotencyKeyConflict(
        'This Idempotency-Key was already used for a different request; nothing was changed',
      );
    }
    throw error;
  }
}
