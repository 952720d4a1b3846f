/**
 * Event bus benchmark: per transport, events/s from outbox insert to handler commit at
 * saturation, and handler lag p50/p99 at a fixed offered rate, with one and two consumer
 * groups; all as ratios to PostgreSQL's own single-row insert-commit rate on the same server,
 * measured in the same run.
 */
import { defineEvent } from '@emporium/contracts';
import { createDatabase, type Database, migrateToLatest } from '@emporium/platform/db';
import { createLogger } from '@emporium/platform/log';
import {
  createEventPublisher,
  type EventTransport,
  handleEvent,
  type MessagingTables,
  messagingMigrations,
  startEventConsumer,
  startOutboxRelay,
} from '@emporium/platform/messaging';
import { createTestDatabase, type TestDatabase } from '@emporium/platform/testing';
import { Type } from '@sinclair/typebox';
import { type Generated, type Kysely, sql } from 'kysely';
import { percentile } from './sample-statistics.ts';

interface BenchTables extends MessagingTables {
  effects: { id: Generated<string>; n: number };
}

const Tick = Type.Object({ n: Type.Integer(), sentAt: Type.Number() }, { additionalProperties: false });
const logger = createLogger({ service: 'bench', level: 'warn', pretty: false });
const now = () => performance.timeOrigin + performance.now();

export interface BusContender {
  name: string;
  connect(): Promise<EventTransport>;
}

export interface BusFigures {
  name: string;
  groups: number;
  saturationPerSecond: number;
  lagP50Ms: number;
  lagP99Ms: number;
}

const effectsMigration = {
  '0001-effects': {
    async up(db: Kysely<unknown>) {
      await sql`create table effects (id bigserial primary key, n integer not null)`.execute(db);
    },
  },
};

async function migrated(
  label: string,
  extra = {},
): Promise<{ made: TestDatabase; database: Database<BenchTables> }> {
  const made = await createTestDatabase(label);
  const database = createDatabase<BenchTables>({ url: made.url, poolMax: 10 });
  await migrateToLatest(database.db, { ...messagingMigrations, ...extra });
  return { made, database };
}

/** PostgreSQL's single-row insert-commit rate with `clients` concurrent connections: the physical reference. */
export async function insertCommitRate(seconds: number, clients = 8): Promise<number> {
  const { made, database } = await migrated('bench_ref', effectsMigration);
  try {
    const deadline = performance.now() + seconds * 1000;
    let rows = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < deadline) {
          await database.db.insertInto('effects').values({ n: rows }).execute();
          rows++;
        }
      }),
    );
    return rows / ((performance.now() - started) / 1000);
  } finally {
    await database.close();
    await made.drop();
  }
}

/** Inserts `count` events, each in its own transaction, at `ratePerSecond` (or as fast as possible). */
async function produce(
  producer: Database<BenchTables>,
  type: ReturnType<typeof tickEvent>,
  count: number,
  ratePerSecond: number | undefined,
): Promise<void> {
  const publisher = createEventPublisher('bench');
  const clients = 8;
  let next = 0;
  const started = now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const n = next++;
        if (ratePerSecond) {
          const due = started + (n * 1000) / ratePerSecond;
          const wait = due - now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        await producer.db.transaction().execute(async (trx) => {
          await publisher.publish(trx, type, { subject: `s-${n % 16}`, data: { n, sentAt: now() } });
        });
      }
    }),
  );
}

function tickEvent() {
  const context = Array.from({ length: 8 }, () =>
    String.fromCharCode(97 + Math.floor(Math.random() * 26)),
  ).join('');
  return defineEvent(`emporium.${context}.bench.ticked.v1`, Tick, 'benchmark event');
}

/** One contender, one group count: a saturation run then a fixed-rate run, each with fresh databases. */
export async function measureBus(
  contender: BusContender,
  groups: number,
  {
    saturationEvents,
    fixedRate,
    fixedSeconds,
  }: { saturationEvents: number; fixedRate: number; fixedSeconds: number },
): Promise<BusFigures> {
  const run = async (count: number, rate: number | undefined) => {
    const producer = await migrated('bench_producer');
    const consumer = await migrated('bench_consumer', effectsMigration);
    const type = tickEvent();
    const lags: number[] = [];
    let handled = 0;
    let lastCommit = 0;
    const transports: EventTransport[] = [];
    const stops: (() => Promise<void>)[] = [];
    try {
      for (let group = 0; group < groups; group++) {
        const transport = await contender.connect();
        transports.push(transport);
        const running = await startEventConsumer<BenchTables>({
          transport,
          db: consumer.database.db,
          group: `bench-${group}`,
          logger,
          concurrency: 4,
          handlers: [
            handleEvent<BenchTables, typeof type>(type, async (trx, event) => {
              await trx.insertInto('effects').values({ n: event.data.n }).execute();
              lags.push(now() - event.data.sentAt);
              handled++;
              lastCommit = now();
            }),
          ],
        });
        stops.push(() => running.close());
      }
      const relayTransport = await contender.connect();
      transports.push(relayTransport);
      const relay = await startOutboxRelay({
        pool: producer.database.pool,
        transport: relayTransport,
        logger,
      });
      stops.push(() => relay.close());

      const started = now();
      await produce(producer.database, type, count, rate);
      const deadline = Date.now() + 120_000;
      while (handled < count * groups) {
        if (Date.now() > deadline)
          throw new Error(`${contender.name}: only ${handled} of ${count * groups} handled`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { perSecond: count / ((lastCommit - started) / 1000), lags };
    } finally {
      for (const stop of stops.reverse()) await stop();
      for (const transport of transports) await transport.close();
      for (const { made, database } of [producer, consumer]) {
        await database.close();
        await made.drop();
      }
    }
  };
  const saturation = await run(saturationEvents, undefined);
  const fixed = await run(fixedRate * fixedSeconds, fixedRate);
  return {
    name: contender.name,
    groups,
    saturationPerSecond: saturation.perSecond,
    lagP50Ms: percentile(fixed.lags, 50),
    lagP99Ms: percentile(fixed.lags, 99),
  };
}
