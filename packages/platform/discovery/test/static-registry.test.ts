import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import {
  createDiscoveryClient,
  createStaticRegistry,
  NoInstanceError,
  type ServiceRegistry,
} from '../index.ts';
import { waitFor, watchRecorder } from './registry-test-kit.ts';

/** Kubernetes Service DNS names, as STATIC_SERVICES would give them. */
const SERVICES = {
  catalog: [
    { rpcUrl: 'http://catalog:4102', httpUrl: 'http://catalog:4002', version: '2.1.0', zone: 'eu-1' },
    { rpcUrl: 'http://catalog-canary:4102', id: 'canary' },
  ],
  identity: [{ rpcUrl: 'http://identity:4101', httpUrl: 'http://identity:4001' }],
};

describe('static service registry', () => {
  function registry(t: TestContext): ServiceRegistry {
    const created = createStaticRegistry(SERVICES, { heartbeatMs: 100 });
    t.after(() => created.close());
    return created;
  }

  it('lists the fixed addresses, with defaults for what an entry leaves out', async (t) => {
    const fixed = registry(t);
    const before = Date.now();
    const catalog = await fixed.list('catalog');
    assert.deepEqual(
      catalog.map(({ heartbeatAt: _, ...instance }) => instance),
      [
        {
          service: 'catalog',
          id: 'canary',
          rpcUrl: 'http://catalog-canary:4102',
          httpUrl: 'http://catalog-canary:4102',
          version: 'unknown',
          zone: 'unknown',
        },
        {
          service: 'catalog',
          id: 'catalog@catalog:4102',
          rpcUrl: 'http://catalog:4102',
          httpUrl: 'http://catalog:4002',
          version: '2.1.0',
          zone: 'eu-1',
        },
      ],
    );
    assert.ok(
      catalog.every(({ heartbeatAt }) => heartbeatAt.getTime() >= before),
      'always just heard from',
    );
    assert.deepEqual(await fixed.list('orders'), []);
    assert.deepEqual(
      (await fixed.listAll()).map(({ service, id }) => `${service}/${id}`),
      ['catalog/canary', 'catalog/catalog@catalog:4102', 'identity/identity@identity:4101'],
    );
  });

  it('registers nothing: the handle does no harm and the list stays fixed', async (t) => {
    const fixed = registry(t);
    const instance = {
      service: 'catalog',
      id: 'pod-7',
      rpcUrl: 'http://10.0.0.7:4102',
      httpUrl: 'http://10.0.0.7:4002',
      version: '2.1.0',
      zone: 'eu-1',
    };
    const registration = await fixed.register(instance);
    assert.deepEqual(registration.instance, instance);
    assert.equal((await fixed.list('catalog')).length, 2);
    await registration.deregister();
    assert.equal((await fixed.list('catalog')).length, 2);
  });

  it('answers a watch at once, then reports the same addresses again each heartbeat', async (t) => {
    const fixed = registry(t);
    const seen = watchRecorder();
    const watch = await fixed.watch('identity', seen.onChange);
    assert.deepEqual(seen.ids(), ['identity@identity:4101']);
    await waitFor('two more reports', () => seen.answers.length >= 3, { timeoutMs: 2_000 });
    const heartbeats = seen.answers.map(([instance]) => instance?.heartbeatAt.getTime() ?? 0);
    assert.ok(heartbeats[2]! > heartbeats[0]!, 'each report carries a later heartbeat');
    await watch.close();
    const reports = seen.answers.length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(seen.answers.length, reports, 'a closed watch reports nothing more');
  });

  it('lets a client balance over the addresses, and try an evicted one again after a heartbeat', async (t) => {
    const client = createDiscoveryClient(registry(t), { firstAnswerTimeoutMs: 500 });
    t.after(() => client.close());
    const first = await client.pick('catalog');
    const second = await client.pick('catalog');
    assert.notEqual(first.instance.id, second.instance.id);
    first.release({ evict: true });
    second.release();
    const next = await client.pick('catalog');
    next.release();
    assert.equal(next.instance.id, second.instance.id, 'the evicted address is skipped');
    await waitFor('the evicted address to be picked again', async () => {
      const lease = await client.pick('catalog');
      lease.release();
      return lease.instance.id === first.instance.id;
    });
    await assert.rejects(client.pick('orders'), (error) => {
      assert.ok(error instanceof NoInstanceError);
      assert.equal(
        error.message,
        "no live instance of 'orders' is registered (live services: catalog, identity)",
      );
      return true;
    });
  });

  it('refuses an address that is not an http(s) URL', () => {
    assert.throws(
      () => createStaticRegistry({ catalog: [{ rpcUrl: 'catalog:4102' }] }),
      /rpcUrl of catalog instance catalog@catalog:4102 is not an http\(s\) URL: "catalog:4102"/,
    );
  });
});
