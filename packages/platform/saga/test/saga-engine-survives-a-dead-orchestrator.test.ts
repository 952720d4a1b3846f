import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { waitFor } from '../../testing/wait-for.ts';
import type { SagaDefinition } from '../saga-definition.ts';
import { effect, effectsOf, engineFor, type Schema, sagaDatabase } from './saga-test-kit.ts';

const ENGINE_PROCESS = join(import.meta.dirname, 'fixtures', 'engine-process.ts');

function checkout(
  db: Kysely<Schema>,
  options: { hangAt?: string } = {},
): SagaDefinition<{ orderId: string }> {
  return {
    name: 'checkout',
    timeoutMs: 60_000,
    steps: ['reserve', 'authorise', 'ship', 'confirm'].map((name) => ({
      name,
      async action({ sagaId, idempotencyKey }) {
        await effect(db, sagaId, name, idempotencyKey);
        if (name === options.hangAt) await new Promise(() => {});
      },
      async compensate({ sagaId, idempotencyKey }) {
        await effect(db, sagaId, `undo:${name}`, idempotencyKey);
      },
    })),
  };
}

describe('saga engine: leases, timeouts, and a dead orchestrator', () => {
  let saga: Awaited<ReturnType<typeof sagaDatabase>>;
  const children: ChildProcess[] = [];
  before(async () => {
    saga = await sagaDatabase();
  });
  after(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await saga.drop();
  });

  it('lets a live engine finish the saga of an orchestrator killed mid-step, running each step once', async () => {
    const url = saga.database.pool.options.connectionString as string;
    const child = spawn(process.execPath, ['--import', 'tsx', ENGINE_PROCESS], {
      env: { ...process.env, SAGA_DATABASE_URL: url, HANG_AT: 'ship', OWNER: 'doomed', LEASE_MS: '600' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));

    // Begun here, run there: the child claims it on its next poll.
    const survivor = engineFor(saga.db, [checkout(saga.db)], { owner: 'survivor', leaseMs: 600 });
    const id = await survivor.begin(checkout(saga.db), { orderId: 'o-crash' });
    await waitFor('the doomed engine to start shipping', async () =>
      (await effectsOf(saga.db, id)).includes('ship'),
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    survivor.start();
    try {
      const settled = await survivor.settled(id, 10_000);
      assert.equal(settled?.status, 'completed');
      assert.deepEqual(await effectsOf(saga.db, id), ['reserve', 'authorise', 'ship', 'confirm']);
      const owners = (await survivor.get(id))?.steps.map((entry) => `${entry.owner}:${entry.step}`);
      assert.deepEqual(owners, ['doomed:reserve', 'doomed:authorise', 'survivor:ship', 'survivor:confirm']);
    } finally {
      await survivor.stop();
    }
  });

  it('hands its sagas over at once when stopped gracefully', async () => {
    const first = engineFor(saga.db, [checkout(saga.db, { hangAt: 'authorise' })], {
      owner: 'first',
      leaseMs: 30_000,
    });
    first.start();
    const id = await first.begin(checkout(saga.db), { orderId: 'o-handover' });
    first.kick();
    await waitFor('the first engine to start authorising', async () =>
      (await effectsOf(saga.db, id)).includes('authorise'),
    );
    await first.stop();
    // The lease is 30 s: only a released lease lets the second engine in within the wait below.
    const second = engineFor(saga.db, [checkout(saga.db)], { owner: 'second', leaseMs: 30_000 });
    second.start();
    try {
      assert.equal((await second.settled(id, 5_000))?.status, 'completed');
      assert.deepEqual(await effectsOf(saga.db, id), ['reserve', 'authorise', 'ship', 'confirm']);
    } finally {
      await second.stop();
    }
  });

  it('times out a step that never answers, and compensates a saga past its own deadline', async () => {
    const hanging = { ...checkout(saga.db, { hangAt: 'ship' }), name: 'hanging' };
    const slow: SagaDefinition<{ orderId: string }> = {
      name: 'slow',
      timeoutMs: 250,
      steps: ['reserve', 'authorise', 'ship'].map((name) => ({
        name,
        async action({ sagaId, idempotencyKey }) {
          await new Promise((resolve) => setTimeout(resolve, 150));
          await effect(saga.db, sagaId, name, idempotencyKey);
        },
        async compensate({ sagaId, idempotencyKey }) {
          await effect(saga.db, sagaId, `undo:${name}`, idempotencyKey);
        },
      })),
    };
    const both = engineFor(saga.db, [hanging, slow], {
      owner: 'timeouts',
      stepTimeoutMs: 1_000,
      maxAttempts: 2,
    });
    both.start();
    try {
      const hangingId = await both.begin(hanging, { orderId: 'o-hang' });
      const slowId = await both.begin(slow, { orderId: 'o-slow' });
      both.kick();
      const hung = await both.settled(hangingId, 10_000);
      assert.equal(hung?.status, 'compensated');
      assert.match(hung?.failure ?? '', /^ship: timed out after 1000 ms/);
      assert.deepEqual(await effectsOf(saga.db, hangingId), [
        'reserve',
        'authorise',
        'ship',
        'undo:ship',
        'undo:authorise',
        'undo:reserve',
      ]);
      const late = await both.settled(slowId, 10_000);
      assert.equal(late?.status, 'compensated');
      assert.match(late?.failure ?? '', /the saga timed out/);
    } finally {
      await both.stop();
    }
  });

  it('shares many sagas between two engines without running any step twice', async () => {
    const a = engineFor(saga.db, [checkout(saga.db)], { owner: 'a', concurrency: 4 });
    const b = engineFor(saga.db, [checkout(saga.db)], { owner: 'b', concurrency: 4 });
    const ids = await Promise.all(
      Array.from({ length: 24 }, (_, n) => a.begin(checkout(saga.db), { orderId: `o-${n}` })),
    );
    a.start();
    b.start();
    try {
      for (const id of ids) assert.equal((await a.settled(id, 15_000))?.status, 'completed', id);
      for (const id of ids)
        assert.deepEqual(await effectsOf(saga.db, id), ['reserve', 'authorise', 'ship', 'confirm']);
      const owners = new Set<string>();
      for (const id of ids) for (const entry of (await a.get(id))?.steps ?? []) owners.add(entry.owner);
      assert.deepEqual([...owners].sort(), ['a', 'b'], 'both engines took a share');
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
