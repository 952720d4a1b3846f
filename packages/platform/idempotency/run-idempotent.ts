import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { ProblemError } from '../http/index.ts';
import type { IdempotencyTables } from './idempotency-migrations.ts';

/**
 * The same idempotency key came with a different request: refused, nothing changed. A
 * problem (422 IDEMPOTENCY_KEY_REUSED) on REST; ALREADY_EXISTS over gRPC (see rpc's interceptors).
 */
export class IdempotencyKeyReused extends ProblemError {
  constructor(
    readonly scope: string,
    readonly key: string,
  ) {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      422,
      'The Idempotency-Key was used for a different request',
      `idempotency key ${JSON.stringify(key)} was already used for a different ${scope} request`,
    );
    this.name = 'IdempotencyKeyReused';
  }
}

export interface IdempotentCall {
  /** What the key is unique within, e.g. "payments.capture": the same key may serve two operations. */
  scope: string;
  key: string;
  /** The request as the caller sent it (JSON-serialisable); its hash tells a replay from a reuse. */
  request: unknown;
}

export interface IdempotentOutcome<T> {
  result: T;
  /** True when the result is the first call's, read back rather than computed again. */
  replayed: boolean;
}

/**
 * Runs `work` once per (scope, key), in one transaction with the key's record, so the effect
 * and the record commit together or not at all. The same key with the same request answers
 * the first result (`replayed`); with a different request, IdempotencyKeyReused. A second
 * call while the first is in flight waits for it (PostgreSQL holds the conflicting insert),
 * then replays its result, or runs itself if the first rolled back.
 *
 * The result is stored as JSON (`json`, so key order survives) and every caller, the first
 * too, gets it back parsed: `work` returns a JSON-serialisable value (for protobuf messages,
 * their JSON form).
 */
export async function runIdempotent<Schema extends IdempotencyTables, T>(
  db: Kysely<Schema>,
  call: IdempotentCall,
  work: (trx: Transaction<Schema>) => Promise<T>,
): Promise<IdempotentOutcome<T>> {
  const requestHash = hashRequest(call.request);
  const keys = db as unknown as Kysely<IdempotencyTables>;
  return keys.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('idempotency_keys')
      .values({ scope: call.scope, key: call.key, request_hash: requestHash, response: null })
      .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      const first = await trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'response'])
        .where('scope', '=', call.scope)
        .where('key', '=', call.key)
        .executeTakeFirstOrThrow();
      if (first.request_hash !== requestHash) throw new IdempotencyKeyReused(call.scope, call.key);
      return { result: first.response as T, replayed: true };
    }
    const stored = JSON.stringify((await work(trx as unknown as Transaction<Schema>)) ?? null);
    await trx
      .updateTable('idempotency_keys')
      .set({ response: sql`${stored}::json` })
      .where('scope', '=', call.scope)
      .where('key', '=', call.key)
      .execute();
    // The first caller gets the stored form too, so a replay is indistinguishable from it.
    return { result: JSON.parse(stored) as T, replayed: false };
  });
}

/** Deletes records older than `olderThan`; a key may be reused for a new request after that. */
export async function pruneIdempotencyKeys<Schema extends IdempotencyTables>(
  db: Kysely<Schema>,
  olderThan: Date,
): Promise<number> {
  const keys = db as unknown as Kysely<IdempotencyTables>;
  const result = await keys
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', olderThan)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** SHA-256 of the request's JSON with object keys sorted, so key order never matters. */
export function hashRequest(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, field]) => field !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([name, field]) => `${JSON.stringify(name)}:${canonicalJson(field)}`).join(',')}}`;
}
