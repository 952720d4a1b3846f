/**
 * The gateway as a client sees it: public paths reach the service the route table names,
 * rewritten, over instances found in the registry and spread across them; request ids and
 * trace context go in and come out; forged identity headers never reach a service; unknown
 * paths are problem+json 404s; every answer carries the security and CORS headers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyOf, problemOf, startTestTokenIssuer, waitFor } from '@emporium/platform/testing';
import { type Echo, startEchoService, startTestGateway, startTestRegistry } from './gateway-test-kit.ts';

test('public paths reach their service through the registry, spread over every instance', async (t) => {
  const registry = await startTestRegistry(t);
  const issuer = await startTestTokenIssuer();
  t.after(() => issuer.close());
  const catalogs = [
    await startEchoService(t, registry, 'catalog'),
    await startEchoService(t, registry, 'catalog'),
    await startEchoService(t, registry, 'catalog'),
  ];
  await startEchoService(t, registry, 'identity');
  const gateway = await startTestGateway(t, registry, {
    IDENTITY_JWKS_URL: issuer.jwksUrl,
    CORS_ORIGINS: 'http://shop.example',
  });

  const answer = await gateway.fetch('/api/products/ABC-1?lang=en', {
    headers: {
      'x-request-id': 'req-123',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'x-emporium-user-id': 'forged-admin',
      'x-emporium-user-roles': 'admin',
    },
  });
  assert.equal(answer.status, 200);
  const echo = await bodyOf<Echo>(answer);
  assert.equal(echo.url, '/products/ABC-1?lang=en', 'the prefix is rewritten, the query kept');
  assert.equal(echo.headers['x-request-id'], 'req-123');
  assert.equal(answer.headers.get('x-request-id'), 'req-123');
  assert.match(String(echo.headers.traceparent), /^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
  assert.notEqual(echo.headers.traceparent, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  assert.equal(echo.headers['x-emporium-user-id'], undefined, 'a forged identity header is dropped');
  assert.equal(echo.headers['x-emporium-user-roles'], undefined);
  assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(answer.headers.get('x-frame-options'), 'DENY');

  const fresh = await bodyOf<Echo>(await gateway.fetch('/api/categories'));
  assert.match(String(fresh.headers.traceparent), /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/, 'a trace is started');
  assert.match(String(fresh.headers['x-request-id']), /^[0-9a-f-]{36}$/, 'a request id is made');

  // A signed-in caller's identity travels in the gateway's headers, beside the token.
  const token = await issuer.token({ roles: ['customer'], subject: 'user-42' });
  const me = await bodyOf<Echo>(
    await gateway.fetch('/api/users/me/addresses', {
      headers: { authorization: `Bearer ${token}`, 'x-emporium-user-id': 'someone-else' },
    }),
  );
  assert.equal(me.url, '/me/addresses');
  assert.equal(me.headers['x-emporium-user-id'], 'user-42');
  assert.equal(me.headers['x-emporium-user-roles'], 'customer');
  assert.equal(me.headers.authorization, `Bearer ${token}`);

  const seen = new Set<string>();
  await waitFor('requests spread over all three catalog instances', async () => {
    const spread = await bodyOf<Echo>(await gateway.fetch('/api/search?q=lamp'));
    assert.equal(spread.url, '/products?q=lamp');
    seen.add(spread.instance);
    return seen.size === 3;
  });
  assert.deepEqual([...seen].sort(), catalogs.map((catalog) => catalog.id).sort());

  const unknown = await gateway.fetch('/api/nowhere');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  assert.equal((await problemOf(unknown)).code, 'ROUTE_NOT_FOUND');
  assert.equal((await gateway.fetch('/api/productsX')).status, 404);
  assert.equal((await gateway.fetch('/api/search', { method: 'POST' })).status, 404, 'search is read-only');
  assert.equal((await gateway.fetch('/api/products/%2e%2e/admin')).status, 404);

  const preflight = await gateway.fetch('/api/cart/items', {
    method: 'OPTIONS',
    headers: {
      origin: 'http://shop.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,authorization',
    },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://shop.example');
  const other = await gateway.fetch('/api/products', { headers: { origin: 'http://evil.example' } });
  assert.equal(other.headers.get('access-control-allow-origin'), null);
});
