import type { Logger } from '@emporium/platform/log';
import { type QueryExecutorProvider, sql } from 'kysely';
import type pg from 'pg';
import type { NotificationDeps } from './notification-deps.ts';
import { type SenderOptions, sendDueDeliveries } from './notification-sender.ts';

/** The channel a new pending delivery is announced on (NOTIFY is delivered on commit). */
export const DELIVERIES_DUE_CHANNEL = 'notifications_due';

/** Wakes the senders listening, once the caller's transaction commits. */
export async function announceDeliveriesDue(trx: QueryExecutorProvider): Promise<void> {
  await sql`select pg_notify(${DELIVERIES_DUE_CHANNEL}, '')`.execute(trx);
}

export interface DeliveryWorker {
  /** Runs a pass now (tests, and the operator's retry). */
  wake(): void;
  /** Resolves once the delivery in hand, if any, is sent and recorded. */
  stop(): Promise<void>;
}

/**
 * The sender's loop: a pass over the due deliveries whenever a new one is announced (LISTEN
 * on one connection of the pool) and every `pollMs` for retries coming due. A pass that
 * fails (database gone) is logged and the next tick tries again.
 */
export async function startDeliveryWorker(
  context: { pool: pg.Pool; logger: Logger },
  deps: NotificationDeps,
  options: SenderOptions & { pollMs: number },
): Promise<DeliveryWorker> {
  const { logger } = context;
  const shutdown = new AbortController();
  const senderOptions = { ...options, signal: shutdown.signal };
  let stopped = false;
  let again = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const pass = async () => {
    do {
      again = false;
      try {
        await sendDueDeliveries(deps, senderOptions);
      } catch (error) {
        logger.error({ err: error }, 'sending due deliveries failed; retrying on the next tick');
      }
    } while (again && !stopped);
  };
  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => {
      running = undefined;
    });
  };
  const schedule = () => {
    timer = setTimeout(() => {
      wake();
      schedule();
    }, options.pollMs);
    timer.unref();
  };

  let listener: pg.PoolClient | undefined;
  try {
    listener = await context.pool.connect();
    listener.on('notification', wake);
    listener.on('error', (error) => logger.warn({ err: error }, 'lost the LISTEN connection; polling only'));
    await listener.query(`listen ${DELIVERIES_DUE_CHANNEL}`);
  } catch (error) {
    logger.warn({ err: error }, 'could not LISTEN for new deliveries; polling only');
    listener?.release(true);
    listener = undefined;
  }
  schedule();
  wake();

  return {
    wake,
    async stop() {
      stopped = true;
      shutdown.abort();
      clearTimeout(timer);
      await running;
      if (listener) {
        listener.removeAllListeners('notification');
        listener.release(true);
      }
    },
  };
}
