/**
 * Rate limits per client (the verified user, else the address) and per route class, with
 * RateLimit-* headers and Retry-After on refusal: in process by default, and in Redis when
 * REDIS_URL is set, where two gateway replicas share one budget.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { problemOf, startTestTokenIssuer } from '@emporium/platform/testing';
import { Redis } from 'ioredis';
import {
  startEchoService,
  startTestGateway,
  startTestRegistry,
  type TestGateway,
} from './gateway-test-kit.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMITS = JSON.stringify({ read: { max: 3, windowMs: 60_000 }, auth: { max: 2, windowMs: 60_000 } });

test('in process: each client and route class has its own budget, told in RateLimit headers', async (t) => {
  const registry = await startTestRegistry(t);
  const issuer = await startTestTokenIssuer();
  t.after(() => issuer.close());
  const catalog = await startEchoService(t, registry, 'catalog');
  await startEchoService(t, registry, 'identity');
  const gateway = await startTestGateway(t, registry, {
    RATE_LIMITS: LIMITS,
    IDENTITY_JWKS_URL: issuer.jwksUrl,
  });

  const first = await gateway.fetch('/api/products');
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('ratelimit-limit'), '3');
  assert.equal(first.headers.get('ratelimit-remaining'), '2');
  assert.ok(Number(first.headers.get('ratelimit-reset')) > 0);
  await gateway.fetch('/api/categories');
  await gateway.fetch('/api/search?q=x');
  const refused = await gateway.fetch('/api/products/ABC');
  assert.equal(refused.status, 429, 'read routes share one budget');
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
  assert.equal((await problemOf(refused)).code, 'RATE_LIMITED');
  assert.equal(catalog.received.length, 3, 'the refused request did not reach catalog');

  assert.equal(
    (await gateway.fetch('/api/auth/login', { method: 'POST' })).status,
    200,
    'auth has its own budget',
  );
  const token = await issuer.token({ roles: ['customer'] });
  const signedIn = await gateway.fetch('/api/products', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(signedIn.status, 200, 'a signed-in user is counted by user id, not by address');
  assert.equal(signedIn.headers.get('ratelimit-remaining'), '2');

  // Refused tokens count against the address's auth budget (2 here), so forging is slowed down too.
  const forged = await issuer.tokenFromUnknownKey({ roles: ['admin'] });
  const tries = [];
  for (let i = 0; i < 3; i++) {
    tries.push(await gateway.fetch('/api/categories', { headers: { authorization: `Bearer ${forged}` } }));
  }
  assert.deepEqual(
    tries.map((answer) => answer.status),
    [401, 401, 429],
  );
  assert.ok(Number(tries[2]?.headers.get('retry-after')) > 0);
});

test('in Redis: two gateway replicas count against one budget', async (t) => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await probe.connect();
    await probe.ping();
  } catch {
    probe.disconnect();
    if (process.env.CI) throw new Error(`Redis does not answer at ${REDIS_URL}`);
    t.skip(`no Redis at ${REDIS_URL}`);
    return;
  }
  const registry = await startTestRegistry(t);
  await startEchoService(t, registry, 'identity');
  const namespace = `gateway-test-${Date.now()}-${Math.random().toString(16).slice(2)}:`;
  t.after(async () => {
    const keys = await probe.keys(`${namespace}*`);
    if (keys.length > 0) await probe.del(...keys);
    probe.disconnect();
  });
  const env = { RATE_LIMITS: LIMITS, REDIS_URL, RATE_LIMIT_NAMESPACE: namespace };
  const replicas: TestGateway[] = [
    await startTestGateway(t, registry, env),
    await startTestGateway(t, registry, env),
  ];
  const login = (gateway: TestGateway) => gateway.fetch('/api/auth/login', { method: 'POST' });

  assert.equal((await login(replicas[0]!)).status, 200);
  const second = await login(replicas[1]!);
  assert.equal(second.status, 200);
  assert.equal(
    second.headers.get('ratelimit-remaining'),
    '0',
    'the second replica saw the first one’s count',
  );
  const third = await login(replicas[0]!);
  assert.equal(third.status, 429);
  assert.ok(Number(third.headers.get('retry-after')) > 0);
  assert.ok((await probe.keys(`${namespace}*`)).length > 0, 'the counters live in Redis');
});
