import type { HttpServer } from '@emporium/platform/http';
import type { Logger } from '@emporium/platform/log';
import type { Kysely } from 'kysely';
import { pruneGuestCarts } from '../store/carts-store.ts';
import type { OrdersDatabase } from '../store/database.ts';

const DAY_MS = 24 * 3_600_000;

/** Deletes guest carts nobody touched for `ttlDays`, every hour, until the server closes. */
export function startGuestCartPruner(
  context: { app: HttpServer; db: Kysely<OrdersDatabase>; logger: Logger; clock: () => Date },
  { ttlDays, intervalMs = 3_600_000 }: { ttlDays: number; intervalMs?: number },
): void {
  const prune = () => {
    pruneGuestCarts(context.db, new Date(context.clock().getTime() - ttlDays * DAY_MS)).then(
      (deleted) => deleted > 0 && context.logger.info({ deleted }, 'old guest carts deleted'),
      (error: unknown) => context.logger.warn({ err: error }, 'pruning guest carts failed'),
    );
  };
  const timer = setInterval(prune, intervalMs);
  timer.unref();
  context.app.addHook('onClose', async () => clearInterval(timer));
}
