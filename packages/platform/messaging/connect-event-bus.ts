import { Type } from '@sinclair/typebox';
import type { Logger } from '../log/index.ts';
import type { EventTransport } from './event-transport.ts';
import { createNatsTransport } from './transports/nats-transport.ts';
import { createPostgresTransport } from './transports/postgres-transport.ts';

/** Variables of every service that publishes or consumes events; spread into its config schema. */
export function eventBusConfig() {
  return {
    NATS_URL: Type.Optional(
      Type.String({
        pattern: '^(nats|tls)://',
        description: 'NATS server(s); when set, events ride JetStream',
      }),
    ),
    BUS_DATABASE_URL: Type.Optional(
      Type.String({
        pattern: '^postgres(ql)?://',
        description:
          'The `platform` database holding the PostgreSQL bus (pg-boss), used when NATS_URL is unset',
      }),
    ),
  };
}

export interface EventBusSettings {
  NATS_URL?: string | undefined;
  BUS_DATABASE_URL?: string | undefined;
}

/**
 * The bus chosen by configuration: NATS JetStream when NATS_URL is set, otherwise the
 * PostgreSQL transport on BUS_DATABASE_URL; undefined when neither is, in which case events
 * wait in the outbox until a bus is configured.
 */
export async function connectEventBus(
  settings: EventBusSettings,
  logger: Logger,
): Promise<EventTransport | undefined> {
  const onError = (error: Error) => logger.warn({ err: error }, 'event bus error');
  if (settings.NATS_URL) return createNatsTransport({ servers: settings.NATS_URL, onError });
  if (settings.BUS_DATABASE_URL) return createPostgresTransport({ url: settings.BUS_DATABASE_URL, onError });
  logger.warn('no event bus configured (NATS_URL or BUS_DATABASE_URL): events stay in the outbox');
  return undefined;
}
