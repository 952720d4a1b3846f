import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMetrics } from '@emporium/platform/metrics';
import { BulkheadFullError, createResilience } from '@emporium/platform/resilience';

describe('the bulkhead of a target', () => {
  it('runs up to its limit, queues up to its queue, refuses the rest, and reports them', async () => {
    const metrics = createMetrics({ service: 'orders' });
    const resilience = createResilience({
      metrics,
      settingsFor: () => ({ bulkhead: { limit: 2, queue: 1 } }),
    });
    const policy = resilience.policyFor('catalog');

    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    const held = [1, 2, 3].map((n) =>
      policy.execute(
        async () => {
          started++;
          await gate;
          return n;
        },
        { idempotent: true },
      ),
    );

    assert.deepEqual(resilience.snapshot(), [
      { target: 'catalog', breaker: 'closed', bulkhead: { active: 2, queued: 1, limit: 2, queue: 1 } },
    ]);
    const refusal = await policy
      .execute(async () => 4, { idempotent: true })
      .catch((thrown: unknown) => thrown);
    assert.ok(refusal instanceof BulkheadFullError);
    assert.equal(refusal.message, 'catalog has 2 calls in flight and 1 queued');
    assert.equal(refusal.target, 'catalog');

    const text = await metrics.registry.metrics();
    assert.match(text, /emporium_rpc_bulkhead_active\{target="catalog"[^}]*\} 2\n/);
    assert.match(text, /emporium_rpc_bulkhead_queued\{target="catalog"[^}]*\} 1\n/);
    assert.match(text, /emporium_rpc_rejections_total\{target="catalog",reason="bulkhead_full"[^}]*\} 1\n/);
    assert.equal(started, 2, 'the queued call waits for a slot');

    release();
    assert.deepEqual(await Promise.all(held), [1, 2, 3]);
    assert.deepEqual(resilience.snapshot()[0]?.bulkhead, { active: 0, queued: 0, limit: 2, queue: 1 });
  });

  it('lets a queued caller go at its deadline rather than when a slot frees', async () => {
    const policy = createResilience({ settingsFor: () => ({ bulkhead: { limit: 1, queue: 1 } }) }).policyFor(
      'catalog',
    );
    let release = () => {};
    const running = policy.execute(
      () =>
        new Promise<string>((resolve) => {
          release = () => resolve('done');
        }),
      { idempotent: false },
    );
    const queued = policy.execute(async () => 'too late', { idempotent: false, deadline: Date.now() + 50 });
    await assert.rejects(queued, { name: 'CallTimeoutError' });
    release();
    assert.equal(await running, 'done');
  });
});

describe('policy metrics', () => {
  it('are registered once per registry, however many Resilience instances and policies use it', async () => {
    const shared = createMetrics({ service: 'orders' });
    const other = createMetrics({ service: 'payments' });
    const first = createResilience({ metrics: shared });
    const second = createResilience({ metrics: shared });
    const third = createResilience({ metrics: other });
    for (const resilience of [first, second, third]) {
      resilience.policyFor('catalog');
      resilience.policyFor('catalog');
      resilience.policyFor('shipping');
    }
    const text = await shared.registry.metrics();
    assert.equal(text.match(/^# TYPE emporium_rpc_breaker_state gauge$/gm)?.length, 1);
    assert.match(text, /emporium_rpc_breaker_state\{target="shipping"[^}]*\} 0/);
    assert.doesNotMatch(text, /service="payments"/);
    assert.match(
      await other.registry.metrics(),
      /emporium_rpc_breaker_state\{target="catalog",service="payments"/,
    );
  });
});
