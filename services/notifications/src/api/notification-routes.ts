import type { HttpServer } from '@emporium/platform/http';
import { principalOf } from '@emporium/platform/security';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { NotificationsDatabase } from '../store/database.ts';
import { listNotificationsOf } from '../store/notifications-store.ts';
import { BEARER, Cursor, Limit, NotificationPage } from './notification-schemas.ts';
import { decodeCursor, encodeCursor, isSeq } from './page-cursor.ts';

/** The signed-in user's own notifications: what was written to them, and where it went. */
export function notificationRoutes(
  app: HttpServer,
  options: { db: Kysely<NotificationsDatabase>; requireUser: (request: FastifyRequest) => Promise<void> },
): void {
  app.get(
    '/notifications',
    {
      onRequest: options.requireUser,
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications, newest first, with the status of each channel',
        security: BEARER,
        querystring: Type.Object(
          { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) },
          { additionalProperties: false },
        ),
        response: { 200: NotificationPage },
      },
    },
    async (request) => {
      const { userId } = principalOf(request);
      const { limit = 20, cursor } = request.query;
      const beforeSeq =
        cursor === undefined ? undefined : decodeCursor(cursor, 1, ([seq = '']) => isSeq(seq))[0];
      // One extra row says whether another page follows.
      const rows = await listNotificationsOf(options.db, userId, { beforeSeq, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        notifications: page.map((row) => ({
          id: row.id,
          kind: row.kind,
          orderId: row.order_id,
          locale: row.locale,
          subject: row.subject,
          text: row.body_text,
          createdAt: row.created_at.toISOString(),
          deliveries: row.deliveries.map((delivery) => ({
            id: delivery.id,
            channel: delivery.channel,
            status: delivery.status,
            attempts: delivery.attempts,
            sentAt: delivery.sent_at?.toISOString() ?? null,
            error: delivery.last_error,
          })),
        })),
        nextCursor: rows.length > limit && last ? encodeCursor([last.seq]) : null,
      };
    },
  );
}
