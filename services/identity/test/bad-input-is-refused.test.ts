import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PROBLEM_CONTENT_TYPE } from '@emporium/platform/http';
import { bodyOf, problemOf } from '@emporium/platform/testing';
import {
  GOOD_PASSWORD,
  type IdentityUnderTest,
  registerCustomer,
  type SessionBody,
  startIdentity,
  type UserBody,
  uniqueEmail,
} from './support/start-identity.ts';

const HOSTILE_NAME = `Robert'); DROP TABLE users;-- <script>alert("x")</script> & ${'\u{1F600}'}`;

describe('bad input is refused', () => {
  let identity: IdentityUnderTest;
  let session: SessionBody;
  before(async () => {
    identity = await startIdentity();
    session = await registerCustomer(identity.api);
  });
  after(() => identity.close());

  async function usersCount(): Promise<number> {
    const row = await identity.service.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Every mutating route, with a token where one is needed. */
  const routes = () =>
    [
      ['POST', '/auth/register', undefined],
      ['POST', '/auth/login', undefined],
      ['POST', '/auth/refresh', undefined],
      ['POST', '/auth/logout', undefined],
      ['PATCH', '/me', session.accessToken],
      ['POST', '/me/password', session.accessToken],
      ['POST', '/me/addresses', session.accessToken],
      ['PUT', '/me/addresses/00000000-0000-4000-8000-000000000000', session.accessToken],
      ['PUT', '/me/preferences', session.accessToken],
    ] as const;

  async function assertProblem(response: Response, status: number, code: string, what: string) {
    assert.equal(response.status, status, `${what}: ${await response.clone().text()}`);
    assert.ok(response.headers.get('content-type')?.startsWith(PROBLEM_CONTENT_TYPE), what);
    const problem = await problemOf(response);
    assert.equal(problem.code, code, what);
    return problem;
  }

  it('answers malformed JSON with MALFORMED_BODY on every route', async () => {
    for (const [method, path, token] of routes()) {
      for (const body of ['{"email": ', '{email: "a"}', "{'a': 1}", '{"a":1}}']) {
        const response = await identity.api(method, path, body, { token });
        await assertProblem(response, 400, 'MALFORMED_BODY', `${method} ${path} ${body}`);
      }
    }
  });

  it('answers bodies that are not objects with VALIDATION_FAILED on every route', async () => {
    for (const [method, path, token] of routes()) {
      for (const body of ['null', '[]', '"text"', '42', '{}']) {
        const response = await identity.api(method, path, body, { token });
        assert.equal(response.status, 400, `${method} ${path} ${body}`);
      }
    }
  });

  it('refuses unknown fields instead of ignoring them, so nobody registers as admin', async () => {
    const before = await usersCount();
    const email = uniqueEmail();
    for (const extra of [
      { roles: ['admin'] },
      { isAdmin: true },
      { id: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const response = await identity.api('POST', '/auth/register', {
        email,
        password: GOOD_PASSWORD,
        name: 'Sneaky',
        ...extra,
      });
      const problem = await assertProblem(response, 400, 'VALIDATION_FAILED', JSON.stringify(extra));
      assert.match(problem.detail, /is not a known field/);
    }
    const patch = await identity.api('PATCH', '/me', { roles: ['admin'] }, { token: session.accessToken });
    await assertProblem(patch, 400, 'VALIDATION_FAILED', 'PATCH /me roles');
    assert.equal(await usersCount(), before, 'no user was written');
  });

  it('refuses prototype pollution attempts', async () => {
    for (const body of [
      '{"email":"a@b.co","password":"x","name":"x","__proto__":{"roles":["admin"]}}',
      '{"email":"a@b.co","password":"x","name":"x","constructor":{"prototype":{"roles":["admin"]}}}',
    ]) {
      const response = await identity.api('POST', '/auth/register', body);
      assert.equal(response.status, 400, body);
    }
  });

  it('refuses wrong types rather than coercing them', async () => {
    const cases: unknown[] = [
      { email: 42, password: GOOD_PASSWORD, name: 'X' },
      { email: uniqueEmail(), password: 1234567890, name: 'X' },
      { email: uniqueEmail(), password: GOOD_PASSWORD, name: ['X'] },
      { email: uniqueEmail(), password: GOOD_PASSWORD, name: null },
      { email: uniqueEmail(), password: GOOD_PASSWORD },
    ];
    for (const body of cases) {
      const response = await identity.api('POST', '/auth/register', body);
      await assertProblem(response, 400, 'VALIDATION_FAILED', JSON.stringify(body));
    }
  });

  it('refuses strings longer than a field allows', async () => {
    const cases: unknown[] = [
      { email: `${'a'.repeat(400)}@example.com`, password: GOOD_PASSWORD, name: 'X' },
      { email: uniqueEmail(), password: `a1${'x'.repeat(2000)}`, name: 'X' },
      { email: uniqueEmail(), password: GOOD_PASSWORD, name: 'N'.repeat(101) },
      { email: uniqueEmail(), password: GOOD_PASSWORD, name: '   ' },
    ];
    for (const body of cases) {
      const response = await identity.api('POST', '/auth/register', body);
      await assertProblem(response, 400, 'VALIDATION_FAILED', JSON.stringify(body).slice(0, 80));
    }
    const login = await identity.api('POST', '/auth/login', {
      email: session.user.email,
      password: 'p'.repeat(5000),
    });
    await assertProblem(login, 400, 'VALIDATION_FAILED', 'login with a huge password');
  });

  it('refuses an oversized body with BODY_TOO_LARGE', async () => {
    const huge = JSON.stringify({
      email: uniqueEmail(),
      password: GOOD_PASSWORD,
      name: 'x'.repeat(1_100_000),
    });
    for (const [method, path, token] of [
      ['POST', '/auth/register', undefined],
      ['POST', '/me/addresses', session.accessToken],
    ] as const) {
      const response = await identity.api(method, path, huge, { token });
      await assertProblem(response, 413, 'BODY_TOO_LARGE', path);
    }
  });

  it('refuses other media types with UNSUPPORTED_MEDIA_TYPE', async () => {
    // Plain fetch: jsonClient always sends application/json.
    for (const [contentType, body] of [
      ['application/x-www-form-urlencoded', 'email=a&password=b'],
      ['text/plain', '{"email":"a@b.co","password":"x"}'],
      ['application/xml', '<login/>'],
    ]) {
      const response = await fetch(`${identity.service.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': contentType ?? '' },
        body,
      });
      await assertProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE', contentType ?? '');
    }
  });

  it('refuses NUL characters, which PostgreSQL cannot store, with a 400', async () => {
    const register = await identity.api('POST', '/auth/register', {
      email: uniqueEmail(),
      password: GOOD_PASSWORD,
      name: 'Null\u0000Byte',
    });
    await assertProblem(register, 400, 'VALIDATION_FAILED', 'name with NUL');
    const address = await identity.api(
      'POST',
      '/me/addresses',
      { name: 'A', line1: 'Street\u00001', city: 'Berlin', postalCode: '10115', country: 'DE' },
      { token: session.accessToken },
    );
    await assertProblem(address, 400, 'VALIDATION_FAILED', 'address with NUL');
    const email = await identity.api(
      'PATCH',
      '/me',
      { email: 'a\u0000@example.com' },
      { token: session.accessToken },
    );
    assert.equal(email.status, 400);
  });

  it('stores SQL and HTML in names verbatim and returns them as data', async () => {
    const before = await usersCount();
    const hostile = await registerCustomer(identity.api, { name: HOSTILE_NAME });
    assert.equal(hostile.user.name, HOSTILE_NAME);
    const me = await identity.api('GET', '/me', undefined, { token: hostile.accessToken });
    assert.ok(me.headers.get('content-type')?.startsWith('application/json'));
    assert.equal((await bodyOf<UserBody>(me)).name, HOSTILE_NAME);
    assert.equal(await usersCount(), before + 1, 'the users table is alive and well');

    const renamed = await identity.api('PATCH', '/me', { name: "'; --" }, { token: hostile.accessToken });
    assert.equal((await bodyOf<UserBody>(renamed)).name, "'; --");

    const address = await identity.api(
      'POST',
      '/me/addresses',
      {
        name: HOSTILE_NAME,
        line1: '<img src=x onerror=alert(1)>',
        city: "O'Brien's Town",
        postalCode: '1 2-3',
        country: 'IE',
      },
      { token: hostile.accessToken },
    );
    assert.equal(address.status, 201);
    const saved = await bodyOf<{ name: string; line1: string; city: string }>(address);
    assert.deepEqual(
      { name: saved.name, line1: saved.line1, city: saved.city },
      { name: HOSTILE_NAME, line1: '<img src=x onerror=alert(1)>', city: "O'Brien's Town" },
    );
  });

  it('refuses SQL in an email as an invalid email, and in a login as wrong credentials', async () => {
    const register = await identity.api('POST', '/auth/register', {
      email: "' OR 1=1 --@example.com",
      password: GOOD_PASSWORD,
      name: 'X',
    });
    await assertProblem(register, 400, 'INVALID_EMAIL', 'register');
    const login = await identity.api('POST', '/auth/login', {
      email: "' OR '1'='1",
      password: "' OR '1'='1",
    });
    await assertProblem(login, 401, 'INVALID_CREDENTIALS', 'login');
  });

  it('answers unknown routes and methods with a problem, never a 5xx', async () => {
    await assertProblem(await identity.api('GET', '/auth/register'), 404, 'ROUTE_NOT_FOUND', 'GET register');
    await assertProblem(await identity.api('DELETE', '/me'), 404, 'ROUTE_NOT_FOUND', 'DELETE /me');
    const traversal = await identity.api('GET', '/me/addresses/..%2F..%2Fusers', undefined, {
      token: session.accessToken,
    });
    assert.ok(traversal.status >= 400 && traversal.status < 500);
  });
});
