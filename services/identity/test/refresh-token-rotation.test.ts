import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf, problemOf, waitFor } from '@emporium/platform/testing';
import {
  type IdentityUnderTest,
  registerCustomer,
  type SessionBody,
  startIdentity,
} from './support/start-identity.ts';

const DAY_MS = 86_400_000;

describe('refresh-token rotation', () => {
  let identity: IdentityUnderTest;
  // The module's clock: tests move it forward to make refresh tokens expire.
  let offsetMs = 0;
  before(async () => {
    identity = await startIdentity(
      { REFRESH_TOKEN_TTL_DAYS: 7 },
      { clock: () => new Date(Date.now() + offsetMs), pruneIntervalMs: 100 },
    );
  });
  after(() => identity.close());

  const refresh = (refreshToken: string) => identity.api('POST', '/auth/refresh', { refreshToken });

  it('exchanges a refresh token for new tokens, once', async () => {
    const login = await registerCustomer(identity.api);
    const response = await refresh(login.refreshToken);
    assert.equal(response.status, 200);
    const next = await bodyOf<SessionBody>(response);
    assert.notEqual(next.refreshToken, login.refreshToken);
    assert.equal(next.user.id, login.user.id);
    const me = await identity.api('GET', '/me', undefined, { token: next.accessToken });
    assert.equal(me.status, 200);

    const stored = await identity.service.database.db
      .selectFrom('refresh_tokens')
      .select(['token_hash', 'rotated_at'])
      .execute();
    assert.ok(
      stored.every((row) => row.token_hash !== login.refreshToken && row.token_hash !== next.refreshToken),
      'only hashes are stored',
    );
  });

  it('revokes the whole family when a rotated token is used again', async () => {
    const login = await registerCustomer(identity.api);
    const second = await bodyOf<SessionBody>(await refresh(login.refreshToken));
    const third = await bodyOf<SessionBody>(await refresh(second.refreshToken));

    const replay = await refresh(login.refreshToken);
    assert.equal(replay.status, 401);
    assert.equal((await problemOf(replay)).code, 'REFRESH_TOKEN_REUSED');

    // The newest token, which the thief or the owner holds, stops working too.
    const newest = await refresh(third.refreshToken);
    assert.equal(newest.status, 401);
    assert.equal((await problemOf(newest)).code, 'REFRESH_TOKEN_INVALID');
    const middle = await refresh(second.refreshToken);
    assert.equal((await problemOf(middle)).code, 'REFRESH_TOKEN_REUSED');
  });

  it('leaves the other sessions of the same user alone', async () => {
    const phone = await registerCustomer(identity.api);
    const laptopResponse = await identity.api('POST', '/auth/login', {
      email: phone.user.email,
      password: 'correct horse 7 battery',
    });
    const laptop = await bodyOf<SessionBody>(laptopResponse);
    await refresh(phone.refreshToken);
    assert.equal((await refresh(phone.refreshToken)).status, 401);
    assert.equal((await refresh(laptop.refreshToken)).status, 200);
  });

  it('lets exactly one of several simultaneous refreshes with one token succeed', async () => {
    const login = await registerCustomer(identity.api);
    const responses = await Promise.all(Array.from({ length: 6 }, () => refresh(login.refreshToken)));
    const statuses = responses.map((response) => response.status);
    assert.equal(statuses.filter((status) => status === 200).length, 1, `statuses: ${statuses}`);
    assert.equal(statuses.filter((status) => status === 401).length, 5);
    for (const response of responses.filter((r) => r.status === 401)) {
      assert.equal((await problemOf(response)).code, 'REFRESH_TOKEN_REUSED');
    }
    // The losers replayed a used token, so the winner's new token is revoked as well.
    const winner = await bodyOf<SessionBody>(responses.find((r) => r.status === 200) ?? responses[0]!);
    assert.equal((await refresh(winner.refreshToken)).status, 401);

    const tokens = await identity.service.database.db
      .selectFrom('refresh_tokens')
      .innerJoin('refresh_token_families', 'refresh_token_families.id', 'refresh_tokens.family_id')
      .select(['refresh_tokens.rotated_at', 'refresh_token_families.revoked_reason'])
      .where('refresh_token_families.user_id', '=', login.user.id)
      .execute();
    assert.equal(tokens.length, 2, 'one rotation happened: the first token and its single successor');
    assert.ok(tokens.every((token) => token.revoked_reason === 'reuse'));
  });

  it('ends the session on logout, idempotently', async () => {
    const login = await registerCustomer(identity.api);
    const next = await bodyOf<SessionBody>(await refresh(login.refreshToken));
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await identity.api('POST', '/auth/logout', { refreshToken: next.refreshToken });
      assert.equal(response.status, 204);
      assert.equal(await response.text(), '');
    }
    const afterLogout = await refresh(next.refreshToken);
    assert.equal(afterLogout.status, 401);
    assert.equal((await problemOf(afterLogout)).code, 'REFRESH_TOKEN_INVALID');
    assert.match((await problemOf(await refresh(next.refreshToken))).detail, /ended/);
  });

  it('answers logout with an unknown or malformed token with 204 too', async () => {
    assert.equal((await identity.api('POST', '/auth/logout', { refreshToken: 'A'.repeat(43) })).status, 204);
    assert.equal((await identity.api('POST', '/auth/logout', { refreshToken: 'nonsense' })).status, 204);
  });

  it('refuses unknown and malformed refresh tokens', async () => {
    for (const refreshToken of ['A'.repeat(43), 'nonsense', "' or 1=1 --"]) {
      const response = await refresh(refreshToken);
      assert.equal(response.status, 401, refreshToken);
      assert.equal((await problemOf(response)).code, 'REFRESH_TOKEN_INVALID');
    }
  });

  it('refuses a refresh token after its lifetime, and the pruner deletes it', async () => {
    const login = await registerCustomer(identity.api);
    offsetMs = 7 * DAY_MS + 1000;
    try {
      const response = await refresh(login.refreshToken);
      assert.equal(response.status, 401);
      const problem = await problemOf(response);
      assert.equal(problem.code, 'REFRESH_TOKEN_INVALID');
      // The pruner runs every 100 ms here and may delete the expired token before this request
      // arrives; either way it is refused, as expired or as no longer known.
      assert.match(problem.detail, /expired|not known/);

      const { db } = identity.service.database;
      await waitFor('the expired token and its family to be pruned', async () => {
        const families = await db
          .selectFrom('refresh_token_families')
          .select('id')
          .where('user_id', '=', login.user.id)
          .execute();
        return families.length === 0;
      });
    } finally {
      offsetMs = 0;
    }
  });
});
