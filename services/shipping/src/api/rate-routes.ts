import type { HttpServer } from '@emporium/platform/http';
import {
  isSupportedCurrency,
  RATE_TABLE_CURRENCY,
  SUPPORTED_CURRENCIES,
} from '../domain/currency-conversion.ts';
import { quoteRates } from '../domain/rate-card.ts';
import { countryProblem } from '../domain/ship-to-rules.ts';
import { zoneOf } from '../domain/shipping-zones.ts';
import { UnknownCountry, UnsupportedCurrency } from '../errors.ts';
import { loadRateCard } from '../store/rate-card-store.ts';
import type { RouteOptions } from './route-options.ts';
import { RateQuoteBody, RateQuoteView } from './shipping-schemas.ts';
import { toRateView } from './shipping-views.ts';

/** The public rate quote: what shipping a parcel of some weight to a country costs. */
export function rateRoutes(app: HttpServer, { deps }: Pick<RouteOptions, 'deps'>): void {
  app.post(
    '/shipping/rates',
    {
      schema: {
        tags: ['rates'],
        summary: 'Quote every carrier and service level that delivers a parcel there, cheapest first',
        description:
          'Reads nothing but the rate tables and changes nothing, so it needs no Idempotency-Key. ' +
          `Prices are converted from euros at fixed rates; currencies: ${SUPPORTED_CURRENCIES.join(', ')}.`,
        body: RateQuoteBody,
        response: { 200: RateQuoteView },
      },
    },
    async (request) => {
      const { shipTo, weightGrams, currency = RATE_TABLE_CURRENCY } = request.body;
      const country = countryProblem(shipTo.country);
      if (country) throw UnknownCountry(`shipTo.country: ${country}`);
      if (!isSupportedCurrency(currency)) {
        throw UnsupportedCurrency(
          `currency: ${currency} is not supported; use one of ${SUPPORTED_CURRENCIES.join(', ')}`,
        );
      }
      const card = await loadRateCard(deps.db);
      const rates = quoteRates(card, { country: shipTo.country, weightGrams, currency });
      return { zone: zoneOf(shipTo.country), currency, rates: rates.map(toRateView) };
    },
  );
}
