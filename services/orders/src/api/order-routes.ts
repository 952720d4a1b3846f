import type { HttpServer } from '@emporium/platform/http';
import { idempotencyKeyOf } from '@emporium/platform/idempotency';
import type { SagaDefinition } from '@emporium/platform/saga';
import { principalOf } from '@emporium/platform/security';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { decodeOrderCursor, encodeOrderCursor } from '../domain/order-cursor.ts';
import { InvalidCursor, OrderNotFound } from '../errors.ts';
import type { CancellationData } from '../orders/cancellation-saga.ts';
import { type OrderRequestDeps, requestCancellation } from '../orders/request-cancellation.ts';
import { findOrderWithHistory, listOrders, type OrderQuery } from '../store/orders-store.ts';
import { CUSTOMER, IdempotencyKeyHeader } from './common-schemas.ts';
import {
  CancelBody,
  OrderDetailView,
  OrderIdParams,
  OrderListQuery,
  OrderListView,
  SagaAccepted,
} from './order-schemas.ts';
import { toOrderDetailView, toOrderView } from './order-view.ts';

export interface OrderRouteOptions {
  deps: OrderRequestDeps & { cancellation: SagaDefinition<CancellationData> };
  requireUser: (request: FastifyRequest) => Promise<void>;
}

const TAGS = { tags: ['orders'], ...CUSTOMER };

/** One page of orders, newest first; the cursor is refused when it is not one of ours. */
export async function orderPage(
  deps: Pick<OrderRequestDeps, 'db'>,
  query: Omit<OrderQuery, 'after' | 'limit'> & { cursor?: string | undefined; limit: number },
) {
  const after = query.cursor === undefined ? undefined : decodeOrderCursor(query.cursor);
  if (query.cursor !== undefined && !after) throw InvalidCursor('cursor is not a nextCursor of this listing');
  // One more than asked tells whether there is a next page.
  const orders = await listOrders(deps.db, { ...query, after, limit: query.limit + 1 });
  const page = orders.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toOrderView),
    nextCursor: orders.length > query.limit && last ? encodeOrderCursor(last) : null,
  };
}

/** A customer's own orders: history, detail, and cancellation before shipment. */
export function orderRoutes(app: HttpServer, { deps, requireUser }: OrderRouteOptions): void {
  app.get(
    '/orders',
    {
      onRequest: requireUser,
      schema: {
        ...TAGS,
        summary: 'Your orders, newest first, with cursor paging',
        querystring: OrderListQuery,
        response: { 200: OrderListView },
      },
    },
    async (request) => orderPage(deps, { ...request.query, userId: principalOf(request).userId }),
  );

  app.get(
    '/orders/:id',
    {
      onRequest: requireUser,
      schema: {
        ...TAGS,
        summary: 'One order with its history (its owner, or an admin)',
        params: OrderIdParams,
        response: { 200: OrderDetailView },
      },
    },
    async (request) => {
      const caller = principalOf(request);
      const found = await findOrderWithHistory(deps.db, request.params.id);
      // Someone else's order is "not found": its existence is not theirs to learn.
      if (!found || (found.order.userId !== caller.userId && !caller.roles.includes('admin'))) {
        throw OrderNotFound(`There is no order ${request.params.id}`);
      }
      return toOrderDetailView(found.order, found.history);
    },
  );

  app.post(
    '/orders/:id/cancel',
    {
      onRequest: requireUser,
      schema: {
        ...TAGS,
        summary:
          'Cancel a confirmed order before it ships: 202 while it runs; 200 when it already is cancelled',
        params: OrderIdParams,
        headers: Type.Object(IdempotencyKeyHeader),
        body: Type.Optional(CancelBody),
        response: { 200: SagaAccepted, 202: SagaAccepted },
      },
    },
    async (request, reply) => {
      const outcome = await requestCancellation({ ...deps, saga: deps.cancellation }, principalOf(request), {
        orderId: request.params.id,
        reason: request.body?.reason,
        key: idempotencyKeyOf(request),
      });
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      const { started, ...accepted } = outcome.result;
      reply.code(started ? 202 : 200);
      return accepted;
    },
  );
}
