import type { HttpServer } from '@emporium/platform/http';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { CUSTOMER } from '../api/common-schemas.ts';
import { ChoreographyNotFound } from '../errors.ts';
import { findChoreographyWithEvents } from '../store/choreography-store.ts';
import type { OrdersDatabase } from '../store/database.ts';
import { AWAITED, CHOREOGRAPHY_STAGES, isFinished } from './choreography-stage.ts';

const ChoreographyView = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: "The order's sagaId, as POST /checkout answered" }),
    orderId: Type.String({ format: 'uuid' }),
    stage: Type.Union(CHOREOGRAPHY_STAGES.map((stage) => Type.Literal(stage))),
    waitingFor: Type.Union([Type.String(), Type.Null()], { description: 'null once finished' }),
    startedAt: Type.String({ format: 'date-time' }),
    deadlineAt: Type.String({ format: 'date-time', description: 'Cancelled then if not finished' }),
    updatedAt: Type.String({ format: 'date-time' }),
    events: Type.Array(
      Type.Object(
        {
          direction: Type.Union([Type.Literal('received'), Type.Literal('sent')]),
          type: Type.String({ description: 'CloudEvents type' }),
          eventId: Type.String(),
          note: Type.Union([Type.String(), Type.Null()]),
          at: Type.String({ format: 'date-time' }),
        },
        { additionalProperties: false },
      ),
      { description: 'Every event of the checkout orders received and sent, oldest first' },
    ),
  },
  { additionalProperties: false },
);

/**
 * GET /choreographies/:id (admins): a checkout by choreography step by step, as GET /sagas/:id
 * shows an orchestrated one: its stage, what it waits for, and the events it saw and sent.
 */
export function choreographyRoutes(
  app: HttpServer,
  {
    db,
    requireAdmin,
  }: { db: Kysely<OrdersDatabase>; requireAdmin: (request: FastifyRequest) => Promise<void> },
): void {
  app.get(
    '/choreographies/:id',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['sagas'],
        ...CUSTOMER,
        summary: 'A checkout by choreography: its stage and every event it received and sent',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 200: ChoreographyView },
      },
    },
    async (request) => {
      const found = await findChoreographyWithEvents(db, request.params.id);
      if (!found) throw ChoreographyNotFound(`There is no checkout by choreography ${request.params.id}`);
      const { checkout, events } = found;
      return {
        id: checkout.id,
        orderId: checkout.orderId,
        stage: checkout.stage,
        waitingFor: isFinished(checkout.stage) ? null : AWAITED[checkout.stage],
        startedAt: checkout.startedAt.toISOString(),
        deadlineAt: checkout.deadlineAt.toISOString(),
        updatedAt: checkout.updatedAt.toISOString(),
        events: events.map((event) => ({ ...event, at: event.at.toISOString() })),
      };
    },
  );
}
