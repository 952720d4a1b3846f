import type { HttpServer } from '@emporium/platform/http';
import { ReservationNotFound } from '../errors.ts';
import { findReservation } from '../store/reservations-store.ts';
import type { RouteOptions } from './route-options.ts';
import { OrderIdParams, ReservationView } from './stock-schemas.ts';
import { toReservationView } from './stock-views.ts';

/**
 * Reservations as support staff look them up: by order. They are made, released and committed
 * over gRPC (InventoryService) only, by the orders service.
 */
export function adminReservationRoutes(app: HttpServer, { deps, requireAdmin }: RouteOptions): void {
  app.get(
    '/admin/reservations/:orderId',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['reservations (admin)'],
        security: [{ bearer: [] }],
        summary: "An order's reservation: its lines, the warehouses they are taken from, its status",
        description:
          'status is as stored: a reservation past its expiresAt reads reserved until the expiry job ' +
          '(every few seconds) or a call about the order expires it.',
        params: OrderIdParams,
        response: { 200: ReservationView },
      },
    },
    async (request) => {
      const { orderId } = request.params;
      const reservation = await findReservation(deps.db, orderId);
      if (!reservation) throw ReservationNotFound(`Order ${orderId} has no reservation`);
      return toReservationView(reservation);
    },
  );
}
