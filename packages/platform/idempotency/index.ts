export {
  IdempotencyKeyConflict,
  IdempotencyKeyInvalid,
  IdempotencyKeyMissing,
  idempotencyKeyOf,
} from './idempotency-key-header.ts';
export { type IdempotencyTables, idempotencyMigrations } from './idempotency-migrations.ts';
export { IDEMPOTENCY_KEY_RETENTION_MS, startIdempotencyPruner } from './idempotency-pruner.ts';
export {
  hashRequest,
  IdempotencyKeyReused,
  type IdempotentCall,
  type IdempotentOutcome,
  pruneIdempotencyKeys,
  runIdempotent,
} from './run-idempotent.ts';
export { type IdempotentRequest, runIdempotentRequest } from './run-idempotent-request.ts';
