import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createDiscoveryClient, createNatsRegistry, RegistryUnavailableError } from '../index.ts';
import { discoveryClientScenarios } from './discovery-client-scenarios.ts';
import { natsServerSkipReason, natsSkipReason, startNatsServerProcess } from './nats-server-process.ts';
import { registryScenarios } from './registry-scenarios.ts';
import {
  announcement,
  HEARTBEAT_MS,
  newService,
  openFor,
  type RegistryBackend,
  recordingLogger,
  TTL_MS,
  waitFor,
  watchRecorder,
} from './registry-test-kit.ts';

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const skipReason = await natsSkipReason(url);
/** This run's bucket only, deleted at the end. */
const bucket = `test_registry_${randomBytes(4).toString('hex')}`;

describe('NATS KV service registry', { skip: skipReason }, () => {
  const { logger } = recordingLogger();
  after(async () => {
    const admin = await connect({ servers: url });
    try {
      const manager = await jetstreamManager(admin);
      await manager.streams.delete(`KV_${bucket}`).catch(() => false);
    } finally {
      await admin.close();
    }
  });

  const open = (at: string, log = logger) =>
    createNatsRegistry({ url: at, bucket, settings: { ttlMs: TTL_MS }, logger: log });
  const backend = (): RegistryBackend => ({
    kind: 'nats',
    open: (log) => open(url, log),
    openAt: (at) => open(at),
    urlAt: (port) => `nats://127.0.0.1:${port}`,
    childEnvironment: { REGISTRY_KIND: 'nats', REGISTRY_URL: url, REGISTRY_BUCKET: bucket },
  });

  registryScenarios(backend);
  discoveryClientScenarios(backend);

  it('keeps picking cached instances while the NATS server is down, and resumes after it restarts', {
    skip: natsServerSkipReason(),
  }, async (t) => {
    const server = await startNatsServerProcess();
    t.after(() => server.remove());
    const owner = recordingLogger();
    const registry = openFor(t, () => open(server.url, owner.logger));
    const watcher = openFor(t, () => open(server.url));
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

    await server.stop();
    await waitFor('the watch to report the outage', () => seen.errors.length > 0, { timeoutMs: 3_000 });
    assert.ok(seen.errors[0] instanceof RegistryUnavailableError, `${seen.errors[0]}`);
    // Longer than a TTL without a heartbeat: nothing is dropped while nobody can heartbeat.
    await sleep(TTL_MS + HEARTBEAT_MS);
    assert.deepEqual(await pickTwice(), ids, 'the cached instances are still picked');
    assert.ok(
      owner.lines.some((line) => line.includes('failed (1 in a row); trying again on the next tick')),
      'a failed heartbeat is logged',
    );

    await server.start();
    const latecomer = openFor(t, () => open(server.url));
    const { id } = (await latecomer.register(announcement(service, 3))).instance;
    await waitFor(
      'the client to pick an instance registered after the restart',
      async () => {
        const lease = await client.pick(service);
        lease.release();
        return lease.instance.id === id;
      },
      { timeoutMs: 8_000 },
    );
    const all = [...ids, id].sort().join();
    await waitFor('the first instances to heartbeat again', async () => {
      return (await watcher.list(service)).map((instance) => instance.id).join() === all;
    });
  });
});
