import type { FastifyRequest } from 'fastify';
import type { ShipmentDeps } from '../shipments/shipment-deps.ts';

/** What shipping's routes are given by the composition root. */
export interface RouteOptions {
  deps: ShipmentDeps;
  /** An onRequest hook: 401 without a valid access token, 403 without the admin role. */
  requireAdmin: (request: FastifyRequest) => Promise<void>;
}
