/**
 * End to end over a real PostgreSQL bus: identity writes UserRegistered to its outbox, its
 * relay sends it to the bus, and a consumer group of another context (started here, with its
 * own database, inbox and table) handles it once, with the data the contract promises.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UserRegistered } from '@emporium/contracts';
import { createDatabase, type Database, migrateToLatest } from '@emporium/platform/db';
import { createLogger } from '@emporium/platform/log';
import {
  createPostgresTransport,
  type EventConsumer,
  type EventTransport,
  handleEvent,
  type MessagingTables,
  messagingMigrations,
  startEventConsumer,
} from '@emporium/platform/messaging';
import { createTestDatabase, type TestDatabase, waitFor } from '@emporium/platform/testing';
import { type Kysely, sql } from 'kysely';
import { type IdentityUnderTest, registerCustomer, startIdentity } from './support/start-identity.ts';

/** The consuming context's database: the chassis's inbox, and one row per user it welcomed. */
interface WelcomeTables extends MessagingTables {
  welcomed: { user_id: string; email: string; name: string; event_id: string };
}

const GROUP = 'identity-test.welcome';
const logger = createLogger({
  service: 'welcome',
  level: process.env.TEST_LOG_LEVEL ?? 'silent',
  pretty: false,
});

describe('registered users reach consumers over the PostgreSQL bus', () => {
  const made: TestDatabase[] = [];
  let welcome: Database<WelcomeTables> | undefined;
  let transport: EventTransport | undefined;
  let consumer: EventConsumer | undefined;
  let identity: IdentityUnderTest | undefined;

  before(async () => {
    // The bus lives in a database of its own, as the `platform` database holds it under `emporium up`.
    const bus = await createTestDatabase('bus');
    made.push(bus);
    const welcomeDatabase = await createTestDatabase('welcome');
    made.push(welcomeDatabase);
    welcome = createDatabase<WelcomeTables>({ url: welcomeDatabase.url, poolMax: 3 });
    await migrateToLatest(welcome.db, {
      ...messagingMigrations,
      '0001-welcomed': {
        async up(db: Kysely<unknown>) {
          await sql`create table welcomed (
            user_id uuid primary key, email text not null, name text not null, event_id text not null)`.execute(
            db,
          );
        },
      },
    });
    transport = await createPostgresTransport({ url: bus.url });
    // Subscribed before identity publishes: a group receives what is published after it exists.
    consumer = await startEventConsumer<WelcomeTables>({
      transport,
      db: welcome.db,
      group: GROUP,
      logger,
      handlers: [
        handleEvent<WelcomeTables, typeof UserRegistered>(UserRegistered, async (trx, event) => {
          await trx
            .insertInto('welcomed')
            .values({
              user_id: event.data.userId,
              email: event.data.email,
              name: event.data.name,
              event_id: event.id,
            })
            .execute();
        }),
      ],
    });
    identity = await startIdentity({ BUS_DATABASE_URL: bus.url });
  });

  after(async () => {
    await identity?.close();
    await consumer?.close();
    await transport?.close();
    await welcome?.close();
    for (const database of made.reverse()) await database.drop();
  });

  it('delivers UserRegistered to the consumer group, which handles it once with the right data', async () => {
    assert.ok(identity && welcome);
    const session = await registerCustomer(identity.api, { name: 'Wendy Welcome' });
    const welcomeDb = welcome.db;
    const row = await waitFor(
      `the ${GROUP} group to handle UserRegistered for ${session.user.id}`,
      () =>
        welcomeDb
          .selectFrom('welcomed')
          .selectAll()
          .where('user_id', '=', session.user.id)
          .executeTakeFirst(),
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    const [outboxRow] = await identity.service.database.db
      .selectFrom('outbox')
      .select('id')
      .where('subject', '=', session.user.id)
      .execute();
    assert.deepEqual(row, {
      user_id: session.user.id,
      email: session.user.email,
      name: 'Wendy Welcome',
      event_id: outboxRow?.id,
    });
    const inbox = await welcomeDb
      .selectFrom('inbox')
      .selectAll()
      .where('event_id', '=', row.event_id)
      .execute();
    assert.deepEqual(
      inbox.map(({ consumer_group, type }) => ({ consumer_group, type })),
      [{ consumer_group: GROUP, type: UserRegistered.type }],
    );
    const sent = await waitFor('the relay to mark the event sent', async () => {
      const marked = await identity?.service.database.db
        .selectFrom('outbox')
        .select('sent_at')
        .where('id', '=', row.event_id)
        .executeTakeFirst();
      return marked?.sent_at ?? undefined;
    });
    assert.ok(sent instanceof Date);
    assert.deepEqual(
      await welcomeDb.selectFrom('dead_letters').selectAll().execute(),
      [],
      'nothing was dead-lettered',
    );
  });
});
