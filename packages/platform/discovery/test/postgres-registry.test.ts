import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createDiscoveryClient, createPostgresRegistry, RegistryUnavailableError } from '../index.ts';
import { discoveryClientScenarios } from './discovery-client-scenarios.ts';
import { registryScenarios } from './registry-scenarios.ts';
import {
  announcement,
  createTestDatabase,
  newService,
  openFor,
  type RegistryBackend,
  recordingLogger,
  type TestDatabase,
  TTL_MS,
  waitFor,
  watchRecorder,
} from './registry-test-kit.ts';

describe('postgres service registry', () => {
  // Created together up front, as creating a database takes a while: the scenarios share
  // one; the schema race needs one without the table; the outage cuts one off.
  let database: TestDatabase;
  let fresh: TestDatabase;
  let outage: TestDatabase;
  const { logger } = recordingLogger();
  before(async () => {
    [database, fresh, outage] = await Promise.all([
      createTestDatabase('registry'),
      createTestDatabase('registry_race'),
      createTestDatabase('registry_outage'),
    ]);
  });
  after(async () => {
    await Promise.all([database, fresh, outage].map((created) => created?.drop()));
  });

  const open = (url: string, log = logger) =>
    createPostgresRegistry({ url, settings: { ttlMs: TTL_MS }, logger: log });
  const backend = (): RegistryBackend => ({
    kind: 'postgres',
    open: (log) => open(database.url, log),
    openAt: (url) => open(url),
    urlAt: (port) => `postgres://nobody:secret@127.0.0.1:${port}/platform`,
    childEnvironment: { REGISTRY_KIND: 'postgres', REGISTRY_URL: database.url },
  });

  registryScenarios(backend);
  discoveryClientScenarios(backend);

  it('creates its table once when several processes start on a fresh database together', async (t) => {
    const service = newService();
    const registries = [1, 2, 3, 4].map(() => openFor(t, () => open(fresh.url)));
    await Promise.all(registries.map((registry, n) => registry.register(announcement(service, n))));
    assert.equal((await registries[0]?.list(service))?.length, 4);
  });

  it('keeps picking cached instances while the database refuses connections, and resumes after', async (t) => {
    const admin = new pg.Client({ connectionString: outage.adminUrl });
    await admin.connect();
    const allowConnections = (allow: boolean) =>
      admin.query(`alter database "${outage.database}" with allow_connections ${allow}`);
    t.after(async () => {
      await allowConnections(true);
      await admin.end();
    });
    const owner = recordingLogger();
    const registry = openFor(t, () => open(outage.url, owner.logger));
    const watcher = openFor(t, () => open(outage.url));
    const service = newService();
    const ids = [
      (await registry.register(announcement(service, 1))).instance.id,
      (await registry.register(announcement(service, 2))).instance.id,
    ].sort();
    const seen = watchRecorder();
    await watcher.watch(service, seen.onChange, seen.onError);
    const client = createDiscoveryClient(watcher, { logger });
    t.after(() => client.close());
    const pickTwice = async () => {
      const picked = [await client.pick(service), await client.pick(service)];
      for (const lease of picked) lease.release();
      return picked.map(({ instance }) => instance.id).sort();
    };
    assert.deepEqual(await pickTwice(), ids);

    await allowConnections(false);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [
      outage.database,
    ]);
    await waitFor('the watch to report the outage', () => seen.errors.length > 0, { timeoutMs: 3_000 });
    assert.ok(seen.errors[0] instanceof RegistryUnavailableError, `${seen.errors[0]}`);
    await waitFor('a failed heartbeat to be logged', () =>
      owner.lines.some((line) => line.includes('failed (1 in a row); trying again on the next tick')),
    );
    assert.deepEqual(await pickTwice(), ids, 'the cached instances are still picked');
    assert.equal(seen.errors.length, 1, 'an outage is reported once, not on every poll');

    await allowConnections(true);
    const latecomer = (await registry.register(announcement(service, 3))).instance.id;
    await waitFor(
      'the client to pick an instance registered after the outage',
      async () => {
        const lease = await client.pick(service);
        lease.release();
        return lease.instance.id === latecomer;
      },
      { timeoutMs: 5_000 },
    );
    const all = [...ids, latecomer].sort().join();
    await waitFor('heartbeats to put back what expired during the outage', async () => {
      return (await watcher.list(service)).map(({ id }) => id).join() === all;
    });
  });
});
