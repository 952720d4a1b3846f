/**
 * When a service cannot answer, the client gets one clean problem document with a retry
 * hint: 503 when nothing can take the request (no instance, breaker open, instance gone
 * mid-call), 504 when it is too slow, 502 for a bare failure; never the upstream's stack.
 * An instance killed under load costs only the non-idempotent calls in flight on it;
 * everything after goes to the instances left.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyOf, problemOf } from '@emporium/platform/testing';
import { type Echo, startEchoService, startTestGateway, startTestRegistry } from './gateway-test-kit.ts';

test('no instance, a crash, a timeout and an open breaker are clean 503/502/504 problems with Retry-After', async (t) => {
  const registry = await startTestRegistry(t);
  await startEchoService(t, registry, 'catalog');
  const gateway = await startTestGateway(t, registry, {
    UPSTREAM_TIMEOUT_MS: '300',
    UPSTREAM_RETRY_MAX_ATTEMPTS: '1',
    UPSTREAM_BREAKER_FAILURES: '3',
    UPSTREAM_BREAKER_HALF_OPEN_MS: '60000',
  });

  const none = await gateway.fetch('/api/cart');
  assert.equal(none.status, 503);
  assert.equal(none.headers.get('retry-after'), '1');
  assert.equal((await problemOf(none)).code, 'UPSTREAM_UNAVAILABLE');

  const slow = await gateway.fetch('/api/products/slow?ms=2000');
  assert.equal(slow.status, 504);
  assert.ok(Number(slow.headers.get('retry-after')) >= 1);
  assert.equal((await problemOf(slow)).code, 'UPSTREAM_TIMEOUT');

  const crash = await gateway.fetch('/api/products/crash');
  assert.equal(crash.status, 502);
  const text = await crash.text();
  assert.doesNotMatch(text, /TypeError|at stack/, 'the upstream stack trace is not passed on');
  assert.equal((JSON.parse(text) as { code: string }).code, 'UPSTREAM_FAILED');

  const busy = await gateway.fetch('/api/products/busy');
  assert.equal(busy.status, 503, "a service's own problem document is passed on");
  assert.equal((await problemOf(busy)).code, 'BUSY');
  assert.equal(busy.headers.get('retry-after'), '1');

  // Three failures in a row (timeout, crash, busy) opened the breaker: refused without trying.
  const open = await gateway.fetch('/api/products/ABC-1');
  assert.equal(open.status, 503);
  assert.equal((await problemOf(open)).code, 'UPSTREAM_UNAVAILABLE');
  assert.ok(Number(open.headers.get('retry-after')) > 1);
  const state = await bodyOf<{ policies: Array<{ target: string; breaker: string }> }>(
    await gateway.fetch('/health/dependencies'),
  );
  assert.equal(state.policies.find((policy) => policy.target === 'catalog')?.breaker, 'open');
});

test('an instance killed under load fails only the non-idempotent calls in flight on it', async (t) => {
  const registry = await startTestRegistry(t);
  const doomed = await startEchoService(t, registry, 'orders');
  const survivors = [
    await startEchoService(t, registry, 'orders'),
    await startEchoService(t, registry, 'orders'),
  ];
  const gateway = await startTestGateway(t, registry);

  // Slow calls in flight on every instance: reads (retried elsewhere) and writes (not retried).
  const reads = Array.from({ length: 6 }, () => gateway.fetch('/api/cart/slow?ms=1500'));
  const writes = Array.from({ length: 6 }, () =>
    gateway.fetch('/api/cart/slow?ms=1500', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    }),
  );
  const onIt = (method: string) => doomed.received.filter((echo) => echo.method === method).length;
  await waitUntil(() => onIt('GET') >= 1 && onIt('POST') >= 1);
  await doomed.kill();
  const readAnswers = await Promise.all(reads);
  const writeAnswers = await Promise.all(writes);
  assert.deepEqual(
    readAnswers.map((answer) => answer.status),
    readAnswers.map(() => 200),
    'idempotent calls are retried on the other instances',
  );
  const failed = writeAnswers.filter((answer) => answer.status !== 200);
  for (const answer of failed) {
    assert.equal(answer.status, 503);
    assert.equal((await problemOf(answer)).code, 'UPSTREAM_UNAVAILABLE');
    assert.equal(answer.headers.get('retry-after'), '1');
  }
  // Every write that reached the killed instance failed; one still in its socket buffer may
  // have failed too, unseen by it; the writes on the other instances did not.
  assert.ok(failed.length >= onIt('POST') && onIt('POST') >= 1, 'the writes in flight on it failed');
  assert.ok(failed.length < writeAnswers.length, 'the writes on the other instances succeeded');

  const after = await Promise.all(
    Array.from({ length: 12 }, () =>
      gateway.fetch('/api/cart', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
    ),
  );
  assert.ok(after.every((answer) => answer.status === 200));
  const servedBy = new Set(
    await Promise.all(after.map(async (answer) => (await bodyOf<Echo>(answer)).instance)),
  );
  assert.deepEqual([...servedBy].sort(), survivors.map((survivor) => survivor.id).sort());
});

async function waitUntil(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a draining instance (503 before running anything) is skipped, whatever the method', async (t) => {
  const registry = await startTestRegistry(t);
  const draining = await startEchoService(t, registry, 'orders');
  const other = await startEchoService(t, registry, 'orders');
  const gateway = await startTestGateway(t, registry);
  draining.drain();
  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      gateway.fetch('/api/cart', {
        method: i % 2 === 0 ? 'GET' : 'POST',
        ...(i % 2 === 0 ? {} : { body: '{}', headers: { 'content-type': 'application/json' } }),
      }),
    ),
  );
  assert.deepEqual(
    answers.map((answer) => answer.status),
    answers.map(() => 200),
  );
  const servedBy = new Set(
    await Promise.all(answers.map(async (answer) => (await bodyOf<Echo>(answer)).instance)),
  );
  assert.deepEqual([...servedBy], [other.id]);
});
