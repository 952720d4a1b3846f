import type { HttpServer } from '@emporium/platform/http';
import { runIdempotentRequest } from '@emporium/platform/idempotency';
import { decodeStockCursor, encodeStockCursor, stockFilterKey } from '../domain/stock-cursor.ts';
import { InvalidCursor, SkuNotFound } from '../errors.ts';
import { restock, setStockLevel } from '../stock/adjust-stock.ts';
import { listStock } from '../store/stock-queries.ts';
import { readStockOf } from '../store/stock-store.ts';
import { listWarehouses } from '../store/warehouses-store.ts';

import type { RouteOptions } from './route-options.ts';
import {
  AdminStockPage,
  AdminStockQuery,
  AdminStockView,
  IdempotencyKeyHeader,
  RestockBody,
  SetLevelBody,
  SkuParams,
  StockTargetParams,
  WarehouseList,
} from './stock-schemas.ts';
import { toAdminStockView } from './stock-views.ts';

const ADMIN = { tags: ['stock (admin)'], security: [{ bearer: [] }] };

/** What stock admins see and do: levels per warehouse, counts and restocks. All need the admin role. */
export function adminStockRoutes(app: HttpServer, { deps, requireAdmin }: RouteOptions): void {
  const { db, lowStockThreshold: threshold } = deps;

  app.get(
    '/admin/stock',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Every SKU with its level in each warehouse, in SKU order, a page at a time',
        querystring: AdminStockQuery,
        response: { 200: AdminStockPage },
      },
    },
    async (request) => {
      const { lowOnly = false, skuPrefix, limit = 50, cursor } = request.query;
      const filters = stockFilterKey({ lowOnly, skuPrefix });
      const position = cursor === undefined ? undefined : decodeStockCursor(cursor);
      if (cursor !== undefined && position?.filters !== filters) {
        throw InvalidCursor(
          position === undefined
            ? 'The cursor is malformed; pass nextCursor from the previous page exactly as it was given'
            : 'The cursor was made for other filters (lowOnly or skuPrefix); request the first page again',
        );
      }
      const rows = await listStock(db, {
        afterSku: position?.afterSku,
        limit,
        availableAtMost: lowOnly ? threshold : undefined,
        skuPrefix,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => toAdminStockView(row.sku, row.levels, threshold)),
        nextCursor: rows.length > limit && last ? encodeStockCursor({ afterSku: last.sku, filters }) : null,
      };
    },
  );

  app.get(
    '/admin/stock/:sku',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: "One SKU's level in each warehouse",
        params: SkuParams,
        response: { 200: AdminStockView },
      },
    },
    async (request) => {
      const { sku } = request.params;
      const levels = await readStockOf(db, [sku]);
      if (levels.length === 0) throw SkuNotFound(`No stock is kept for ${sku}`);
      return toAdminStockView(sku, levels, threshold);
    },
  );

  app.put(
    '/admin/stock/:sku/:warehouse',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Set the level on hand in one warehouse (a stock count)',
        description:
          'Not below what is reserved there (409 ON_HAND_BELOW_RESERVED). Idempotent by nature; ' +
          'an Idempotency-Key is optional. Publishes stock.adjusted (reason count) when the level changes.',
        params: StockTargetParams,
        headers: IdempotencyKeyHeader,
        body: SetLevelBody,
        response: { 200: AdminStockView },
      },
    },
    async (request, reply) => {
      const { sku, warehouse } = request.params;
      const { onHand } = request.body;
      return runIdempotentRequest(
        db,
        { request, reply },
        { scope: 'inventory.set-level', keyRequired: false, request: { sku, warehouse, onHand } },
        async (trx) =>
          toAdminStockView(sku, await setStockLevel(trx, deps, { sku, warehouse, onHand }), threshold),
      );
    },
  );

  app.post(
    '/admin/stock/:sku/:warehouse/restock',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Add goods that arrived to the level on hand in one warehouse',
        description:
          'Needs an Idempotency-Key: a retried restock must not count the goods twice. ' +
          'Publishes stock.adjusted (reason restock).',
        params: StockTargetParams,
        headers: IdempotencyKeyHeader,
        body: RestockBody,
        response: { 200: AdminStockView },
      },
    },
    async (request, reply) => {
      const { sku, warehouse } = request.params;
      const { quantity } = request.body;
      return runIdempotentRequest(
        db,
        { request, reply },
        { scope: 'inventory.restock', keyRequired: true, request: { sku, warehouse, quantity } },
        async (trx) =>
          toAdminStockView(sku, await restock(trx, deps, { sku, warehouse, quantity }), threshold),
      );
    },
  );

  app.get(
    '/admin/warehouses',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'The warehouses, with how many SKUs each holds and its totals',
        response: { 200: WarehouseList },
      },
    },
    async () => ({ warehouses: await listWarehouses(db) }),
  );
}
