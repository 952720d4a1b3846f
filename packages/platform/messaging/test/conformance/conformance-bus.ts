import { randomBytes } from 'node:crypto';
import { defineEvent, type EventDefinition } from '@emporium/contracts';
import { Type } from '@sinclair/typebox';
import { type Generated, type Kysely, sql } from 'kysely';
import { createDatabase, type Database, migrateToLatest } from '../../../db/index.ts';
import { createLogger } from '../../../log/index.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/index.ts';
import { createEventPublisher } from '../../event-publisher.ts';
import type { EventTransport } from '../../event-transport.ts';
import { messagingMigrations } from '../../store/messaging-migrations.ts';
import type { MessagingTables } from '../../store/messaging-schema.ts';

/** The consumer side's own table: one row per effect, so "applied once" can be counted. */
export interface ConformanceTables extends MessagingTables {
  received: {
    id: Generated<string>;
    consumer_group: string;
    event_id: string;
    subject: string;
    n: number;
    member: string;
  };
}

export const quietLogger = createLogger({
  service: 'conformance',
  level: process.env.TEST_LOG_LEVEL ?? 'silent',
  pretty: false,
});

export const NotedData = Type.Object(
  { n: Type.Integer(), hang: Type.Optional(Type.Boolean()), failTimes: Type.Optional(Type.Integer()) },
  { additionalProperties: false },
);

/** A fresh event type per test (its own context, so its own NATS stream and pg-boss queues). */
export function noteEvent(): EventDefinition<typeof NotedData> {
  const context = Array.from(randomBytes(8), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return defineEvent(`emporium.${context}.item.noted.v1`, NotedData, 'a conformance test event');
}

export interface ServiceDatabases {
  producer: Database<MessagingTables>;
  consumer: Database<ConformanceTables>;
  consumerUrl: string;
  close(): Promise<void>;
}

/** A producing service's database and a consuming service's, each migrated as a service's would be. */
export async function serviceDatabases(): Promise<ServiceDatabases> {
  const made: TestDatabase[] = [await createTestDatabase('producer'), await createTestDatabase('consumer')];
  const [producerDb, consumerDb] = made as [TestDatabase, TestDatabase];
  const producer = createDatabase<MessagingTables>({ url: producerDb.url, poolMax: 4 });
  const consumer = createDatabase<ConformanceTables>({ url: consumerDb.url, poolMax: 6 });
  await migrateToLatest(producer.db, messagingMigrations);
  await migrateToLatest(consumer.db, {
    ...messagingMigrations,
    '0001-received': {
      async up(db: Kysely<unknown>) {
        await sql`create table received (
          id bigserial primary key, consumer_group text not null, event_id text not null,
          subject text not null, n integer not null, member text not null)`.execute(db);
      },
    },
  });
  return {
    producer,
    consumer,
    consumerUrl: consumerDb.url,
    async close() {
      await producer.close();
      await consumer.close();
      for (const database of made) await database.drop();
    },
  };
}

/** Publishes events through the outbox, as a service would: in a transaction, with its change. */
export async function publishNotes(
  producer: Database<MessagingTables>,
  definition: EventDefinition<typeof NotedData>,
  notes: { n: number; subject: string; hang?: boolean; failTimes?: number }[],
): Promise<void> {
  const publisher = createEventPublisher('conformance');
  await producer.db.transaction().execute(async (trx) => {
    for (const { subject, ...data } of notes) await publisher.publish(trx, definition, { subject, data });
  });
}

export async function receivedBy(consumer: Database<ConformanceTables>, group: string) {
  return consumer.db
    .selectFrom('received')
    .select(['event_id', 'subject', 'n', 'member'])
    .where('consumer_group', '=', group)
    .orderBy('id')
    .execute();
}

/** A transport whose first publish fails after the bus confirmed it: a relay crashing before its mark. */
export function crashingAfterConfirm(transport: EventTransport): EventTransport & { crashes: number } {
  let crashes = 0;
  return {
    name: transport.name,
    get crashes() {
      return crashes;
    },
    async publish(events) {
      await transport.publish(events);
      if (crashes === 0) {
        crashes++;
        throw new Error('relay crashed after the bus confirmed');
      }
    },
    subscribe: (options) => transport.subscribe(options),
    backlog: (group, types) => transport.backlog(group, types),
    close: () => transport.close(),
  };
}

/** A transport whose first acknowledgement is lost: the bus never hears it, the handler's commit stands. */
export function losingFirstAck(transport: EventTransport): EventTransport & { lost: number } {
  let lost = 0;
  return {
    name: transport.name,
    get lost() {
      return lost;
    },
    publish: (events) => transport.publish(events),
    subscribe: (options) =>
      transport.subscribe({
        ...options,
        onDelivery: (delivery) =>
          options.onDelivery({
            ...delivery,
            body: delivery.body,
            type: delivery.type,
            attempt: delivery.attempt,
            ack: async () => {
              if (lost === 0) {
                lost++;
                throw new Error('connection lost before the acknowledgement reached the bus');
              }
              await delivery.ack();
            },
            retryLater: (delayMs) => delivery.retryLater(delayMs),
          }),
      }),
    backlog: (group, types) => transport.backlog(group, types),
    close: () => transport.close(),
  };
}
