import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { defineProblem, type HttpServer } from '../http/index.ts';
import type { SagaEngine } from './saga-engine.ts';
import type { SagaRecord, StepLogEntry } from './saga-store.ts';

export const SagaNotFound = defineProblem('SAGA_NOT_FOUND', 404, 'No such saga');
export const SagaNotParked = defineProblem('SAGA_NOT_PARKED', 409, 'Only a parked saga can be retried');

const TAGS = ['sagas'];
const BEARER = [{ bearer: [] }];
const STATUSES = ['running', 'compensating', 'completed', 'compensated', 'parked'] as const;

const SagaSummary = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    status: Type.Union(STATUSES.map((status) => Type.Literal(status))),
    step: Type.Integer({
      description: 'Forward: the next step to run; compensating: started steps left to undo',
    }),
    failure: Type.Union([Type.String(), Type.Null()], {
      description: 'Why it is compensating, compensated or parked',
    }),
    leaseOwner: Type.Union([Type.String(), Type.Null()], { description: 'The engine running it now' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    deadlineAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

const StepLog = Type.Object(
  {
    step: Type.String(),
    phase: Type.Union([Type.Literal('action'), Type.Literal('compensation')]),
    outcome: Type.Union([Type.Literal('succeeded'), Type.Literal('failed')]),
    attempt: Type.Integer(),
    error: Type.Union([Type.String(), Type.Null()]),
    owner: Type.String(),
    startedAt: Type.String({ format: 'date-time' }),
    finishedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

const SagaDetail = Type.Object(
  {
    ...SagaSummary.properties,
    data: Type.Record(Type.String(), Type.Unknown(), { description: 'What the steps share' }),
    steps: Type.Array(StepLog, { description: 'Every attempt of every action and compensation, in order' }),
  },
  { additionalProperties: false },
);

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

function toSummary(saga: SagaRecord) {
  return {
    id: saga.id,
    name: saga.name,
    status: saga.status,
    step: saga.step,
    failure: saga.failure,
    leaseOwner: saga.leaseOwner,
    createdAt: saga.createdAt.toISOString(),
    updatedAt: saga.updatedAt.toISOString(),
    deadlineAt: saga.deadlineAt.toISOString(),
  };
}

function toStep(entry: StepLogEntry) {
  return { ...entry, startedAt: entry.startedAt.toISOString(), finishedAt: entry.finishedAt.toISOString() };
}

/**
 * Operator routes over a service's sagas: recent or stuck ones, one with its step log, and
 * a retry of a parked one (`emporium sagas` reads these).
 */
export function registerSagaRoutes(
  app: HttpServer,
  options: { engine: SagaEngine; requireAdmin: (request: FastifyRequest) => Promise<void> },
): void {
  const { engine, requireAdmin: onRequest } = options;
  app.get(
    '/sagas',
    {
      onRequest,
      schema: {
        tags: TAGS,
        summary:
          'Sagas, newest first: all, one status, or the stuck ones (parked, or unfinished past their deadline)',
        security: BEARER,
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union(STATUSES.map((status) => Type.Literal(status)))),
            stuck: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            before: Type.Optional(
              Type.String({
                format: 'date-time',
                description: 'createdAt of the last saga of the previous page',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ sagas: Type.Array(SagaSummary) }, { additionalProperties: false }) },
      },
    },
    async (request) => {
      const { status, stuck, limit = 50, before } = request.query;
      const sagas = await engine.list({
        status,
        stuck,
        limit,
        before: before === undefined ? undefined : new Date(before),
      });
      return { sagas: sagas.map(toSummary) };
    },
  );

  app.get(
    '/sagas/:id',
    {
      onRequest,
      schema: {
        tags: TAGS,
        summary: 'One saga with its data and step log',
        security: BEARER,
        params: IdParams,
        response: { 200: SagaDetail },
      },
    },
    async (request) => {
      const saga = await engine.get(request.params.id);
      if (!saga) throw SagaNotFound(`There is no saga ${request.params.id}`);
      return { ...toSummary(saga), data: saga.data, steps: saga.steps.map(toStep) };
    },
  );

  app.post(
    '/sagas/:id/retry',
    {
      onRequest,
      schema: {
        tags: TAGS,
        summary: 'Resumes the compensation of a parked saga (after an operator fixed the cause)',
        security: BEARER,
        params: IdParams,
        response: { 202: Type.Object({ id: Type.String(), status: Type.Literal('compensating') }) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await engine.retry(id))) {
        const saga = await engine.get(id);
        if (!saga) throw SagaNotFound(`There is no saga ${id}`);
        throw SagaNotParked(`Saga ${id} is ${saga.status}, not parked`);
      }
      reply.code(202);
      return { id, status: 'compensating' as const };
    },
  );
}
