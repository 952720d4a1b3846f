import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { HttpServer } from '../http/index.ts';
import type { Logger } from '../log/index.ts';
import type { Metrics } from '../metrics/index.ts';
import { connectEventBus, type EventBusSettings } from './connect-event-bus.ts';
import { registerEventBusMetrics } from './event-bus-metrics.ts';
import { type EventConsumer, type EventConsumerOptions, startEventConsumer } from './event-consumer.ts';
import type { EventTransport } from './event-transport.ts';
import { type OutboxRelay, startOutboxRelay } from './outbox-relay.ts';
import type { MessagingTables } from './store/messaging-schema.ts';

/** A consumer group the service reads, as startEventConsumer takes it (transport, db and logger supplied). */
export type ConsumerSpec<Schema> = Omit<EventConsumerOptions<Schema>, 'transport' | 'db' | 'logger'>;

export interface EventBus {
  relay: OutboxRelay | undefined;
  /** For registerDeadLetterRoutes: empty without a bus. */
  consumers: EventConsumer[];
}

/** What startEventBus takes from the module's context; with `metrics`, it adds the bus's gauges. */
export interface EventBusContext<Schema> {
  app: HttpServer;
  database: { pool: pg.Pool; db: Kysely<Schema> };
  logger: Logger;
  metrics?: Metrics;
}

/**
 * What a service that publishes or consumes events does last in its `mount`: connect the
 * configured bus once, start its consumers on that connection, then relay its outbox to it,
 * until the server closes (consumers, relay, then the connection). The relay holds one
 * connection of the service's pool. Without a bus configured, events wait in the outbox and
 * nothing is consumed. A given `transport` (tests) is used, and left open, instead. With
 * `metrics`, /metrics shows outbox lag, dead letters and each group's backlog.
 */
export async function startEventBus<Schema>(
  context: EventBusContext<Schema>,
  settings: EventBusSettings,
  options: { consumers?: ReadonlyArray<ConsumerSpec<Schema>>; transport?: EventTransport } = {},
): Promise<EventBus> {
  const { app, database, logger } = context;
  const bus: EventBus = { relay: undefined, consumers: [] };
  const transport = options.transport ?? (await connectEventBus(settings, logger));
  if (!transport) return bus;
  // Added before anything starts, so a failure below still closes what was opened.
  app.addHook('onClose', async () => {
    try {
      for (const consumer of bus.consumers) await consumer.close();
      await bus.relay?.close();
    } finally {
      if (!options.transport) await transport.close();
    }
  });
  const db = database.db as Kysely<Schema & MessagingTables>;
  for (const spec of options.consumers ?? []) {
    bus.consumers.push(await startEventConsumer<Schema>({ ...spec, transport, db, logger }));
  }
  if (context.metrics) {
    registerEventBusMetrics(context.metrics, {
      db: db as unknown as Kysely<MessagingTables>,
      transport,
      groups: (options.consumers ?? []).map(({ group, handlers }) => ({
        group,
        types: handlers.map((handler) => handler.definition.type),
      })),
    });
  }
  // Last, so nothing above can fail after the relay holds its connection.
  bus.relay = await startOutboxRelay({ pool: database.pool, transport, logger });
  return bus;
}

/** startEventBus for a service that only publishes. */
export async function startEventRelay<Schema>(
  context: EventBusContext<Schema>,
  settings: EventBusSettings,
): Promise<OutboxRelay | undefined> {
  return (await startEventBus(context, settings)).relay;
}
