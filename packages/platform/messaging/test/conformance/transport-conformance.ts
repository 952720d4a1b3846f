import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { EventDefinition } from '@emporium/contracts';
import { waitFor } from '../../../testing/index.ts';
import { type EventConsumer, handleEvent, startEventConsumer } from '../../event-consumer.ts';
import type { EventTransport } from '../../event-transport.ts';
import { type OutboxRelay, startOutboxRelay } from '../../outbox-relay.ts';
import {
  type ConformanceTables,
  crashingAfterConfirm,
  losingFirstAck,
  type NotedData,
  noteEvent,
  publishNotes,
  quietLogger,
  receivedBy,
  type ServiceDatabases,
  serviceDatabases,
} from './conformance-bus.ts';

export interface BusUnderTest {
  name: string;
  /** Why the suite cannot run here (no server), or undefined when it can. */
  skipReason: string | undefined;
  /** A new connection to the bus, as a separate process of a service would have. */
  connect(options: { redeliverAfterMs: number }): Promise<EventTransport>;
  /** Environment for consumer-process.ts to connect to the same bus. */
  childEnv: Record<string, string>;
}

const REDELIVER_AFTER_MS = 2_000;

/**
 * The behaviour every transport must show, end to end through the outbox, the relay, the
 * bus and the inbox, against real servers. Each test uses its own event type and groups.
 */
