import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { type SagaDefinition, StepRefused } from '../saga-definition.ts';
import type { SagaEngine } from '../saga-engine.ts';
import { effect, effectsOf, engineFor, type Schema, sagaDatabase } from './saga-test-kit.ts';

interface Order {
  orderId: string;
  failAt?: string;
  refuseAt?: string;
  flakyUntilAttempt?: number;
  reservationId?: string;
  paymentId?: string;
}

/** A checkout-shaped saga whose steps record their effects once per idempotency key. */
function checkout(
  db: Kysely<Schema>,
  overrides: { brokenCompensation?: string } = {},
): SagaDefinition<Order> {
  const step = (name: string, output: Partial<Order> = {}) => ({
    name,
    async action({
      sagaId,
      data,
      idempotencyKey,
      attempt,
    }: Parameters<SagaDefinition<Order>['steps'][0]['action']>[0]) {
      if (data.refuseAt === name) throw new StepRefused(`${name} refused: card declined`);
      if (data.failAt === name) throw new Error(`${name} is down`);
      if (name === 'authorise' && (data.flakyUntilAttempt ?? 0) >= attempt)
        throw new Error('payments unavailable');
      await effect(db, sagaId, name, idempotencyKey);
      return output;
    },
    async compensate({ sagaId, idempotencyKey }: Parameters<SagaDefinition<Order>['steps'][0]['action']>[0]) {
      if (overrides.brokenCompensation === name) throw new Error(`undo of ${name} keeps failing`);
      await effect(db, sagaId, `undo:${name}`, idempotencyKey);
    },
  });
  return {
    name: 'checkout',
    timeoutMs: 10_000,
    steps: [
      step('reserve', { reservationId: 'r-1' }),
      step('authorise', { paymentId: 'p-1' }),
      step('ship'),
      {
        name: 'confirm',
        action: async ({ sagaId, idempotencyKey }) => effect(db, sagaId, 'confirm', idempotencyKey),
      },
    ],
  };
}

describe('saga engine, against a real PostgreSQL', () => {
  let saga: Awaited<ReturnType<typeof sagaDatabase>>;
  let engine: SagaEngine;
  let definition: SagaDefinition<Order>;
  before(async () => {
    saga = await sagaDatabase();
    definition = checkout(saga.db);
    engine = engineFor(saga.db, [
      definition,
      { ...checkout(saga.db, { brokenCompensation: 'reserve' }), name: 'stubborn' },
    ]);
    engine.start();
  });
  after(async () => {
    await engine.stop();
    await saga.drop();
  });

  async function runToEnd(data: Order, name = 'checkout') {
    const id = await engine.begin({ ...definition, name }, data);
    engine.kick();
    const settled = await engine.settled(id, 10_000);
    assert.ok(settled, 'the saga settled');
    return { id, settled, view: await engine.get(id), effects: await effectsOf(saga.db, id) };
  }

  it('runs every step once, in order, merging what steps return into the saga data', async () => {
    const { settled, effects, view } = await runToEnd({ orderId: 'o-1' });
    assert.equal(settled.status, 'completed');
    assert.deepEqual(effects, ['reserve', 'authorise', 'ship', 'confirm']);
    assert.equal(settled.data.reservationId, 'r-1');
    assert.equal(settled.data.paymentId, 'p-1');
    assert.deepEqual(
      view?.steps.map((entry) => `${entry.phase}:${entry.step}:${entry.outcome}`),
      [
        'action:reserve:succeeded',
        'action:authorise:succeeded',
        'action:ship:succeeded',
        'action:confirm:succeeded',
      ],
    );
  });

  it('compensates the started steps in reverse, the failed one included, when a step refuses', async () => {
    const { settled, effects, view } = await runToEnd({ orderId: 'o-2', refuseAt: 'ship' });
    assert.equal(settled.status, 'compensated');
    assert.match(settled.failure ?? '', /^ship: ship refused: card declined/);
    assert.deepEqual(effects, ['reserve', 'authorise', 'undo:ship', 'undo:authorise', 'undo:reserve']);
    // A refusal is final: one attempt, no retry.
    assert.equal(view?.steps.filter((entry) => entry.step === 'ship' && entry.phase === 'action').length, 1);
  });

  it('retries a failing step by policy, then compensates when it keeps failing', async () => {
    const { settled, effects, view } = await runToEnd({ orderId: 'o-3', failAt: 'authorise' });
    assert.equal(settled.status, 'compensated');
    assert.deepEqual(effects, ['reserve', 'undo:authorise', 'undo:reserve']);
    const attempts =
      view?.steps.filter((entry) => entry.step === 'authorise' && entry.phase === 'action') ?? [];
    assert.deepEqual(
      attempts.map((entry) => [entry.attempt, entry.outcome]),
      [
        [1, 'failed'],
        [2, 'failed'],
        [3, 'failed'],
      ],
    );
  });

  it('gets through a transient failure with a retry', async () => {
    const { settled, effects } = await runToEnd({ orderId: 'o-4', flakyUntilAttempt: 1 });
    assert.equal(settled.status, 'completed');
    assert.deepEqual(effects, ['reserve', 'authorise', 'ship', 'confirm']);
  });

  it('parks a saga whose compensation keeps failing, with the reason, and resumes it on retry', async () => {
    const { id, settled, effects } = await runToEnd({ orderId: 'o-5', refuseAt: 'authorise' }, 'stubborn');
    assert.equal(settled.status, 'parked');
    assert.match(
      settled.failure ?? '',
      /compensation of reserve keeps failing: undo of reserve keeps failing/,
    );
    assert.deepEqual(effects, ['reserve', 'undo:authorise']);
    assert.equal(
      (await engine.list({ stuck: true, limit: 10 })).some((stuck) => stuck.id === id),
      true,
    );
    assert.equal(await engine.retry(id), true);
    assert.equal((await engine.settled(id, 5_000))?.status, 'parked', 'still broken, so parked again');
    assert.equal(await engine.retry('00000000-0000-0000-0000-000000000000'), false);
  });
});
