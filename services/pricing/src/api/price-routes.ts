import type { HttpServer } from '@emporium/platform/http';
import { runIdempotentRequest } from '@emporium/platform/idempotency';
import { PriceNotFound } from '../errors.ts';
import type { PriceEvents } from '../events/price-events.ts';
import { setPrice } from '../prices/set-price.ts';
import type { PriceRecord } from '../store/prices-store.ts';
import { pricesOfSku } from '../store/prices-store.ts';
import { categoriesOf } from '../store/product-categories-store.ts';
import { PriceBody, PriceParams, PriceSetView, SkuParams, SkuPricesView } from './price-schemas.ts';
import { ADMIN_SECURITY, type RouteOptions } from './route-options.ts';

const toPriceView = (price: PriceRecord) => ({
  currency: price.currency,
  amountMinor: price.amountMinor,
  validFrom: price.validFrom.toISOString(),
});

/** A SKU's prices (anyone), and setting one (admins), which publishes PriceChanged. */
export function priceRoutes(
  app: HttpServer,
  { db, requireAdmin, clock, events }: RouteOptions & { events: PriceEvents },
): void {
  app.get(
    '/prices/:sku',
    {
      schema: {
        tags: ['prices'],
        summary: "A SKU's current price in every currency, and the changes scheduled",
        params: SkuParams,
        response: { 200: SkuPricesView },
      },
    },
    async (request) => {
      const { sku } = request.params;
      const [{ current, scheduled }, categories] = await Promise.all([
        pricesOfSku(db, sku, clock()),
        categoriesOf(db, [sku]),
      ]);
      if (current.length === 0 && scheduled.length === 0)
        throw PriceNotFound(`There is no price for SKU ${sku}`);
      return {
        sku,
        categorySlug: categories.get(sku) ?? null,
        prices: current.map(toPriceView),
        scheduled: scheduled.map(toPriceView),
      };
    },
  );

  app.put(
    '/admin/prices/:sku/:currency',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['prices (admin)'],
        security: ADMIN_SECURITY,
        summary: "Set a SKU's price in a currency, now or from a later time; publishes PriceChanged",
        description:
          'Takes an optional Idempotency-Key. Past prices are never rewritten. Setting the price it ' +
          'already has answers changed: false and publishes nothing. A new currency starts a new price list.',
        params: PriceParams,
        body: PriceBody,
        response: { 200: PriceSetView },
      },
    },
    async (request, reply) => {
      const { sku, currency } = request.params;
      const { amountMinor, validFrom } = request.body;
      return runIdempotentRequest(
        db,
        { request, reply },
        {
          scope: 'pricing.put-price',
          request: { sku, currency, amountMinor, validFrom },
          keyRequired: false,
        },
        async (trx) => {
          const set = await setPrice(
            trx,
            events,
            {
              sku,
              currency,
              amountMinor,
              validFrom: validFrom === undefined ? undefined : new Date(validFrom),
            },
            clock(),
          );
          return { ...set, validFrom: set.validFrom.toISOString() };
        },
      );
    },
  );
}
