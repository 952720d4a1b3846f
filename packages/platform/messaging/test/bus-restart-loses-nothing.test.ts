/**
 * Conformance, for every transport: the bus's server restarts in the middle of a stream of
 * events (an upgrade, a crash, a failover) while services keep writing to their outboxes.
 * Each bus runs on a private server this file starts, stops and starts again (never the
 * machine's shared one); the services' databases stay on the test server. Once the bus is
 * back, every event is handled exactly once by the group, none is dead-lettered and the
 * outbox is all marked sent.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { waitFor } from '../../testing/index.ts';
import { handleEvent, startEventConsumer } from '../event-consumer.ts';
import { contextOfType, type EventTransport } from '../event-transport.ts';
import { startOutboxRelay } from '../outbox-relay.ts';
import { createNatsTransport } from '../transports/nats-transport.ts';
import { createPostgresTransport, queueNameOf } from '../transports/postgres-transport.ts';
import type { BusServer } from './conformance/bus-server.ts';
import {
  type ConformanceTables,
  noteEvent,
  publishNotes,
  quietLogger,
  receivedBy,
  type ServiceDatabases,
  serviceDatabases,
} from './conformance/conformance-bus.ts';
import { natsServerSkipReason, startNatsBusServer } from './conformance/nats-bus-server.ts';
import { startPostgresBusServer } from './conformance/postgres-bus-server.ts';

interface RestartableBus {
  name: string;
  skipReason: string | undefined;
  startServer(): Promise<BusServer>;
  connect(server: BusServer, onError: (error: Error) => void): Promise<EventTransport>;
  /** Deliveries of the group's events the bus still holds unacknowledged (waiting or in hand). */
  unsettled(server: BusServer, type: string, group: string): Promise<number>;
}

/** The stream: one event per outbox transaction, paced, 200 over about 3 s. */
const EVENTS = 200;
const PACE_MS = 15;
/** The bus goes down once the group has handled this many: mid-stream, with the flow proven. */
const HANDLED_BEFORE_STOP = 30;
/**
 * The stream holds here until the bus is down, so that on a slow machine too the outage falls
 * in the middle of it, with events left to write while it is down and after.
 */
const HOLD_AT = 80;
/** Written to the outbox while the bus is down (about a second of the stream), before it starts again. */
const PUBLISHED_WHILE_DOWN = 70;
const REDELIVER_AFTER_MS = 2_000;
/** The relay backs off up to seconds after failures, and a lease ends after REDELIVER_AFTER_MS. */
const RECOVERY_TIMEOUT_MS = 30_000;
const GROUP = 'restart';
const NATS_STREAM_PREFIX = 'RESTART';

const postgresBus: RestartableBus = {
  name: 'postgres (pg-boss) on a private embedded PostgreSQL',
  skipReason: undefined,
  startServer: startPostgresBusServer,
  connect: (server, onError) =>
    createPostgresTransport({
      url: server.url,
      redeliverAfterMs: REDELIVER_AFTER_MS,
      pollingIntervalSeconds: 0.5,
      onError,
    }),
  async unsettled(server, type, group) {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: number }>(
        "select count(*)::int as count from pgboss.job where name = $1 and state <> 'completed'",
        [queueNameOf(type, group)],
      );
      return rows[0]?.count ?? 0;
    } finally {
      await client.end();
    }
  },
};

const natsBus: RestartableBus = {
  name: 'nats (JetStream) on a private nats-server',
  skipReason: natsServerSkipReason(),
  startServer: startNatsBusServer,
  connect: (server, onError) =>
    createNatsTransport({
      servers: server.url,
      streamPrefix: NATS_STREAM_PREFIX,
      redeliverAfterMs: REDELIVER_AFTER_MS,
      onError,
    }),
  async unsettled(server, type, group) {
    const connection = await connect({ servers: server.url, reconnect: false });
    try {
      // The transport's naming: stream P_<CONTEXT>, durable consumer = group with '.' -> '_'.
      const stream = `${NATS_STREAM_PREFIX}_${contextOfType(type)}`.toUpperCase();
      const info = await (await jetstreamManager(connection)).consumers.info(
        stream,
        group.replaceAll('.', '_'),
      );
      return info.num_pending + info.num_ack_pending;
    } finally {
      await connection.close();
    }
  },
};

for (const bus of [postgresBus, natsBus]) describeBusRestart(bus);

