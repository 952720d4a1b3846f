import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UserRegistered, UserUpdated } from '@emporium/contracts';
import { type RunningService, startService } from '@emporium/platform/host';
import { bodyOf, problemOf } from '@emporium/platform/testing';
import type { IdentitySettings } from '../src/config.ts';
import { createIdentityModule, type IdentityDatabase } from '../src/module.ts';
import { dataOf, eventsAbout } from './support/outbox-events.ts';
import {
  GOOD_PASSWORD,
  type IdentityUnderTest,
  registerCustomer,
  type SessionBody,
  startIdentity,
  type UserBody,
  uniqueEmail,
} from './support/start-identity.ts';

const ADMIN_EMAIL = 'Owner@Shop.Example';
const ADMIN_PASSWORD = 'the owner 1s here';

interface UserPage {
  users: UserBody[];
  nextCursor: string | null;
}

describe('admin', () => {
  let identity: IdentityUnderTest;
  let admin: SessionBody;
  before(async () => {
    identity = await startIdentity({ ADMIN_EMAIL, ADMIN_PASSWORD });
    const response = await identity.api('POST', '/auth/login', {
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
    });
    assert.equal(response.status, 200, 'the configured admin can log in');
    admin = await bodyOf<SessionBody>(response);
  });
  after(() => identity.close());

  /** Another instance of identity on the same database and key file, as `--scale identity=2` runs. */
  function startInstance(settings: Partial<IdentitySettings>): Promise<RunningService<IdentityDatabase>> {
    return startService(
      createIdentityModule({
        SIGNING_KEYS_PATH: identity.keysPath,
        ACCESS_TOKEN_TTL_SECONDS: 900,
        REFRESH_TOKEN_TTL_DAYS: 30,
        ...settings,
      }),
      {
        HOST: '127.0.0.1',
        PORT: 0,
        DATABASE_URL: identity.service.testDatabase.url,
        DATABASE_POOL_MAX: 3,
        LOG_LEVEL: 'silent',
        LOG_PRETTY: false,
        BODY_LIMIT_BYTES: 1_048_576,
        SHUTDOWN_TIMEOUT_MS: 5_000,
      },
    );
  }

  it('creates the configured admin on start, with a normalised email', () => {
    assert.equal(admin.user.email, 'owner@shop.example');
    assert.deepEqual(admin.user.roles, ['customer', 'admin']);
  });

  it('creates that admin once, even when several instances start at once', async () => {
    const instances = await Promise.all([
      startInstance({ ADMIN_EMAIL, ADMIN_PASSWORD }),
      startInstance({ ADMIN_EMAIL: ADMIN_EMAIL.toLowerCase(), ADMIN_PASSWORD }),
    ]);
    try {
      const admins = await identity.service.database.db
        .selectFrom('users')
        .select(['id', 'roles'])
        .where('email', '=', 'owner@shop.example')
        .execute();
      assert.deepEqual(admins, [{ id: admin.user.id, roles: ['customer', 'admin'] }]);
      assert.deepEqual(
        (await eventsAbout(identity.service.database.db, admin.user.id)).map((event) => event.type),
        [UserRegistered.type],
        'announced once, by the instance that created it',
      );
      // The instances share the key file, so a token from one is good at the other.
      const me = await fetch(`${instances[0]?.url}/me`, {
        headers: { authorization: `Bearer ${admin.accessToken}` },
      });
      assert.equal(me.status, 200);
    } finally {
      await Promise.all(instances.map((instance) => instance.stop()));
    }
  });

  it('makes an existing customer admin only when ADMIN_PASSWORD is their password', async () => {
    const squatter = await registerCustomer(identity.api, { email: uniqueEmail('squatter') });
    const refused = await startInstance({
      ADMIN_EMAIL: squatter.user.email,
      ADMIN_PASSWORD: 'not their 1 password',
    });
    await refused.stop();
    const afterRefusal = await bodyOf<UserBody>(
      await identity.api('GET', `/users/${squatter.user.id}`, undefined, { token: admin.accessToken }),
    );
    assert.deepEqual(afterRefusal.roles, ['customer']);

    const promoted = await startInstance({ ADMIN_EMAIL: squatter.user.email, ADMIN_PASSWORD: GOOD_PASSWORD });
    await promoted.stop();
    const afterPromotion = await bodyOf<UserBody>(
      await identity.api('GET', `/users/${squatter.user.id}`, undefined, { token: admin.accessToken }),
    );
    assert.deepEqual(afterPromotion.roles, ['customer', 'admin']);
    const [registered, promotion, ...more] = await eventsAbout(
      identity.service.database.db,
      squatter.user.id,
    );
    assert.equal(registered?.type, UserRegistered.type);
    assert.deepEqual(
      dataOf(UserUpdated, promotion).roles,
      ['customer', 'admin'],
      'the promotion, not the refusal',
    );
    assert.deepEqual(more, []);
  });

  it('keeps admin routes from customers and from anonymous callers', async () => {
    const customer = await registerCustomer(identity.api);
    const userId = customer.user.id;
    const attempts: Array<[string, string, unknown]> = [
      ['GET', '/users', undefined],
      ['GET', `/users/${userId}`, undefined],
      ['PUT', `/users/${userId}/roles`, { roles: ['customer', 'admin'] }],
    ];
    for (const [method, path, body] of attempts) {
      const forbidden = await identity.api(method, path, body, { token: customer.accessToken });
      assert.equal(forbidden.status, 403, `${method} ${path}`);
      assert.equal((await problemOf(forbidden)).code, 'FORBIDDEN');
      const anonymous = await identity.api(method, path, body);
      assert.equal(anonymous.status, 401, `${method} ${path}`);
      assert.equal((await problemOf(anonymous)).code, 'AUTH_REQUIRED');
    }
    const me = await bodyOf<UserBody>(
      await identity.api('GET', '/me', undefined, { token: customer.accessToken }),
    );
    assert.deepEqual(me.roles, ['customer'], 'the refused role change did not happen');
  });

  it('lists every user once, newest first, a page at a time', async () => {
    for (let index = 0; index < 5; index++) await registerCustomer(identity.api, { name: `Paged ${index}` });
    const total = await identity.service.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();

    const seen: UserBody[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${encodeURIComponent(cursor)}`;
      const response = await identity.api('GET', `/users${query}`, undefined, { token: admin.accessToken });
      assert.equal(response.status, 200);
      const page: UserPage = await bodyOf<UserPage>(response);
      assert.ok(page.users.length <= 2);
      seen.push(...page.users);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 50);

    assert.equal(seen.length, Number(total.count));
    assert.equal(new Set(seen.map((user) => user.id)).size, seen.length, 'no user appears twice');
    const times = seen.map((user) => Date.parse(user.createdAt));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      'newest first',
    );
  });

  it('uses 20 users per page unless told', async () => {
    const page = await bodyOf<UserPage>(
      await identity.api('GET', '/users', undefined, { token: admin.accessToken }),
    );
    assert.ok(page.users.length > 0 && page.users.length <= 20);
  });

  it('refuses a cursor it did not make and a limit out of range', async () => {
    for (const cursor of ['garbage', Buffer.from('["x","y"]').toString('base64url'), "' or 1=1 --"]) {
      const response = await identity.api('GET', `/users?cursor=${encodeURIComponent(cursor)}`, undefined, {
        token: admin.accessToken,
      });
      assert.equal(response.status, 400, cursor);
      assert.equal((await problemOf(response)).code, 'INVALID_CURSOR');
    }
    for (const query of ['limit=0', 'limit=101', 'limit=ten', 'limit=1.5', 'page=2']) {
      const response = await identity.api('GET', `/users?${query}`, undefined, { token: admin.accessToken });
      assert.equal(response.status, 400, query);
      assert.equal((await problemOf(response)).code, 'VALIDATION_FAILED');
    }
  });

  it('shows one user, and says when there is no such user', async () => {
    const customer = await registerCustomer(identity.api);
    const found = await identity.api('GET', `/users/${customer.user.id}`, undefined, {
      token: admin.accessToken,
    });
    assert.equal(found.status, 200);
    assert.deepEqual(await bodyOf<UserBody>(found), customer.user);

    const missing = await identity.api('GET', '/users/00000000-0000-4000-8000-000000000000', undefined, {
      token: admin.accessToken,
    });
    assert.equal(missing.status, 404);
    assert.equal((await problemOf(missing)).code, 'USER_NOT_FOUND');

    const malformed = await identity.api('GET', '/users/42', undefined, { token: admin.accessToken });
    assert.equal(malformed.status, 400);
    assert.equal((await problemOf(malformed)).code, 'VALIDATION_FAILED');
  });

  it('grants and takes roles; the new roles reach the next tokens', async () => {
    const email = uniqueEmail('helper');
    const customer = await registerCustomer(identity.api, { email });
    const path = `/users/${customer.user.id}/roles`;

    const promoted = await identity.api('PUT', path, { roles: ['admin'] }, { token: admin.accessToken });
    assert.equal(promoted.status, 200);
    assert.deepEqual(
      (await bodyOf<UserBody>(promoted)).roles,
      ['customer', 'admin'],
      'customer is always kept',
    );

    const refreshed = await bodyOf<SessionBody>(
      await identity.api('POST', '/auth/refresh', { refreshToken: customer.refreshToken }),
    );
    assert.deepEqual(refreshed.user.roles, ['customer', 'admin']);
    const list = await identity.api('GET', '/users?limit=1', undefined, { token: refreshed.accessToken });
    assert.equal(list.status, 200);

    const demoted = await identity.api('PUT', path, { roles: [] }, { token: admin.accessToken });
    assert.deepEqual((await bodyOf<UserBody>(demoted)).roles, ['customer']);
    const login = await bodyOf<SessionBody>(
      await identity.api('POST', '/auth/login', { email, password: GOOD_PASSWORD }),
    );
    assert.deepEqual(login.user.roles, ['customer']);
  });

  it('refuses unknown roles, unknown users, and an admin demoting themselves', async () => {
    const customer = await registerCustomer(identity.api);
    const unknownRole = await identity.api(
      'PUT',
      `/users/${customer.user.id}/roles`,
      { roles: ['superuser'] },
      { token: admin.accessToken },
    );
    assert.equal(unknownRole.status, 400);
    assert.equal((await problemOf(unknownRole)).code, 'VALIDATION_FAILED');

    const nobody = await identity.api(
      'PUT',
      '/users/00000000-0000-4000-8000-000000000000/roles',
      { roles: ['customer'] },
      { token: admin.accessToken },
    );
    assert.equal(nobody.status, 404);
    assert.equal((await problemOf(nobody)).code, 'USER_NOT_FOUND');

    const selfDemotion = await identity.api(
      'PUT',
      `/users/${admin.user.id}/roles`,
      { roles: ['customer'] },
      { token: admin.accessToken },
    );
    assert.equal(selfDemotion.status, 409);
    assert.equal((await problemOf(selfDemotion)).code, 'SELF_DEMOTION_REFUSED');
    const me = await bodyOf<UserBody>(
      await identity.api('GET', '/me', undefined, { token: admin.accessToken }),
    );
    assert.deepEqual(me.roles, ['customer', 'admin']);
  });
});
