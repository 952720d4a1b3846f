import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createHttpServer, type HttpServer } from '../../http/index.ts';
import { createLogger } from '../../log/index.ts';
import { AuthRequired } from '../../security/errors.ts';
import { type SagaDefinition, StepRefused } from '../saga-definition.ts';
import type { SagaEngine } from '../saga-engine.ts';
import { registerSagaRoutes } from '../saga-routes.ts';
import { effect, engineFor, sagaDatabase } from './saga-test-kit.ts';

const OPERATOR_TOKEN = 'operator';

describe('saga routes', () => {
  let saga: Awaited<ReturnType<typeof sagaDatabase>>;
  let engine: SagaEngine;
  let app: HttpServer;
  let base: string;
  let definition: SagaDefinition<{ refuse: boolean }>;
  before(async () => {
    saga = await sagaDatabase();
    definition = {
      name: 'refund',
      timeoutMs: 10_000,
      steps: [
        {
          name: 'hold',
          action: ({ sagaId, idempotencyKey }) => effect(saga.db, sagaId, 'hold', idempotencyKey),
          compensate: async () => {
            throw new Error('the ledger is read-only');
          },
        },
        {
          name: 'pay',
          async action({ data }) {
            if (data.refuse) throw new StepRefused('card declined');
          },
        },
      ],
    };
    engine = engineFor(saga.db, [definition], { compensationMaxAttempts: 2 });
    engine.start();
    app = await createHttpServer({
      service: 'sagas',
      version: '1.0.0',
      description: 'test',
      logger: createLogger({ service: 'sagas', level: 'silent', pretty: false }),
      bodyLimit: 2048,
      readiness: [],
    });
    registerSagaRoutes(app, {
      engine,
      requireAdmin: async (request) => {
        if (request.headers.authorization !== `Bearer ${OPERATOR_TOKEN}`) throw AuthRequired();
      },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await app.close();
    await engine.stop();
    await saga.drop();
  });

  const get = (path: string, token = OPERATOR_TOKEN) =>
    fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('shows a saga with its step log, lists it as stuck once parked, and refuses strangers', async () => {
    const done = await engine.begin(definition, { refuse: false });
    const parked = await engine.begin(definition, { refuse: true });
    engine.kick();
    assert.equal((await engine.settled(done, 5_000))?.status, 'completed');
    assert.equal((await engine.settled(parked, 5_000))?.status, 'parked');

    const detail = (await (await get(`/sagas/${parked}`)).json()) as {
      status: string;
      failure: string;
      steps: Array<{ step: string; phase: string; outcome: string }>;
    };
    assert.equal(detail.status, 'parked');
    assert.match(
      detail.failure,
      /pay: card declined; compensation of hold keeps failing: the ledger is read-only/,
    );
    assert.deepEqual(
      detail.steps.map((entry) => `${entry.phase}:${entry.step}:${entry.outcome}`),
      ['action:hold:succeeded', 'action:pay:failed', 'compensation:hold:failed', 'compensation:hold:failed'],
    );

    const stuck = (await (await get('/sagas?stuck=true')).json()) as { sagas: Array<{ id: string }> };
    assert.deepEqual(
      stuck.sagas.map((entry) => entry.id),
      [parked],
    );
    assert.equal((await get(`/sagas/${parked}`, 'stranger')).status, 401);
  });

  it('retries only a parked saga, and answers 404 for an unknown one', async () => {
    const [completed] = (await engine.list({ status: 'completed', limit: 1 })).map((entry) => entry.id);
    const conflict = await fetch(`${base}/sagas/${completed}/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
    });
    assert.equal(conflict.status, 409);
    assert.equal(((await conflict.json()) as { code: string }).code, 'SAGA_NOT_PARKED');
    const missing = await get('/sagas/00000000-0000-0000-0000-000000000000');
    assert.equal(missing.status, 404);
    assert.equal((await get('/sagas/not-a-uuid')).status, 400);
  });
});
