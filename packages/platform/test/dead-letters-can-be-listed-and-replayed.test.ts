/**
 * An operator's view of a service's dead letters, over HTTP against a real service and a real
 * PostgreSQL bus: an event whose handler keeps failing is dead-lettered, an admin lists and
 * inspects it, and once the fault is gone replays it, which handles it exactly once.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { UserRegistered } from '@emporium/contracts';
import type { ServiceModule } from '@emporium/platform/host';
import { createLogger } from '@emporium/platform/log';
import {
  createCloudEvent,
  createPostgresTransport,
  type EventConsumer,
  type EventTransport,
  handleEvent,
  type MessagingTables,
  messagingMigrations,
  registerDeadLetterRoutes,
  startEventConsumer,
} from '@emporium/platform/messaging';
import { authenticate, createTokenVerifier, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@emporium/platform/security';
import {
  bodyOf,
  createTestDatabase,
  jsonClient,
  problemOf,
  startTestService,
  type TestDatabase,
  type TestService,
  waitFor,
} from '@emporium/platform/testing';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { type Kysely, sql } from 'kysely';
import { publishEvents } from '../messaging/testing/index.ts';

interface WelcomeTables extends MessagingTables {
  welcomed: { user_id: string; event_id: string };
}

interface DeadLetterView {
  id: string;
  group: string;
  eventId: string | null;
  type: string | null;
  error: string;
  attempts: number;
  replayedAt: string | null;
  body?: string;
}

const GROUP = 'dlq-test.welcome';
const logger = createLogger({
  service: 'dlq-test',
  level: process.env.TEST_LOG_LEVEL ?? 'silent',
  pretty: false,
});

describe('dead letters can be listed, inspected and replayed by an admin', () => {
  let bus: TestDatabase | undefined;
  let transport: EventTransport | undefined;
  let service: TestService<WelcomeTables> | undefined;
  let api: ReturnType<typeof jsonClient>;
  let adminToken = '';
  let customerToken = '';
  // While set, the handler fails: the fault an operator fixes before replaying.
  let deskClosed = true;
  const userId = randomUUID();
  let deadLetterId = '';

  before(async () => {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'EdDSA' };
    const verifier = createTokenVerifier(createLocalJWKSet({ keys: [jwk] }));
    const sign = (roles: string[]) =>
      new SignJWT({ email: `${roles[0]}@example.com`, roles })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'test-key' })
        .setSubject(randomUUID())
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
    adminToken = await sign(['admin', 'customer']);
    customerToken = await sign(['customer']);

    bus = await createTestDatabase('bus');
    const busTransport = await createPostgresTransport({ url: bus.url, pollingIntervalSeconds: 0.5 });
    transport = busTransport;
    const module: ServiceModule<WelcomeTables> = {
      name: 'dlq-test',
      version: '0.0.0',
      description: 'welcomes users; its handler fails while the desk is closed',
      migrations: {
        ...messagingMigrations,
        '0001-welcomed': {
          async up(db: Kysely<unknown>) {
            await sql`create table welcomed (user_id uuid primary key, event_id text not null)`.execute(db);
          },
        },
      },
      async mount({ app, database }) {
        const consumer: EventConsumer = await startEventConsumer<WelcomeTables>({
          transport: busTransport,
          db: database.db,
          group: GROUP,
          logger,
          maxAttempts: 2,
          retryDelayMs: () => 50,
          handlers: [
            handleEvent<WelcomeTables, typeof UserRegistered>(UserRegistered, async (trx, event) => {
              if (deskClosed) throw new Error('the welcome desk is closed');
              await trx
                .insertInto('welcomed')
                .values({ user_id: event.data.userId, event_id: event.id })
                .execute();
            }),
          ],
        });
        app.addHook('onClose', () => consumer.close());
        registerDeadLetterRoutes(app, {
          db: database.db,
          consumers: [consumer],
          requireAdmin: authenticate(verifier, 'admin'),
        });
      },
    };
    service = await startTestService(module);
    api = jsonClient(service.url);
  });

  after(async () => {
    await service?.close();
    await transport?.close();
    await bus?.drop();
  });

  it('dead-letters the event after two failed attempts and lists it for admins only', async () => {
    assert.ok(transport && service);
    const event = createCloudEvent('dlq-test', UserRegistered, {
      subject: userId,
      data: { userId, email: 'dora@example.com', name: 'Dora Dead', registeredAt: new Date().toISOString() },
    });
    await publishEvents(transport, event);

    const listed = await waitFor(
      'the event to be dead-lettered',
      async () => {
        const response = await api('GET', `/admin/dead-letters?group=${GROUP}`, undefined, {
          token: adminToken,
        });
        const page = await bodyOf<{ deadLetters: DeadLetterView[]; nextCursor: string | null }>(response);
        return page.deadLetters.find((letter) => letter.eventId === event.id);
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    deadLetterId = listed.id;
    assert.equal(listed.group, GROUP);
    assert.equal(listed.type, UserRegistered.type);
    assert.equal(listed.attempts, 2);
    assert.equal(listed.replayedAt, null);
    assert.match(listed.error, /the welcome desk is closed/);

    const anonymous = await api('GET', '/admin/dead-letters');
    assert.equal(anonymous.status, 401);
    assert.equal((await problemOf(anonymous)).code, 'AUTH_REQUIRED');
    const customer = await api('GET', '/admin/dead-letters', undefined, { token: customerToken });
    assert.equal(customer.status, 403);
    assert.equal((await problemOf(customer)).code, 'FORBIDDEN');
  });

  it('shows one dead letter with its body, and 404 for an unknown id', async () => {
    const response = await api('GET', `/admin/dead-letters/${deadLetterId}`, undefined, {
      token: adminToken,
    });
    assert.equal(response.status, 200);
    const letter = await bodyOf<DeadLetterView>(response);
    assert.equal(letter.id, deadLetterId);
    assert.equal(JSON.parse(letter.body ?? '{}').data.userId, userId);

    const unknown = await api('GET', '/admin/dead-letters/999999999', undefined, { token: adminToken });
    assert.equal(unknown.status, 404);
    assert.equal((await problemOf(unknown)).code, 'DEAD_LETTER_NOT_FOUND');
    const replayUnknown = await api('POST', '/admin/dead-letters/999999999/replay', undefined, {
      token: adminToken,
    });
    assert.equal(replayUnknown.status, 404);
  });

  it('replays it once the fault is fixed: handled once, then refused as already replayed', async () => {
    assert.ok(service);
    deskClosed = false;
    const replay = await api('POST', `/admin/dead-letters/${deadLetterId}/replay`, undefined, {
      token: adminToken,
    });
    assert.equal(replay.status, 200);
    assert.deepEqual(await bodyOf(replay), { outcome: 'handled' });
    const welcomed = await service.database.db.selectFrom('welcomed').selectAll().execute();
    assert.deepEqual(
      welcomed.map((row) => row.user_id),
      [userId],
    );

    const again = await api('POST', `/admin/dead-letters/${deadLetterId}/replay`, undefined, {
      token: adminToken,
    });
    assert.equal(again.status, 409);
    assert.equal((await problemOf(again)).code, 'DEAD_LETTER_ALREADY_REPLAYED');
    const forced = await api('POST', `/admin/dead-letters/${deadLetterId}/replay?force=true`, undefined, {
      token: adminToken,
    });
    assert.deepEqual(await bodyOf(forced), { outcome: 'duplicate' });
    assert.equal((await service.database.db.selectFrom('welcomed').selectAll().execute()).length, 1);

    const shown = await bodyOf<DeadLetterView>(
      await api('GET', `/admin/dead-letters/${deadLetterId}`, undefined, { token: adminToken }),
    );
    assert.ok(shown.replayedAt, 'a replayed letter stays listed, with when it was replayed');
  });

  it('refuses a cursor it did not make with 400', async () => {
    const response = await api('GET', '/admin/dead-letters?cursor=not-a-cursor', undefined, {
      token: adminToken,
    });
    assert.equal(response.status, 400);
    assert.equal((await problemOf(response)).code, 'INVALID_CURSOR');
  });
});
