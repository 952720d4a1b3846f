import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { HttpServer } from '../http/index.ts';
import { decodeDeadLetterCursor, encodeDeadLetterCursor } from './dead-letter-cursor.ts';
import {
  DeadLetterAlreadyReplayed,
  DeadLetterGroupNotConsumed,
  DeadLetterNotFound,
  InvalidCursor,
} from './errors.ts';
import type { EventConsumer } from './event-consumer.ts';
import { type DeadLetterRow, findDeadLetter, listDeadLetters } from './store/dead-letters-store.ts';
import type { MessagingTables } from './store/messaging-schema.ts';

export interface DeadLetterRoutesOptions<Schema> {
  /** The service's database, whose schema includes the messaging tables. */
  db: Kysely<Schema>;
  /** The service's consumers: a replay goes through the one of the letter's group. */
  consumers: readonly EventConsumer[];
  /** An `onRequest` hook refusing callers who are not operators, e.g. `authenticate(verify, 'admin')`. */
  requireAdmin: (request: FastifyRequest) => Promise<void>;
}

const DEFAULT_PAGE_SIZE = 50;
const BEARER = [{ bearer: [] }];
const TAGS = ['dead letters'];

const DeadLetterSummary = Type.Object(
  {
    id: Type.String(),
    group: Type.String({ description: 'The consumer group that gave up on the event' }),
    eventId: Type.Union([Type.String(), Type.Null()], { description: 'null when the body is not an event' }),
    type: Type.Union([Type.String(), Type.Null()]),
    error: Type.String({ description: 'Why it was dead-lettered, or why its last replay failed' }),
    attempts: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    replayedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);

const DeadLetterDetail = Type.Object(
  { ...DeadLetterSummary.properties, body: Type.String({ description: 'The delivery, as it came' }) },
  { additionalProperties: false },
);

const IdParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,18}$', description: 'The dead letter id' }) },
  { additionalProperties: false },
);

function toSummary(row: DeadLetterRow) {
  return {
    id: row.id,
    group: row.consumer_group,
    eventId: row.event_id,
    type: row.type,
    error: row.error,
    attempts: row.attempts,
    createdAt: row.created_at.toISOString(),
    replayedAt: row.replayed_at?.toISOString() ?? null,
  };
}

/**
 * Operator routes over the service's dead letters: list them, show one, and replay one
 * through its consumer's pipeline (same parsing, handler and inbox, so a replay of an event
 * handled meanwhile is a harmless duplicate). Mount only in a service that consumes events.
 */
export function registerDeadLetterRoutes<Schema>(
  app: HttpServer,
  options: DeadLetterRoutesOptions<Schema>,
): void {
  // The routes read the messaging tables only, whatever else the service's schema has.
  const db = options.db as unknown as Kysely<MessagingTables>;
  const { consumers, requireAdmin: onRequest } = options;

  app.get(
    '/admin/dead-letters',
    {
      onRequest,
      schema: {
        tags: TAGS,
        summary: 'Dead letters, newest first, a page at a time (replayed ones included)',
        security: BEARER,
        querystring: Type.Object(
          {
            group: Type.Optional(
              Type.String({ minLength: 1, maxLength: 200, description: 'Only this group' }),
            ),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_PAGE_SIZE })),
            cursor: Type.Optional(
              Type.String({ minLength: 1, maxLength: 200, description: 'nextCursor of the previous page' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            {
              deadLetters: Type.Array(DeadLetterSummary),
              nextCursor: Type.Union([Type.String(), Type.Null()], {
                description: 'Pass as cursor for the next page; null on the last page',
              }),
            },
            { additionalProperties: false },
          ),
        },
      },
    },
    async (request) => {
      const { group, limit = DEFAULT_PAGE_SIZE, cursor } = request.query;
      const before = cursor === undefined ? undefined : decodeDeadLetterCursor(cursor);
      if (cursor !== undefined && before === undefined) {
        throw InvalidCursor(
          'Pass the nextCursor of a previous page unchanged, or no cursor for the first page',
        );
      }
      // One extra row says whether another page follows.
      const rows = await listDeadLetters(db, { group, before, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        deadLetters: page.map(toSummary),
        nextCursor: rows.length > limit && last ? encodeDeadLetterCursor(last.id) : null,
      };
    },
  );

  app.get(
    '/admin/dead-letters/:id',
    {
      onRequest,
      schema: {
        tags: TAGS,
        summary: 'One dead letter, with the delivery as it came and the error',
        security: BEARER,
        params: IdParams,
        response: { 200: DeadLetterDetail },
      },
    },
    async (request) => {
      const row = await findDeadLetter(db, request.params.id);
      if (!row) throw DeadLetterNotFound(`There is no dead letter ${request.params.id}`);
      return { ...toSummary(row), body: row.body };
    },
  );

  app.post(
    '/admin/dead-letters/:id/replay',
    {
      onRequest,
      schema: {
        tags: TAGS,
        summary: 'Runs a dead letter through its consumer again',
        description:
          'handled: the handler ran now; duplicate: the event had been handled already; ' +
          'failed: the handler failed again (error says why; the letter stays, not marked replayed).',
        security: BEARER,
        params: IdParams,
        querystring: Type.Object(
          { force: Type.Optional(Type.Boolean({ description: 'Replay even if it was replayed already' })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            {
              outcome: Type.Union([
                Type.Literal('handled'),
                Type.Literal('duplicate'),
                Type.Literal('failed'),
              ]),
              error: Type.Optional(Type.String()),
            },
            { additionalProperties: false },
          ),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const row = await findDeadLetter(db, id);
      if (!row) throw DeadLetterNotFound(`There is no dead letter ${id}`);
      if (row.replayed_at && request.query.force !== true) {
        throw DeadLetterAlreadyReplayed(
          `Dead letter ${id} was replayed at ${row.replayed_at.toISOString()}; pass force=true to replay it again`,
        );
      }
      const consumer = consumers.find((candidate) => candidate.group === row.consumer_group);
      if (!consumer) {
        throw DeadLetterGroupNotConsumed(`No consumer of this service reads the group ${row.consumer_group}`);
      }
      const outcome = await consumer.replay(id);
      if (outcome !== 'failed') return { outcome };
      // The consumer recorded why the replay failed on the letter itself.
      const failed = await findDeadLetter(db, id);
      return { outcome, error: failed?.error ?? 'replay failed' };
    },
  );
}
