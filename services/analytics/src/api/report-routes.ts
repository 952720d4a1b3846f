import type { HttpServer } from '@emporium/platform/http';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { InvalidPeriod } from '../errors.ts';
import {
  conversionFunnel,
  notificationDeliveryRates,
  ordersByStatus,
  revenuePerDay,
  sagaOutcomes,
  topCategories,
  topProducts,
} from '../reports/report-queries.ts';
import type { AnalyticsDatabase } from '../store/database.ts';
import {
  BEARER,
  FunnelReport,
  NotificationReport,
  OrdersByStatusReport,
  RevenueQuery,
  RevenueReport,
  SagaReport,
  TopCategoriesReport,
  TopProductsReport,
  TopQuery,
} from './report-schemas.ts';

const TAGS = ['reports'];

/** The reports, for admins (the ops console): read from the projections, never from other services. */
export function reportRoutes(
  app: HttpServer,
  options: { db: Kysely<AnalyticsDatabase>; requireAdmin: (request: FastifyRequest) => Promise<void> },
): void {
  const { db, requireAdmin: onRequest } = options;

  app.get(
    '/reports/revenue',
    {
      onRequest,
      schema: {
        tags: TAGS,
        security: BEARER,
        summary: 'Revenue per UTC day and currency: payments captured, refunds, net',
        querystring: RevenueQuery,
        response: { 200: RevenueReport },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      if (from && to && from > to) throw InvalidPeriod(`from (${from}) is after to (${to})`);
      return { days: await revenuePerDay(db, { from, to }) };
    },
  );

  app.get(
    '/reports/orders-by-status',
    {
      onRequest,
      schema: {
        tags: TAGS,
        security: BEARER,
        summary: 'How many orders are in each status now',
        response: { 200: OrdersByStatusReport },
      },
    },
    async () => ({ statuses: await ordersByStatus(db) }),
  );

  app.get(
    '/reports/top-products',
    {
      onRequest,
      schema: {
        tags: TAGS,
        security: BEARER,
        summary: 'Best-selling products by units in orders confirmed and not cancelled or refunded',
        querystring: TopQuery,
        response: { 200: TopProductsReport },
      },
    },
    async (request) => ({ products: await topProducts(db, request.query.limit ?? 10) }),
  );

  app.get(
    '/reports/top-categories',
    {
      onRequest,
      schema: {
        tags: TAGS,
        security: BEARER,
        summary: 'Best-selling categories by units',
        querystring: TopQuery,
        response: { 200: TopCategoriesReport },
      },
    },
    async (request) => ({ categories: await topCategories(db, request.query.limit ?? 10) }),
  );

  app.get(
    '/reports/funnel',
    {
      onRequest,
      schema: {
        tags: TAGS,
        security: BEARER,
        summary: 'Conversion funnel: cart started -> checked out -> confirmed -> paid -> delivered',
        response: { 200: FunnelReport },
      },
    },
    async () => ({ stages: await conversionFunnel(db) }),
  );

  app.get(
    '/reports/sagas',
    {
      onRequest,
      schema: {
        tags: TAGS,
        security: BEARER,
        summary: 'Checkout saga outcomes, compensation reasons and payment failures',
        response: { 200: SagaReport },
      },
    },
    async () => sagaOutcomes(db),
  );

  app.get(
    '/reports/notifications',
    {
      onRequest,
      schema: {
        tags: TAGS,
        security: BEARER,
        summary: 'Notification deliveries per channel and kind: sent, failed, skipped, delivery rate',
        response: { 200: NotificationReport },
      },
    },
    async () => ({ deliveries: await notificationDeliveryRates(db) }),
  );
}
