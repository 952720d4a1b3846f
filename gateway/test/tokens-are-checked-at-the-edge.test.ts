/**
 * Access tokens are verified at the gateway against the issuer's JWKS: missing, expired,
 * forged and wrong-audience tokens are 401, a customer on an admin route 403, and none of
 * them reaches the service. Keys rotate without a restart: a token signed with a key the
 * gateway has not seen makes it fetch the JWKS again.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { problemOf, startTestTokenIssuer } from '@emporium/platform/testing';
import { startEchoService, startTestGateway, startTestRegistry } from './gateway-test-kit.ts';

test('missing, expired, forged and wrong-audience tokens are 401, a missing role 403; none reaches a service', async (t) => {
  const registry = await startTestRegistry(t);
  const issuer = await startTestTokenIssuer();
  t.after(() => issuer.close());
  const identity = await startEchoService(t, registry, 'identity');
  const gateway = await startTestGateway(t, registry, {
    IDENTITY_JWKS_URL: issuer.jwksUrl,
    JWKS_REFETCH_COOLDOWN_MS: '0',
  });
  const call = (path: string, token?: string) =>
    gateway.fetch(path, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

  const refusals: Array<[string, Response, number, string]> = [
    ['no token', await call('/api/users/me'), 401, 'AUTH_REQUIRED'],
    ['not a bearer token', await call('/api/users/me', 'not-a-jwt'), 401, 'TOKEN_INVALID'],
    [
      'expired',
      await call('/api/users/me', await issuer.token({ roles: ['customer'], expiresInSeconds: -60 })),
      401,
      'TOKEN_EXPIRED',
    ],
    [
      'signed with an unpublished key',
      await call('/api/users/me', await issuer.tokenFromUnknownKey({ roles: ['admin'] })),
      401,
      'TOKEN_INVALID',
    ],
    [
      'for another audience',
      await call('/api/users/me', await issuer.token({ roles: ['customer'], audience: 'someone-else' })),
      401,
      'TOKEN_INVALID',
    ],
    [
      'tampered with',
      await call('/api/users/me', `${(await issuer.token({ roles: ['customer'] })).slice(0, -4)}AAAA`),
      401,
      'TOKEN_INVALID',
    ],
    [
      'a customer on an admin route',
      await call('/api/admin/users', await issuer.token({ roles: ['customer'] })),
      403,
      'FORBIDDEN',
    ],
    [
      'a bad token on a public route',
      await call('/api/auth/login', await issuer.token({ roles: ['customer'], expiresInSeconds: -60 })),
      401,
      'TOKEN_EXPIRED',
    ],
  ];
  for (const [what, answer, status, code] of refusals) {
    assert.equal(answer.status, status, what);
    const problem = await problemOf(answer);
    assert.equal(problem.code, code, what);
    assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  }
  assert.equal(identity.received.length, 0, 'nothing the gateway refused reached identity');

  const admin = await call('/api/admin/users?limit=5', await issuer.token({ roles: ['admin'] }));
  assert.equal(admin.status, 200);
  assert.equal(identity.received.at(-1)?.url, '/users?limit=5');
  assert.equal((await call('/api/auth/login')).status, 200, 'public routes need no token');
});

test('a token signed with a newly rotated key is accepted without a restart', async (t) => {
  const registry = await startTestRegistry(t);
  const issuer = await startTestTokenIssuer();
  t.after(() => issuer.close());
  await startEchoService(t, registry, 'identity');
  const gateway = await startTestGateway(t, registry, {
    IDENTITY_JWKS_URL: issuer.jwksUrl,
    JWKS_REFETCH_COOLDOWN_MS: '0',
  });
  const before = await issuer.token({ roles: ['customer'] });
  const first = await gateway.fetch('/api/users/me', { headers: { authorization: `Bearer ${before}` } });
  assert.equal(first.status, 200);
  const fetchesBefore = issuer.fetches;

  await issuer.rotate();
  const after = await issuer.token({ roles: ['customer'] });
  const rotated = await gateway.fetch('/api/users/me', { headers: { authorization: `Bearer ${after}` } });
  assert.equal(rotated.status, 200, 'the new key was fetched on its unknown kid');
  assert.equal(issuer.fetches, fetchesBefore + 1);
  const old = await gateway.fetch('/api/users/me', { headers: { authorization: `Bearer ${before}` } });
  assert.equal(old.status, 200, 'tokens signed with the previous key stay valid while it is published');
});
