import type { HttpServer } from '@emporium/platform/http';
import { loadRateCard } from '../store/rate-card-store.ts';
import type { RouteOptions } from './route-options.ts';
import { BEARER, CarrierListView } from './shipping-schemas.ts';
import { toCarrierListView } from './shipping-views.ts';

/** The carriers and their rate tables, as loaded from the database (euro cents). */
export function adminCarrierRoutes(app: HttpServer, { deps, requireAdmin }: RouteOptions): void {
  app.get(
    '/admin/carriers',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['carriers (admin)'],
        security: BEARER,
        summary: 'Every carrier with its service levels per zone, weight brackets and unserved countries',
        response: { 200: CarrierListView },
      },
    },
    async () => toCarrierListView(await loadRateCard(deps.db)),
  );
}
