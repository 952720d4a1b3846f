/**
 * The discovery client over each real registry back end: balancing, eviction, and what a
 * pick says when it cannot pick. Run by postgres-registry.test.ts and nats-registry.test.ts.
 */
import assert from 'node:assert/strict';
import { it, type TestContext } from 'node:test';
import {
  createDiscoveryClient,
  type DiscoveryClient,
  type DiscoveryClientOptions,
  NoInstanceError,
  RegistryUnavailableError,
  type ServiceRegistry,
} from '../index.ts';
import { silentServer } from './registry-scenarios.ts';
import {
  announcement,
  freePort,
  HEARTBEAT_MS,
  newService,
  openFor,
  type RegistryBackend,
  timed,
  waitFor,
} from './registry-test-kit.ts';

export function discoveryClientScenarios(backend: () => RegistryBackend): void {
  function clientFor(
    t: TestContext,
    registry: ServiceRegistry,
    options?: DiscoveryClientOptions,
  ): DiscoveryClient {
    const client = createDiscoveryClient(registry, options);
    t.after(() => client.close());
    return client;
  }

  async function threeInstances(t: TestContext) {
    const registry = openFor(t, () => backend().open());
    const service = newService();
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await registry.register(announcement(service, n))).instance.id);
    return { registry, service, ids: ids.sort() };
  }

  const pendingOf = (client: DiscoveryClient, service: string) =>
    Object.fromEntries(
      (client.snapshot().find((entry) => entry.service === service)?.instances ?? []).map(
        ({ id, pending }) => [id, pending],
      ),
    );

  it('spreads picks round-robin over every live instance', async (t) => {
    const { registry, service, ids } = await threeInstances(t);
    const client = clientFor(t, registry, { balancing: 'round-robin' });
    const picked: string[] = [];
    for (let i = 0; i < 6; i++) {
      const lease = await client.pick(service);
      picked.push(lease.instance.id);
      lease.release();
    }
    assert.deepEqual(picked.slice(0, 3).sort(), ids, 'each instance once in the first three picks');
    assert.deepEqual(picked.slice(3), picked.slice(0, 3), 'then the same turn again');
  });

  it('least-pending sends a call to the instance with the fewest calls in flight', async (t) => {
    const { registry, service, ids } = await threeInstances(t);
    const client = clientFor(t, registry, { balancing: 'least-pending' });
    const held = [await client.pick(service), await client.pick(service), await client.pick(service)];
    assert.deepEqual(held.map(({ instance }) => instance.id).sort(), ids, 'each pick took an idle instance');

    const [first, second] = held;
    assert.ok(first && second);
    first.release();
    const next = await client.pick(service);
    assert.equal(next.instance.id, first.instance.id, 'the only idle instance is picked');

    second.release();
    second.release();
    assert.deepEqual(
      pendingOf(client, service),
      { [first.instance.id]: 1, [second.instance.id]: 0, [held[2]?.instance.id ?? '']: 1 },
      'a second release of one lease is ignored',
    );
  });

  it('evicts an instance a call failed on until the registry hears its next heartbeat', async (t) => {
    const { registry, service, ids } = await threeInstances(t);
    const client = clientFor(t, registry);
    const failed = await client.pick(service);
    failed.release({ evict: true });
    const evictedId = failed.instance.id;

    const picked: string[] = [];
    for (let i = 0; i < 6; i++) {
      const lease = await client.pick(service);
      picked.push(lease.instance.id);
      lease.release();
    }
    assert.deepEqual([...new Set(picked)].sort(), ids.filter((id) => id !== evictedId).sort());
    const evicted = () =>
      client
        .snapshot()
        .find((entry) => entry.service === service)
        ?.instances.find(({ id }) => id === evictedId)?.evicted;
    assert.equal(evicted(), true);

    await waitFor(
      'the evicted instance to be picked again after its heartbeat',
      async () => {
        const lease = await client.pick(service);
        lease.release();
        return lease.instance.id === evictedId;
      },
      { timeoutMs: 3 * HEARTBEAT_MS + 1_000 },
    );
    assert.equal(evicted(), false);
  });

  it('throws NoInstanceError when every instance is evicted, or none is registered', async (t) => {
    const registry = openFor(t, () => backend().open());
    const service = newService();
    await registry.register(announcement(service, 1));
    const client = clientFor(t, registry, { firstAnswerTimeoutMs: 2_000 });
    (await client.pick(service)).release({ evict: true });
    await assert.rejects(client.pick(service), (error) => {
      assert.ok(error instanceof NoInstanceError);
      assert.match(
        error.message,
        new RegExp(`no live instance of '${service}' can be picked: all 1 are evicted`),
      );
      return true;
    });

    const unknown = newService();
    const { ms, error } = await timed(() => client.pick(unknown));
    assert.ok(error instanceof NoInstanceError, `${error}`);
    assert.match(
      error.message,
      new RegExp(`^no live instance of '${unknown}' is registered \\(live services: .*\\b${service}\\b`),
    );
    assert.ok(ms < 2_900, `answered after ${ms} ms`);
  });

  it('fails with RegistryUnavailableError, never hangs, when the registry cannot be reached', async (t) => {
    const closedPort = await freePort();
    const refused = clientFor(
      t,
      openFor(t, () => backend().openAt(backend().urlAt(closedPort))),
      {
        firstAnswerTimeoutMs: 3_000,
      },
    );
    const fast = await timed(() => refused.pick('catalog'));
    assert.ok(fast.error instanceof RegistryUnavailableError, `${fast.error}`);
    // Before firstAnswerTimeoutMs: a refused connection is not waited out (generous: shared CI machines).
    assert.ok(fast.ms < 2_900, `a refused connection failed the pick after ${fast.ms} ms`);

    const port = await silentServer(t);
    const quiet = clientFor(
      t,
      openFor(t, () => backend().openAt(backend().urlAt(port))),
      {
        firstAnswerTimeoutMs: 600,
      },
    );
    const slow = await timed(() => quiet.pick('catalog'));
    assert.ok(slow.error instanceof RegistryUnavailableError, `${slow.error}`);
    assert.match(slow.error.message, /gave no answer about 'catalog' within 600 ms/);
    assert.ok(slow.ms >= 550 && slow.ms < 3_000, `gave up after ${slow.ms} ms`);

    const abort = new AbortController();
    setTimeout(() => abort.abort(new Error('the caller gave up')), 100);
    const aborted = await timed(() => quiet.pick('identity', { signal: abort.signal }));
    assert.match(String(aborted.error), /the caller gave up/);
    assert.ok(aborted.ms < 1_500, `an aborted pick ended after ${aborted.ms} ms`);
  });
}
