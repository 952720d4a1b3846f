import type { Kysely } from 'kysely';
import type { HttpServer } from '../http/index.ts';
import type { Logger } from '../log/index.ts';
import type { IdempotencyTables } from './idempotency-migrations.ts';
import { pruneIdempotencyKeys } from './run-idempotent.ts';

export const IDEMPOTENCY_KEY_RETENTION_MS = 24 * 3_600_000;

/** Forgets keys older than the retention every hour, until the server closes. */
export function startIdempotencyPruner<Schema extends IdempotencyTables>(
  context: { app: HttpServer; db: Kysely<Schema>; logger: Logger },
  { retentionMs = IDEMPOTENCY_KEY_RETENTION_MS, intervalMs = 3_600_000 } = {},
): void {
  const prune = () => {
    pruneIdempotencyKeys(context.db, new Date(Date.now() - retentionMs)).then(
      (deleted) => deleted > 0 && context.logger.info({ deleted }, 'old idempotency keys deleted'),
      (error: unknown) => context.logger.warn({ err: error }, 'pruning idempotency keys failed'),
    );
  };
  const timer = setInterval(prune, intervalMs);
  timer.unref();
  context.app.addHook('onClose', async () => clearInterval(timer));
}
