import pg from 'pg';
import { asError, type Warn } from '../service-registry.ts';

export interface PostgresListenerOptions {
  connection: pg.ClientConfig;
  channel: string;
  /** How long to wait before connecting again after the connection is lost. */
  retryMs: number;
  warn: Warn;
  onNotification(payload: string): void;
  /** Listening again after an outage: whatever was notified meanwhile is lost. */
  onListeningAgain(): void;
}

export interface PostgresListener {
  /** Starts listening unless it already does or is retrying; never rejects. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One LISTEN connection of its own (a pooled one would be handed to other queries), opened by
 * the first watch and opened again after an outage until closed.
 */
export function createPostgresListener(options: PostgresListenerOptions): PostgresListener {
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  let closed = false;

  async function start(): Promise<void> {
    // One connection and one retry loop, however many watches ask during an outage.
    if (client || retry !== undefined || closed) return;
    const current = new pg.Client(options.connection);
    client = current;
    let lost = false;
    const lose = (error: Error) => {
      if (lost) return;
      lost = true;
      if (client === current) client = undefined;
      current.end().catch(() => {});
      if (closed) return;
      // Once per outage: each watch's own poll reports the outage to its caller.
      if (failures++ === 0)
        options.warn(error, 'lost the registry LISTEN connection; watches poll until it is back');
      retry = setTimeout(() => {
        retry = undefined;
        void start();
      }, options.retryMs);
    };
    current.on('error', lose);
    current.on('end', () => lose(new Error('the connection ended')));
    current.on('notification', ({ payload }) => {
      if (payload) options.onNotification(payload);
    });
    try {
      await current.connect();
      await current.query(`listen ${options.channel}`);
      if (failures > 0) options.onListeningAgain();
      failures = 0;
    } catch (error) {
      // A failed connect emits no 'error' event.
      lose(asError(error));
    }
  }

  return {
    start,
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
