import type { HttpServer } from '@emporium/platform/http';
import { idempotencyKeyOf } from '@emporium/platform/idempotency';
import type { SagaDefinition } from '@emporium/platform/saga';
import { principalOf } from '@emporium/platform/security';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RefundData } from '../orders/refund-saga.ts';
import { type OrderRequestDeps, requestRefund } from '../orders/request-cancellation.ts';
import { CUSTOMER, IdempotencyKeyHeader } from './common-schemas.ts';
import { orderPage } from './order-routes.ts';
import {
  AdminOrderListQuery,
  OrderIdParams,
  OrderListView,
  RefundBody,
  SagaAccepted,
} from './order-schemas.ts';

const ADMIN = { tags: ['orders (admin)'], ...CUSTOMER };

/** What shop admins see and do: every order, filtered; a refund of a shipped order. */
export function adminOrderRoutes(
  app: HttpServer,
  {
    deps,
    requireAdmin,
  }: {
    deps: OrderRequestDeps & { refund: SagaDefinition<RefundData> };
    requireAdmin: (request: FastifyRequest) => Promise<void>;
  },
): void {
  app.get(
    '/admin/orders',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Every order, newest first; filter by status or user',
        querystring: AdminOrderListQuery,
        response: { 200: OrderListView },
      },
    },
    async (request) => orderPage(deps, request.query),
  );

  app.post(
    '/admin/orders/:id/refund',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Refund a shipped or delivered order in full (a return, a lost parcel): 202 while it runs',
        params: OrderIdParams,
        headers: Type.Object(IdempotencyKeyHeader),
        body: RefundBody,
        response: { 200: SagaAccepted, 202: SagaAccepted },
      },
    },
    async (request, reply) => {
      const outcome = await requestRefund({ ...deps, saga: deps.refund }, principalOf(request), {
        orderId: request.params.id,
        reason: request.body.reason,
        key: idempotencyKeyOf(request),
      });
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      const { started, ...accepted } = outcome.result;
      reply.code(started ? 202 : 200);
      return accepted;
    },
  );
}
