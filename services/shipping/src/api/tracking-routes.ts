import type { HttpServer } from '@emporium/platform/http';
import { checkTrackingNumber } from '../domain/tracking-number.ts';
import { TrackingNumberInvalid, TrackingNumberNotFound } from '../errors.ts';
import { findCarrierName } from '../store/rate-card-store.ts';
import { findShipmentByTrackingNumber, timelineOf } from '../store/shipments-store.ts';
import type { RouteOptions } from './route-options.ts';
import { TrackingParams, TrackingView } from './shipping-schemas.ts';
import { toTrackingView } from './shipping-views.ts';

/** The public tracking page: anyone with the tracking number sees where the parcel is. */
export function trackingRoutes(app: HttpServer, { deps }: Pick<RouteOptions, 'deps'>): void {
  app.get(
    '/tracking/:trackingNumber',
    {
      schema: {
        tags: ['tracking'],
        summary: 'The tracking timeline of a parcel (city and country only; no name or street)',
        description:
          'Case and spaces are ignored ("pp 4739 2015 8nl"). A number whose check digit does not match ' +
          'is refused as a typo before anything is looked up.',
        params: TrackingParams,
        response: { 200: TrackingView },
      },
    },
    async (request) => {
      const trackingNumber = request.params.trackingNumber.replaceAll(' ', '').toUpperCase();
      const check = checkTrackingNumber(trackingNumber);
      if (check === 'malformed') {
        throw TrackingNumberInvalid(
          `${JSON.stringify(request.params.trackingNumber)} is not a tracking number: two letters, nine digits and two letters, e.g. PP473920158NL`,
        );
      }
      if (check === 'check-digit-mismatch') {
        throw TrackingNumberInvalid(
          `The check digit of ${trackingNumber} does not match: look for a mistyped digit`,
        );
      }
      const shipment = await findShipmentByTrackingNumber(deps.db, trackingNumber);
      if (!shipment) throw TrackingNumberNotFound(`No parcel has the tracking number ${trackingNumber}`);
      const [carrierName, timeline] = await Promise.all([
        findCarrierName(deps.db, shipment.carrier),
        timelineOf(deps.db, shipment.id),
      ]);
      return toTrackingView(shipment, carrierName ?? shipment.carrier, timeline);
    },
  );
}
