/**
 * What every registry back end must do, run by postgres-registry.test.ts and
 * nats-registry.test.ts against a real server.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, it, type TestContext } from 'node:test';
import { RegistryUnavailableError, type ServiceInstance } from '../index.ts';
import {
  announcement,
  freePort,
  HEARTBEAT_MS,
  newService,
  openFor,
  type RegistryBackend,
  TTL_MS,
  timed,
  waitFor,
  watchRecorder,
} from './registry-test-kit.ts';

export function registryScenarios(backend: () => RegistryBackend): void {
  it('lists a registered instance with what it announced, and watchers see it', async (t) => {
    const registry = openFor(t, () => backend().open());
    const service = newService();
    const early = watchRecorder();
    await registry.watch(service, early.onChange);
    assert.deepEqual(early.answers, [[]], 'a watch answers at once, before anything registers');

    const instance = announcement(service, 1);
    const before = Date.now();
    const registration = await registry.register({ ...instance });
    assert.deepEqual(registration.instance, instance);
    const [listed, ...others] = await registry.list(service);
    assert.deepEqual(others, []);
    assert.ok(listed);
    const { heartbeatAt, ...announced } = listed;
    assert.deepEqual(announced, instance);
    // The registry's clock is this machine's here.
    assert.ok(Math.abs(heartbeatAt.getTime() - before) < 2_000, `heartbeatAt ${heartbeatAt.toISOString()}`);

    await waitFor('the early watcher to see the instance', () => early.has(instance.id), {
      timeoutMs: 2_000,
    });
    const late = watchRecorder();
    await registry.watch(service, late.onChange);
    assert.deepEqual(
      late.answers[0]?.map(({ heartbeatAt: _, ...rest }) => rest),
      [instance],
    );
  });

  it('keeps a heartbeating instance past its TTL and tells watchers of each heartbeat', async (t) => {
    const registry = openFor(t, () => backend().open());
    const service = newService();
    const seen = watchRecorder();
    await registry.watch(service, seen.onChange);
    const { id } = (await registry.register(announcement(service, 1))).instance;
    const heartbeats = () =>
      new Set(seen.answers.flatMap((answer) => answer.map((instance) => instance.heartbeatAt.getTime())));
    await waitFor('four heartbeats (one TTL)', () => heartbeats().size >= 4, {
      timeoutMs: TTL_MS + 4 * HEARTBEAT_MS,
    });
    const sinceRegistered = seen.answers.slice(seen.answers.findIndex((answer) => answer.length > 0));
    assert.ok(
      sinceRegistered.every((answer) => answer.length === 1 && answer[0]?.id === id),
      'listed in every answer since it registered',
    );
  });

  it('tells watchers at once when an instance deregisters', async (t) => {
    const registry = openFor(t, () => backend().open());
    const service = newService();
    const seen = watchRecorder();
    await registry.watch(service, seen.onChange);
    const registration = await registry.register(announcement(service, 1));
    await waitFor('the watcher to see it', () => seen.has(registration.instance.id), { timeoutMs: 2_000 });
    await registration.deregister();
    // Less than a TTL minus a heartbeat: its expiry could not have removed it yet.
    await waitFor('the watcher to see it leave', () => seen.ids()?.length === 0, {
      timeoutMs: TTL_MS - HEARTBEAT_MS - 250,
    });
    assert.deepEqual(await registry.list(service), []);
    await registration.deregister();
  });

  it('keeps services apart, and lists every service in listAll', async (t) => {
    const registry = openFor(t, () => backend().open());
    const [first, second] = [newService(), newService()];
    const seenFirst = watchRecorder();
    await registry.watch(first, seenFirst.onChange);
    const a1 = await registry.register(announcement(first, 1));
    const a2 = await registry.register(announcement(first, 2));
    const b1 = await registry.register(announcement(second, 3));
    const ids = (instances: ServiceInstance[]) => instances.map((instance) => instance.id);

    const firstIds = [a1.instance.id, a2.instance.id].sort();
    assert.deepEqual(ids(await registry.list(first)), firstIds);
    assert.deepEqual(ids(await registry.list(second)), [b1.instance.id]);
    const all = (await registry.listAll()).filter(({ service }) => service === first || service === second);
    const expected = [...firstIds.map((id) => [first, id]), [second, b1.instance.id]].sort();
    assert.deepEqual(all.map(({ service, id }) => [service, id]).sort(), expected);

    await waitFor('the watcher to see both', () => seenFirst.ids()?.length === 2, { timeoutMs: 2_000 });
    assert.ok(
      seenFirst.answers.every((answer) => answer.every(({ service }) => service === first)),
      "a watch of one service never reports another's instances",
    );
  });

  it('deregisters what it registered when it closes', async (t) => {
    const watcher = openFor(t, () => backend().open());
    const service = newService();
    const seen = watchRecorder();
    await watcher.watch(service, seen.onChange);
    const closing = backend().open();
    const { instance } = await closing.register(announcement(service, 1));
    await waitFor('the watcher to see it', () => seen.has(instance.id), { timeoutMs: 2_000 });
    await closing.close();
    await waitFor('the watcher to see it leave', () => seen.ids()?.length === 0, {
      timeoutMs: TTL_MS - HEARTBEAT_MS - 250,
    });
    await assert.rejects(closing.register(announcement(service, 2)), /closed/);
  });

  // The process that will die: started with the suite, as starting one takes a second or more
  // that need not be waited for on its own.
  const doomed = announcement(newService(), 1);
  let child: ChildProcess | undefined;
  before(() => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'registered-instance.ts')],
      {
        env: {
          ...process.env,
          ...backend().childEnvironment,
          REGISTRY_TTL_MS: String(TTL_MS),
          INSTANCE: JSON.stringify(doomed),
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  });
  after(() => child?.kill('SIGKILL'));

  it('drops an instance whose process died without deregistering once its TTL has passed', async (t) => {
    const watcher = openFor(t, () => backend().open());
    const { service, id } = doomed;
    const seen = watchRecorder();
    await watcher.watch(service, seen.onChange);
    await waitFor('the child process to register', () => seen.has(id), { timeoutMs: 15_000 });
    assert.ok(child);

    const exit = once(child, 'exit');
    child.kill('SIGKILL');
    await exit;
    const killedAt = Date.now();
    const lastHeard = () =>
      seen.answers
        .flat()
        .filter((instance) => instance.id === id)
        .at(-1)?.heartbeatAt;
    await waitFor('the watcher to drop the dead instance', () => seen.ids()?.length === 0, {
      timeoutMs: TTL_MS + 3 * HEARTBEAT_MS,
    });
    const goneAt = Date.now();
    const heardAt = lastHeard()?.getTime() ?? 0;
    assert.ok(
      goneAt >= heardAt + TTL_MS - 50,
      `listed until its TTL (${goneAt - heardAt} ms after its last heartbeat)`,
    );
    assert.ok(goneAt - killedAt < TTL_MS + 2 * HEARTBEAT_MS, `gone ${goneAt - killedAt} ms after the kill`);
    assert.deepEqual(await watcher.list(service), []);
  });

  it('fails fast with RegistryUnavailableError when nothing listens at its address', async (t) => {
    // Found free and left closed: connecting to it is refused.
    const closedPort = await freePort();
    const registry = openFor(t, () => backend().openAt(backend().urlAt(closedPort)));
    for (const call of [
      () => registry.register(announcement(newService(), 1)),
      () => registry.list(newService()),
      () => registry.listAll(),
      () => registry.watch(newService(), () => assert.fail('no answer can come')),
    ]) {
      const { ms, error } = await timed(call);
      assert.ok(error instanceof RegistryUnavailableError, `${error}`);
      assert.match(
        error.message,
        new RegExp(`the ${backend().kind} service registry at .*127\\.0\\.0\\.1:${closedPort}`),
      );
      assert.ok(ms < 4_000, `failed after ${ms} ms`);
    }
  });

  it('gives up with RegistryUnavailableError on a server that accepts and never answers', async (t) => {
    const silent = await silentServer(t);
    const registry = openFor(t, () => backend().openAt(backend().urlAt(silent)));
    const { ms, error } = await timed(() => registry.register(announcement(newService(), 1)));
    assert.ok(error instanceof RegistryUnavailableError, `${error}`);
    assert.ok(ms < 5_000, `failed after ${ms} ms`);
  });
}

/** A TCP server on a free port that accepts connections and never writes a byte. */
export async function silentServer(t: TestContext): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(async () => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return address.port;
}
