import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { Logger } from '../log/index.ts';
import { OUTBOX_CHANNEL } from './event-publisher.ts';
import type { EventTransport } from './event-transport.ts';
import type { MessagingTables } from './store/messaging-schema.ts';

export interface OutboxRelayOptions {
  /** The service's pool: the relay holds one connection of it for LISTEN and its lock. */
  pool: pg.Pool;
  transport: EventTransport;
  logger: Logger;
  batchSize?: number;
  /** A safety net only: the relay is woken by NOTIFY, and looks anyway this often. */
  idleCheckMs?: number;
}

export interface OutboxRelay {
  /** Events sent since start. */
  readonly sent: number;
  /** Whether this instance holds the relay lock (one relay per database sends). */
  readonly leading: boolean;
  close(): Promise<void>;
}

// One relay per database at a time keeps publish order per subject across instances.
const RELAY_LOCK = 0x6f7574626f78; // "outbox"
const MAX_BACKOFF_MS = 30_000;

/**
 * Sends the outbox to the bus: pending events in order, in batches, marked sent only after
 * the bus confirmed them. Several instances of a service may run one each: a session
 * advisory lock elects the one that sends, and another takes over when its session ends.
 * A crash between the bus's confirmation and the mark sends a batch again; the bus's
 * de-duplication and the consumers' inboxes make that harmless.
 */
export async function startOutboxRelay(options: OutboxRelayOptions): Promise<OutboxRelay> {
  const { transport, logger } = options;
  // Its own typed view of the service's pool: it reads and writes the outbox table only.
  // (Not destroyed on close: that would end the service's pool.)
  const db = new Kysely<MessagingTables>({ dialect: new PostgresDialect({ pool: options.pool }) });
  const batchSize = options.batchSize ?? 100;
  const idleCheckMs = options.idleCheckMs ?? 5_000;
  let stopped = false;
  const closing = new AbortController();
  let sent = 0;
  let leading = false;
  let client: pg.PoolClient | undefined;
  // A NOTIFY that arrives while a batch is being sent must not be lost: it marks work as
  // pending, and the next wait returns at once.
  let pending = true;
  let wake: (() => void) | undefined;
  const woken = () => {
    pending = true;
    const waiter = wake;
    wake = undefined;
    waiter?.();
  };
  const waitForWork = async (ms: number) => {
    if (!pending) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(() => {
          if (wake === resolve) wake = undefined;
          resolve();
        }, ms).unref();
      });
    }
    pending = false;
  };

  async function holdConnection(): Promise<pg.PoolClient> {
    const connection = await options.pool.connect();
    connection.on('notification', woken);
    connection.on('error', (error) => logger.warn({ err: error }, 'outbox relay connection failed'));
    await connection.query(`listen ${OUTBOX_CHANNEL}`);
    return connection;
  }

  async function sendPending(): Promise<number> {
    const batch = await db
      .selectFrom('outbox')
      .select(['seq', 'id', 'type', 'subject', 'body'])
      .where('sent_at', 'is', null)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (batch.length === 0) return 0;
    await transport.publish(batch);
    await db
      .updateTable('outbox')
      .set({ sent_at: new Date() })
      .where(
        'seq',
        'in',
        batch.map((event) => event.seq),
      )
      .execute();
    sent += batch.length;
    return batch.length;
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (!stopped) {
      try {
        client ??= await holdConnection();
        if (!leading) {
          const { rows } = await client.query<{ locked: boolean }>(
            'select pg_try_advisory_lock($1) as locked',
            [RELAY_LOCK],
          );
          leading = rows[0]?.locked === true;
          if (!leading) {
            await waitForWork(idleCheckMs);
            continue;
          }
          logger.info('outbox relay leading');
        }
        const count = await sendPending();
        failures = 0;
        if (count < batchSize) await waitForWork(idleCheckMs);
      } catch (error) {
        failures++;
        const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** failures);
        logger.warn({ err: error, retryInMs: delay }, 'outbox relay could not send; retrying');
        // A broken connection loses the lock with it: start over with a fresh one.
        client?.release(true);
        client = undefined;
        leading = false;
        await sleep(delay, undefined, { signal: closing.signal }).catch(() => {});
      }
    }
  }

  const running = run();
  return {
    get sent() {
      return sent;
    },
    get leading() {
      return leading;
    },
    async close() {
      stopped = true;
      closing.abort();
      woken();
      await running;
      // Destroying the connection ends the session, which releases the advisory lock.
      client?.release(true);
      client = undefined;
    },
  };
}
