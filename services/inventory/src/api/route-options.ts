import type { FastifyRequest } from 'fastify';
import type { InventoryDeps } from '../stock/inventory-deps.ts';

/** What inventory's routes are given by the composition root. */
export interface RouteOptions {
  deps: InventoryDeps;
  /** An onRequest hook: 401 without a valid access token, 403 without the admin role. */
  requireAdmin: (request: FastifyRequest) => Promise<void>;
}