export function describeTransportConformance(bus: BusUnderTest): void {
  describe(`${bus.name} transport conformance`, { skip: bus.skipReason }, () => {
    let databases: ServiceDatabases;
    // What the running test started, stopped when it ends (in reverse), so tests don't share
    // relays, consumers or connections.
    let closers: (() => Promise<void>)[] = [];
    const children: ChildProcess[] = [];

    before(async () => {
      databases = await serviceDatabases();
    });
    async function stopTestResources() {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      const closing = closers.reverse();
      closers = [];
      for (const close of closing) await close().catch(() => {});
    }
    after(async () => {
      await stopTestResources();
      await databases?.close();
    });
    const cleanUp = (t: TestContext) => t.after(stopTestResources);

    async function connect(): Promise<EventTransport> {
      const transport = await bus.connect({ redeliverAfterMs: REDELIVER_AFTER_MS });
      closers.push(() => transport.close());
      return transport;
    }

    async function relay(transport?: EventTransport): Promise<OutboxRelay> {
      const running = await startOutboxRelay({
        pool: databases.producer.pool,
        transport: transport ?? (await connect()),
        logger: quietLogger,
        idleCheckMs: 1_000,
      });
      closers.push(() => running.close());
      return running;
    }

    async function consumer(
      definition: EventDefinition<typeof NotedData>,
      group: string,
      member: string,
      options: { maxAttempts?: number; failures?: Map<string, number> } = {},
    ): Promise<EventConsumer> {
      const running = await startEventConsumer<ConformanceTables>({
        transport: await connect(),
        db: databases.consumer.db,
        group,
        logger: quietLogger,
        maxAttempts: options.maxAttempts ?? 5,
        retryDelayMs: () => 100,
        handlers: [
          handleEvent<ConformanceTables, typeof definition>(definition, async (trx, event) => {
            const failed = options.failures?.get(event.id) ?? 0;
            if (failed < (event.data.failTimes ?? 0)) {
              options.failures?.set(event.id, failed + 1);
              throw new Error(`handler failure ${failed + 1}`);
            }
            await trx
              .insertInto('received')
              .values({
                consumer_group: group,
                event_id: event.id,
                subject: event.subject,
                n: event.data.n,
                member,
              })
              .execute();
          }),
        ],
      });
      closers.push(() => running.close());
      return running;
    }

    const notes = (count: number, subject = (n: number) => `item-${n % 5}`) =>
      Array.from({ length: count }, (_, n) => ({ n, subject: subject(n) }));

    async function expectEachOnce(group: string, count: number) {
      const rows = await waitFor(
        `${count} events handled by ${group}`,
        async () => {
          const received = await receivedBy(databases.consumer, group);
          return received.length >= count ? received : undefined;
        },
        { timeoutMs: 20_000 },
      );
      assert.equal(rows.length, count, `${group} handled each event once`);
      assert.equal(new Set(rows.map((row) => row.event_id)).size, count);
      return rows;
    }

    it('fans out every event to each group', async (t) => {
      cleanUp(t);
      const noted = noteEvent();
      await consumer(noted, 'fanout-a', 'a');
      await consumer(noted, 'fanout-b', 'b');
      await relay();
      await publishNotes(databases.producer, noted, notes(20));
      await expectEachOnce('fanout-a', 20);
      await expectEachOnce('fanout-b', 20);
    });

    it('gives each event to one member of a group (competing consumers)', async (t) => {
      cleanUp(t);
      const noted = noteEvent();
      await consumer(noted, 'competing', 'one');
      await consumer(noted, 'competing', 'two');
      await relay();
      await publishNotes(databases.producer, noted, notes(40));
      await expectEachOnce('competing', 40);
    });

    it('keeps the order of events per subject with one member', async (t) => {
      cleanUp(t);
      const noted = noteEvent();
      await consumer(noted, 'ordered', 'only');
      await relay();
      await publishNotes(
        databases.producer,
        noted,
        notes(50, () => 'one-subject'),
      );
      const rows = await expectEachOnce('ordered', 50);
      assert.deepEqual(
        rows.map((row) => row.n),
        Array.from({ length: 50 }, (_, n) => n),
      );
    });

    it("counts a group's backlog while no member runs, and none once it has caught up", async (t) => {
      cleanUp(t);
      const noted = noteEvent();
      const transport = await connect();
      const backlog = () => transport.backlog('backlog', [noted.type]);
      // The first member creates the durable group; with it stopped, events wait for the group.
      await (await consumer(noted, 'backlog', 'first')).close();
      await relay();
      await publishNotes(databases.producer, noted, notes(12));
      await waitFor('12 events waiting for the group', async () => (await backlog()) === 12, {
        timeoutMs: 20_000,
      });
      await consumer(noted, 'backlog', 'second');
      await expectEachOnce('backlog', 12);
      await waitFor('the backlog to drain', async () => (await backlog()) === 0, { timeoutMs: 20_000 });
    });

    it('delivers once when the relay dies between the bus confirming and marking sent', async (t) => {
      cleanUp(t);
      const noted = noteEvent();
      await consumer(noted, 'relay-crash', 'only');
      const crashing = crashingAfterConfirm(await connect());
      const running = await relay(crashing);
      await publishNotes(databases.producer, noted, notes(10));
      await expectEachOnce('relay-crash', 10);
      assert.equal(crashing.crashes, 1, 'the relay crashed once and sent the batch again');
      await waitFor('the outbox to be marked sent', async () => {
        const pending = await databases.producer.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<string>().as('count'))
          .where('sent_at', 'is', null)
          .executeTakeFirstOrThrow();
        return Number(pending.count) === 0;
      });
      assert.ok(running.sent >= 10);
    });

    it('neither dead-letters nor applies twice when an acknowledgement is lost', async (t) => {
      cleanUp(t);
      const noted = noteEvent();
      const transport = losingFirstAck(await connect());
      const running = await startEventConsumer<ConformanceTables>({
        transport,
        db: databases.consumer.db,
        group: 'lost-ack',
        logger: quietLogger,
        // Even on its last attempt, a handled event whose ack failed is not a failure.
        maxAttempts: 1,
        handlers: [
          handleEvent<ConformanceTables, typeof noted>(noted, async (trx, event) => {
            await trx
              .insertInto('received')
              .values({
                consumer_group: 'lost-ack',
                event_id: event.id,
                subject: event.subject,
                n: event.data.n,
                member: 'only',
              })
              .execute();
          }),
        ],
      });
      closers.push(() => running.close());
      await relay();
      await publishNotes(databases.producer, noted, [{ n: 1, subject: 's' }]);
      await expectEachOnce('lost-ack', 1);
      assert.equal(transport.lost, 1);
      // The bus delivers it again after the lease; the inbox skips it and this time the ack lands.
      await waitFor('the redelivery to be acknowledged', async () => {
        const inbox = await databases.consumer.db
          .selectFrom('inbox')
          .select('event_id')
          .where('consumer_group', '=', 'lost-ack')
          .execute();
        return inbox.length === 1;
      });
      const letters = await databases.consumer.db
        .selectFrom('dead_letters')
        .select('error')
        .where('consumer_group', '=', 'lost-ack')
        .execute();
      assert.deepEqual(letters, []);
      assert.equal((await receivedBy(databases.consumer, 'lost-ack')).length, 1);
    });

    it('retries a failing handler and applies the effect once when it recovers', async (t) => {
      cleanUp(t);
      const noted = noteEvent();
      const failures = new Map<string, number>();
      await consumer(noted, 'flaky', 'only', { failures, maxAttempts: 5 });
      await relay();
      await publishNotes(databases.producer, noted, [{ n: 1, subject: 's', failTimes: 2 }]);
      const [row] = await expectEachOnce('flaky', 1);
      assert.equal(failures.get(row?.event_id ?? ''), 2, 'it failed twice before it succeeded');
    });

    it('dead-letters poison and keeps the others flowing', async (t) => {
      cleanUp(t);
      const noted = noteEvent();
      const failures = new Map<string, number>();
      await consumer(noted, 'poison', 'only', { failures, maxAttempts: 3 });
      await relay();
      const direct = await connect();
      // Straight onto the bus, as a broken producer would: not JSON, and data failing its schema.
      await direct.publish([
        { id: randomUUID(), type: noted.type, subject: 'bad', body: '{"specversion": "1.0", ' },
        {
          id: randomUUID(),
          type: noted.type,
          subject: 'bad',
          body: JSON.stringify({
            specversion: '1.0',
            id: randomUUID(),
            source: 'conformance',
            type: noted.type,
            time: new Date().toISOString(),
            subject: 'bad',
            datacontenttype: 'application/json',
            data: { n: 'not a number' },
          }),
        },
      ]);
      await publishNotes(databases.producer, noted, [
        { n: 1, subject: 'fails-forever', failTimes: 99 },
        ...notes(5).map((note) => ({ ...note, n: note.n + 10 })),
      ]);
      await expectEachOnce('poison', 5);
      const letters = await waitFor('three dead letters', async () => {
        const rows = await databases.consumer.db
          .selectFrom('dead_letters')
          .select(['error', 'attempts'])
          .where('consumer_group', '=', 'poison')
          .orderBy('id')
          .execute();
        return rows.length >= 3 ? rows : undefined;
      });
      const reasons = letters.map((letter) => letter.error).join('\n');
      assert.match(reasons, /malformed envelope: not JSON/);
      assert.match(reasons, /data does not match .*\/n/);
      assert.match(reasons, /gave up after 3 attempts: handler failure 3/);
    });

    it('redelivers the event of a consumer killed mid-handler, and applies it once', async (t) => {
      cleanUp(t);
      const noted = noteEvent();
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'consumer-process.ts')],
        {
          env: {
            ...process.env,
            ...bus.childEnv,
            DATABASE_URL: databases.consumerUrl,
            EVENT_TYPE: noted.type,
            GROUP: 'killed',
            REDELIVER_AFTER_MS: String(REDELIVER_AFTER_MS),
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      children.push(child);
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk;
      });
      await waitFor('the consumer process to subscribe', () => output.includes('subscribed'), {
        timeoutMs: 20_000,
      });
      await relay();
      await publishNotes(databases.producer, noted, [{ n: 7, subject: 'kill-me', hang: true }]);
      await waitFor('the handler to be running', () => output.includes('entered'), { timeoutMs: 20_000 });
      child.kill('SIGKILL');

      // A surviving member of the group; this one does not hang.
      await consumer(noted, 'killed', 'survivor');
      const [row] = await expectEachOnce('killed', 1);
      assert.equal(row?.member, 'survivor');
      assert.equal(row?.n, 7);
    });
  });
}
