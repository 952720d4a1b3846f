import type { HttpServer } from '@emporium/platform/http';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { rebuildProjections } from '../facts/rebuild-projections.ts';
import type { AnalyticsDatabase } from '../store/database.ts';
import { BEARER, FactsPage, FactsQuery, RebuildResult } from './report-schemas.ts';

const TAGS = ['facts'];

/** The fact store for operators: read it a page at a time, and rebuild every report from it. */
export function adminFactRoutes(
  app: HttpServer,
  options: {
    db: Kysely<AnalyticsDatabase>;
    clock: () => Date;
    requireAdmin: (request: FastifyRequest) => Promise<void>;
  },
): void {
  const { db, requireAdmin: onRequest } = options;

  app.get(
    '/admin/facts',
    {
      onRequest,
      schema: {
        tags: TAGS,
        security: BEARER,
        summary: 'Facts in the order they were stored, a page after `after`',
        querystring: FactsQuery,
        response: { 200: FactsPage },
      },
    },
    async (request) => {
      const { type, after = '0', limit = 100 } = request.query;
      let query = db.selectFrom('facts').selectAll().where('seq', '>', after);
      let count = db.selectFrom('facts').select((eb) => eb.fn.countAll<string>().as('total'));
      if (type) {
        query = query.where('type', '=', type);
        count = count.where('type', '=', type);
      }
      const [rows, total] = await Promise.all([
        query.orderBy('seq').limit(limit).execute(),
        count.executeTakeFirstOrThrow(),
      ]);
      return {
        facts: rows.map((row) => ({
          seq: row.seq,
          eventId: row.event_id,
          type: row.type,
          source: row.source,
          subject: row.subject,
          occurredAt: row.occurred_at.toISOString(),
          data: row.data,
        })),
        total: Number(total.total),
      };
    },
  );

  app.post(
    '/admin/rebuild',
    {
      onRequest,
      schema: {
        tags: TAGS,
        security: BEARER,
        summary: 'Rebuilds every report by replaying the whole fact store',
        description:
          'Empties the projections and replays the facts in the order they were stored, in one ' +
          'transaction: the reports come out as they were (or as a new projection says). New facts wait meanwhile.',
        response: { 200: RebuildResult },
      },
    },
    async () => {
      const { facts } = await rebuildProjections(db);
      return { facts, rebuiltAt: options.clock().toISOString() };
    },
  );
}
