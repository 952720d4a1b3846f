import type { HttpServer } from '@emporium/platform/http';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { DeliveryWorker } from '../delivery/delivery-worker.ts';
import type { NotificationDeps } from '../delivery/notification-deps.ts';
import { DeliveryNotFailed, DeliveryNotFound } from '../errors.ts';
import {
  findDelivery,
  type LoggedDelivery,
  listDeliveries,
  requeueFailed,
} from '../store/deliveries-store.ts';
import { countDeliveries } from '../store/notifications-store.ts';
import {
  BEARER,
  Cursor,
  DeliveryIdParams,
  DeliveryLogPage,
  DeliveryStatus,
  Limit,
  type LoggedDeliveryView,
} from './notification-schemas.ts';
import { decodeCursor, encodeCursor, isInstant, isUuid } from './page-cursor.ts';

const TAGS = ['delivery log'];

/**
 * The operator's view of the delivery log: every delivery with its status and last error,
 * the failed ones (dead-lettered after their retries) first among what to look at, and a
 * retry for one of those once its cause is fixed.
 */
export function adminDeliveryRoutes(
  app: HttpServer,
  options: {
    deps: NotificationDeps;
    worker: () => DeliveryWorker | undefined;
    requireAdmin: (request: FastifyRequest) => Promise<void>;
  },
): void {
  const { deps, requireAdmin: onRequest } = options;

  app.get(
    '/admin/deliveries',
    {
      onRequest,
      schema: {
        tags: TAGS,
        summary: 'The delivery log, newest first, with counts by status',
        description:
          'status=failed lists the dead-lettered deliveries, each with the reason it was given up.',
        security: BEARER,
        querystring: Type.Object(
          {
            status: Type.Optional(DeliveryStatus),
            userId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            limit: Type.Optional(Limit),
            cursor: Type.Optional(Cursor),
          },
          { additionalProperties: false },
        ),
        response: { 200: DeliveryLogPage },
      },
    },
    async (request) => {
      const { status, userId, limit = 20, cursor } = request.query;
      const before =
        cursor === undefined
          ? undefined
          : decodeCursor(cursor, 2, ([at = '', id = '']) => isInstant(at) && isUuid(id));
      const rows = await listDeliveries(deps.db, {
        status,
        userId,
        before: before && { createdAt: new Date(before[0] ?? ''), id: before[1] ?? '' },
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        counts: await countDeliveries(deps.db),
        deliveries: page.map(toView),
        nextCursor:
          rows.length > limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
      };
    },
  );

  app.post(
    '/admin/deliveries/:id/retry',
    {
      onRequest,
      schema: {
        tags: TAGS,
        summary: 'Sends a failed (dead-lettered) delivery again',
        description: 'It becomes pending and is tried now, once more; if that fails it is failed again.',
        security: BEARER,
        params: DeliveryIdParams,
        response: {
          200: Type.Object({ id: Type.String(), status: DeliveryStatus }, { additionalProperties: false }),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const delivery = await findDelivery(deps.db, id);
      if (!delivery) throw DeliveryNotFound(`There is no delivery ${id}`);
      if (!(await requeueFailed(deps.db, id, deps.clock()))) {
        throw DeliveryNotFailed(`Delivery ${id} is ${delivery.status}, not failed`);
      }
      options.worker()?.wake();
      return { id, status: 'pending' as const };
    },
  );
}

function toView(row: LoggedDelivery): typeof LoggedDeliveryView.static {
  return {
    id: row.id,
    notificationId: row.notification_id,
    userId: row.user_id,
    kind: row.kind,
    subject: row.subject,
    channel: row.channel,
    status: row.status,
    attempts: row.attempts,
    address: row.address,
    providerMessageId: row.provider_message_id,
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
    sentAt: row.sent_at?.toISOString() ?? null,
    error: row.last_error,
    createdAt: row.created_at.toISOString(),
  };
}
