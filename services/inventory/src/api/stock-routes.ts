import { HttpErrors, type HttpServer } from '@emporium/platform/http';
import { SkuNotFound } from '../errors.ts';
import { stockTotalsOf } from '../store/stock-queries.ts';
import type { RouteOptions } from './route-options.ts';
import {
  AvailabilityQuery,
  AvailabilityView,
  MAX_SKUS_PER_QUERY,
  SkuParams,
  StockView,
} from './stock-schemas.ts';
import { toStockView } from './stock-views.ts';

const PUBLIC = { tags: ['stock'] };

/** What shoppers (and the storefront) read: whether SKUs can be ordered, and how many. */
export function stockRoutes(app: HttpServer, { deps }: Pick<RouteOptions, 'deps'>): void {
  const { db, lowStockThreshold } = deps;

  app.get(
    '/stock/:sku',
    {
      schema: {
        ...PUBLIC,
        summary: "One SKU's availability over all warehouses",
        params: SkuParams,
        response: { 200: StockView },
      },
    },
    async (request) => {
      const { sku } = request.params;
      const totals = (await stockTotalsOf(db, [sku])).get(sku);
      if (!totals) throw SkuNotFound(`No stock is kept for ${sku}`);
      return toStockView(sku, totals.available, lowStockThreshold);
    },
  );

  app.get(
    '/stock',
    {
      schema: {
        ...PUBLIC,
        summary: 'Availability of several SKUs at once (a cart, a listing page)',
        querystring: AvailabilityQuery,
        response: { 200: AvailabilityView },
      },
    },
    async (request) => {
      const skus = [...new Set(request.query.skus.split(','))];
      if (skus.length > MAX_SKUS_PER_QUERY) {
        throw HttpErrors.ValidationFailed(
          `querystring.skus must list at most ${MAX_SKUS_PER_QUERY} different SKUs, got ${skus.length}`,
        );
      }
      const totals = await stockTotalsOf(db, skus);
      return {
        items: skus.map((sku) => toStockView(sku, totals.get(sku)?.available ?? 0, lowStockThreshold)),
        unknownSkus: skus.filter((sku) => !totals.has(sku)),
      };
    },
  );
}
