import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf, problemOf } from '@emporium/platform/testing';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import {
  GOOD_PASSWORD,
  type IdentityUnderTest,
  registerCustomer,
  type SessionBody,
  startIdentity,
  type UserBody,
  uniqueEmail,
} from './support/start-identity.ts';

describe('registering and logging in', () => {
  let identity: IdentityUnderTest;
  before(async () => {
    identity = await startIdentity({ ACCESS_TOKEN_TTL_SECONDS: 600 });
  });
  after(() => identity.close());

  it('registers a customer with a normalised email and hands out tokens', async () => {
    const email = uniqueEmail('Register');
    const response = await identity.api('POST', '/auth/register', {
      email: `  ${email.toUpperCase()} `,
      password: GOOD_PASSWORD,
      name: 'Ann Lee',
    });
    assert.equal(response.status, 201);
    const session = await bodyOf<SessionBody>(response);
    assert.equal(session.user.email, email.toLowerCase());
    assert.equal(session.user.name, 'Ann Lee');
    assert.deepEqual(session.user.roles, ['customer']);
    assert.match(session.user.id, /^[0-9a-f-]{36}$/);
    assert.equal(session.expiresIn, 600);
    assert.match(session.refreshToken, /^[A-Za-z0-9_-]{43}$/);

    const header = decodeProtectedHeader(session.accessToken);
    assert.equal(header.alg, 'EdDSA');
    assert.equal(typeof header.kid, 'string');
    const claims = decodeJwt(session.accessToken);
    assert.equal(claims.iss, 'emporium-identity');
    assert.equal(claims.aud, 'emporium');
    assert.equal(claims.sub, session.user.id);
    assert.equal(claims.email, session.user.email);
    assert.deepEqual(claims.roles, ['customer']);
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 600);
  });

  it('never stores the password itself', async () => {
    const session = await registerCustomer(identity.api);
    const row = await identity.service.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', session.user.id)
      .executeTakeFirstOrThrow();
    assert.match(row.password_hash, /^\$argon2id\$/);
    assert.doesNotMatch(row.password_hash, new RegExp(GOOD_PASSWORD));
  });

  it('shows the caller their account at /me', async () => {
    const session = await registerCustomer(identity.api, { name: 'Me Myself' });
    const response = await identity.api('GET', '/me', undefined, { token: session.accessToken });
    assert.equal(response.status, 200);
    assert.deepEqual(await bodyOf<UserBody>(response), session.user);
  });

  it('logs in with any spelling of the email', async () => {
    const email = uniqueEmail();
    const registered = await registerCustomer(identity.api, { email });
    const response = await identity.api('POST', '/auth/login', {
      email: ` ${email.toUpperCase()}`,
      password: GOOD_PASSWORD,
    });
    assert.equal(response.status, 200);
    const session = await bodyOf<SessionBody>(response);
    assert.equal(session.user.id, registered.user.id);
    assert.notEqual(session.refreshToken, registered.refreshToken);
    const me = await identity.api('GET', '/me', undefined, { token: session.accessToken });
    assert.equal(me.status, 200);
  });

  it('refuses a second account for the same email, whatever its case', async () => {
    const email = uniqueEmail();
    await registerCustomer(identity.api, { email });
    for (const spelling of [email, email.toUpperCase(), ` ${email} `]) {
      const response = await identity.api('POST', '/auth/register', {
        email: spelling,
        password: GOOD_PASSWORD,
        name: 'Copycat',
      });
      assert.equal(response.status, 409, spelling);
      assert.equal((await problemOf(response)).code, 'EMAIL_TAKEN');
    }
  });

  it('lets exactly one of many simultaneous registrations of one email win', async () => {
    const email = uniqueEmail('race');
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        identity.api('POST', '/auth/register', {
          email: index % 2 === 0 ? email : email.toUpperCase(),
          password: GOOD_PASSWORD,
          name: `Racer ${index}`,
        }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409]);
    for (const response of responses.filter((r) => r.status === 409)) {
      assert.equal((await problemOf(response)).code, 'EMAIL_TAKEN');
    }
    const { count } = await identity.service.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count), 1);
  });

  it('refuses weak passwords, explaining every broken rule', async () => {
    const email = uniqueEmail();
    const cases: Array<[string, RegExp]> = [
      ['short1', /at least 10 characters \(this one has 6\)/],
      ['onlyletterslong', /Add a digit or a symbol/],
      ['12345678901234', /Add a letter/],
      [email, /Do not use your email address/],
      [`${'a1'.repeat(65)}`, /at most 128 characters/],
      ['', /at least 10 characters/],
    ];
    for (const [password, reason] of cases) {
      const response = await identity.api('POST', '/auth/register', { email, password, name: 'Weak' });
      assert.equal(response.status, 400, password);
      const problem = await problemOf(response);
      assert.equal(problem.code, 'WEAK_PASSWORD');
      assert.match(problem.detail, reason);
      assert.ok(Array.isArray(problem.violations));
    }
    const login = await identity.api('POST', '/auth/login', { email, password: 'short1' });
    assert.equal(login.status, 401, 'no account was created by the refused attempts');
  });

  it('refuses an invalid email address, saying why', async () => {
    for (const email of ['not-an-email', 'ann@', 'ann@@example.com', ' @example.com']) {
      const response = await identity.api('POST', '/auth/register', {
        email,
        password: GOOD_PASSWORD,
        name: 'X',
      });
      assert.equal(response.status, 400, email);
      assert.equal((await problemOf(response)).code, 'INVALID_EMAIL');
    }
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const email = uniqueEmail();
    await registerCustomer(identity.api, { email });
    const wrongPassword = await identity.api('POST', '/auth/login', { email, password: 'wrong password 1' });
    const unknownEmail = await identity.api('POST', '/auth/login', {
      email: uniqueEmail('nobody'),
      password: GOOD_PASSWORD,
    });
    const invalidEmail = await identity.api('POST', '/auth/login', {
      email: 'nonsense',
      password: GOOD_PASSWORD,
    });
    for (const response of [wrongPassword, unknownEmail, invalidEmail]) {
      assert.equal(response.status, 401);
      const { code, detail, title } = await problemOf(response);
      assert.deepEqual(
        { code, detail, title },
        {
          code: 'INVALID_CREDENTIALS',
          detail: 'The email or the password is wrong',
          title: 'Wrong email or password',
        },
      );
    }
  });

  it('changes name and email, keeping emails unique', async () => {
    const session = await registerCustomer(identity.api);
    const other = await registerCustomer(identity.api);
    const token = session.accessToken;

    const renamed = await identity.api('PATCH', '/me', { name: 'New Name' }, { token });
    assert.equal(renamed.status, 200);
    assert.equal((await bodyOf<UserBody>(renamed)).name, 'New Name');

    const taken = await identity.api('PATCH', '/me', { email: other.user.email.toUpperCase() }, { token });
    assert.equal(taken.status, 409);
    assert.equal((await problemOf(taken)).code, 'EMAIL_TAKEN');

    const invalid = await identity.api('PATCH', '/me', { email: 'nope' }, { token });
    assert.equal(invalid.status, 400);
    assert.equal((await problemOf(invalid)).code, 'INVALID_EMAIL');

    const fresh = uniqueEmail('moved');
    const moved = await identity.api('PATCH', '/me', { email: ` ${fresh.toUpperCase()}` }, { token });
    assert.equal(moved.status, 200);
    assert.equal((await bodyOf<UserBody>(moved)).email, fresh);
    const login = await identity.api('POST', '/auth/login', { email: fresh, password: GOOD_PASSWORD });
    assert.equal(login.status, 200);
    const me = await bodyOf<UserBody>(await identity.api('GET', '/me', undefined, { token }));
    assert.deepEqual({ name: me.name, email: me.email }, { name: 'New Name', email: fresh });
  });

  it('changes the password after checking the current one, and ends every session', async () => {
    const email = uniqueEmail();
    const session = await registerCustomer(identity.api, { email });
    const token = session.accessToken;

    const wrong = await identity.api(
      'POST',
      '/me/password',
      { currentPassword: 'not it 12345', newPassword: 'a brand new 1' },
      { token },
    );
    assert.equal(wrong.status, 403);
    assert.equal((await problemOf(wrong)).code, 'CURRENT_PASSWORD_INCORRECT');

    const weak = await identity.api(
      'POST',
      '/me/password',
      { currentPassword: GOOD_PASSWORD, newPassword: 'weak' },
      { token },
    );
    assert.equal(weak.status, 400);
    assert.equal((await problemOf(weak)).code, 'WEAK_PASSWORD');

    const changed = await identity.api(
      'POST',
      '/me/password',
      { currentPassword: GOOD_PASSWORD, newPassword: 'a brand new 1' },
      { token },
    );
    assert.equal(changed.status, 204);
    assert.equal(await changed.text(), '');

    const refresh = await identity.api('POST', '/auth/refresh', { refreshToken: session.refreshToken });
    assert.equal(refresh.status, 401, 'sessions from before the change are over');
    assert.equal((await identity.api('POST', '/auth/login', { email, password: GOOD_PASSWORD })).status, 401);
    assert.equal(
      (await identity.api('POST', '/auth/login', { email, password: 'a brand new 1' })).status,
      200,
    );
  });
});