function describeBusRestart(bus: RestartableBus): void {
  describe(`${bus.name}: bus restarted during a publish stream`, { skip: bus.skipReason }, () => {
    let databases: ServiceDatabases | undefined;
    let server: BusServer | undefined;
    /** Set while the test has the server stopped: a failure then must not leave it so for the closers. */
    let serverStopped = false;
    const closers: (() => Promise<void>)[] = [];

    before(
      async () => {
        databases = await serviceDatabases();
        server = await bus.startServer();
      },
      { timeout: 60_000 },
    );
    after(
      async () => {
        // Back up first, so the transports close as they would in a service, not against a dead server.
        if (serverStopped) await server?.start().catch(() => {});
        // Consumer and relay before their transports, transports before the server.
        for (const close of closers.reverse()) await close().catch(() => {});
        await server?.close();
        await databases?.close();
      },
      { timeout: 60_000 },
    );

    const scenario =
      'loses nothing once it is back: each event handled once, none dead-lettered, the outbox all sent';
    it(scenario, { timeout: 90_000 }, async (t) => {
      assert.ok(databases && server);
      const { producer, consumer } = databases;
      const busServer = server;
      const noted = noteEvent();
      // Expected while the server is away (lost connections, failed acks); kept for a failure's message.
      const errors: Error[] = [];
      const connectTransport = async () => {
        const transport = await bus.connect(busServer, (error) => errors.push(error));
        closers.push(() => transport.close());
        return transport;
      };

      const group = await startEventConsumer<ConformanceTables>({
        transport: await connectTransport(),
        db: consumer.db,
        group: GROUP,
        logger: quietLogger,
        retryDelayMs: () => 100,
        handlers: [
          handleEvent<ConformanceTables, typeof noted>(noted, async (trx, event) => {
            await trx
              .insertInto('received')
              .values({
                consumer_group: GROUP,
                event_id: event.id,
                subject: event.subject,
                n: event.data.n,
                member: 'only',
              })
              .execute();
          }),
        ],
      });
      closers.push(() => group.close());
      // The relay in a process of its own: its own connection to the bus.
      const relay = await startOutboxRelay({
        pool: producer.pool,
        transport: await connectTransport(),
        logger: quietLogger,
        idleCheckMs: 500,
      });
      closers.push(() => relay.close());

      let published = 0;
      let down = false;
      const publishing = (async () => {
        for (let n = 0; n < EVENTS; n++) {
          if (n === HOLD_AT) await waitFor('the bus to go down', () => down, { timeoutMs: 30_000 });
          await publishNotes(producer, noted, [{ n, subject: `item-${n % 5}` }]);
          published++;
          await sleep(PACE_MS);
        }
      })();
      // Awaited below; this only keeps an early failure from being reported as unhandled first.
      publishing.catch(() => {});
      const handledCount = async () => (await receivedBy(consumer, GROUP)).length;

      await waitFor(
        `the group to handle ${HANDLED_BEFORE_STOP} events before the bus stops`,
        async () => (await handledCount()) >= HANDLED_BEFORE_STOP,
        { timeoutMs: 20_000 },
      );
      const publishedAtStop = published;
      const stopping = Date.now();
      serverStopped = true;
      await busServer.stop();
      down = true;
      const downSince = Date.now();
      const publishedAtDown = published;
      await waitFor(
        `${PUBLISHED_WHILE_DOWN} events written to the outbox while the bus is down`,
        () => published >= publishedAtDown + PUBLISHED_WHILE_DOWN,
        { timeoutMs: 10_000 },
      );
      await busServer.start();
      serverStopped = false;
      const back = Date.now();
      const publishedAtBack = published;
      await publishing;

      await waitFor(
        `all ${EVENTS} events handled after the restart`,
        async () => (await handledCount()) >= EVENTS,
        { timeoutMs: RECOVERY_TIMEOUT_MS },
      ).catch((error: Error) => {
        throw new Error(`${error.message}; the transports reported:\n${summary(errors)}`);
      });
      const allHandled = Date.now();
      await waitFor(
        'the outbox to be all marked sent',
        async () => {
          const { unsent } = await producer.db
            .selectFrom('outbox')
            .select((eb) => eb.fn.countAll<string>().as('unsent'))
            .where('sent_at', 'is', null)
            .executeTakeFirstOrThrow();
          return Number(unsent) === 0;
        },
        { timeoutMs: RECOVERY_TIMEOUT_MS },
      );
      // Redeliveries of events whose ack was lost with the server come back after their lease;
      // once the bus holds nothing unsettled for the group, no late duplicate or dead letter can come.
      await waitFor(
        'the bus to hold nothing unsettled for the group',
        async () => (await bus.unsettled(busServer, noted.type, GROUP)) === 0,
        { timeoutMs: RECOVERY_TIMEOUT_MS },
      );

      const received = await receivedBy(consumer, GROUP);
      assert.equal(received.length, EVENTS, 'each event handled exactly once by the group');
      assert.deepEqual(
        received.map((row) => row.n).sort((a, b) => a - b),
        Array.from({ length: EVENTS }, (_, n) => n),
        'every event published, before, during and after the outage, was handled',
      );
      const deadLetters = await consumer.db
        .selectFrom('dead_letters')
        .select(['event_id', 'error', 'attempts'])
        .where('consumer_group', '=', GROUP)
        .execute();
      assert.deepEqual(deadLetters, [], 'nothing dead-lettered');
      const outbox = await producer.db
        .selectFrom('outbox')
        .select(['sent_at'])
        .where('type', '=', noted.type)
        .execute();
      assert.equal(outbox.length, EVENTS);
      assert.ok(
        outbox.every((row) => row.sent_at !== null),
        'the outbox is all marked sent',
      );

      t.diagnostic(
        `events written to the outbox: ${publishedAtStop} before the stop, ` +
          `${publishedAtDown - publishedAtStop} while it stopped (${downSince - stopping} ms), ` +
          `${publishedAtBack - publishedAtDown} while down and starting again (${back - downSince} ms), ` +
          `${EVENTS - publishedAtBack} after; all handled ${allHandled - back} ms after the bus was back; ` +
          `the relay sent ${relay.sent}; the transports reported ${errors.length} errors`,
      );
      if (process.env.TEST_LOG_LEVEL) t.diagnostic(summary(errors));
    });
  });
}

/** The distinct messages among the transports' errors, with counts. */
function summary(errors: Error[]): string {
  const counts = new Map<string, number>();
  for (const error of errors) {
    const message = error.message.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>').replace(/\d+/g, 'N');
    counts.set(message, (counts.get(message) ?? 0) + 1);
  }
  return [...counts].map(([message, count]) => `  ${count} x ${message}`).join('\n') || '  (none)';
}
