import type pg from 'pg';
import type { HttpServer } from '../http/index.ts';
import type { Logger } from '../log/index.ts';
import { connectEventBus, type EventBusSettings } from './connect-event-bus.ts';
import { type OutboxRelay, startOutboxRelay } from './outbox-relay.ts';

/**
 * What a producing service does last in its `mount`: connect the configured bus and relay its
 * outbox to it until the server closes (relay first, then the bus connection). The relay holds
 * one connection of the service's pool. Without a bus configured, events wait in the outbox.
 */
export async function startEventRelay(
  context: { app: HttpServer; database: { pool: pg.Pool }; logger: Logger },
  settings: EventBusSettings,
): Promise<OutboxRelay | undefined> {
  const { app, database, logger } = context;
  const transport = await connectEventBus(settings, logger);
  if (!transport) return undefined;
  const relay = await startOutboxRelay({ pool: database.pool, transport, logger });
  app.addHook('onClose', async () => {
    try {
      await relay.close();
    } finally {
      await transport.close();
    }
  });
  return relay;
}
