import type { HttpServer } from '@emporium/platform/http';
import { checkQuoteRequest } from '../domain/quote-request.ts';
import { priceQuoteRequest } from '../quotes/price-quote-request.ts';
import { QuoteBody, QuoteView } from './quote-schemas.ts';
import type { RouteOptions } from './route-options.ts';

/** What shoppers (through the gateway) ask: what a cart costs. */
export function quoteRoutes(app: HttpServer, { db, clock }: Pick<RouteOptions, 'db' | 'clock'>): void {
  app.post(
    '/quotes',
    {
      schema: {
        tags: ['quotes'],
        summary: 'Price a cart: line prices, named discounts, tax for the destination, and the total',
        description:
          'Reads only (nothing is reserved or counted, not even a coupon use), so it needs no Idempotency-Key. ' +
          'Deterministic: the same request against the same prices, promotions and rules gives the same answer.',
        body: QuoteBody,
        response: { 200: QuoteView },
      },
    },
    async (request) => priceQuoteRequest(db, checkQuoteRequest(request.body), clock()),
  );
}
