import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PricingDatabase } from '../store/database.ts';

/** What pricing's routes are given by the composition root. */
export interface RouteOptions {
  db: Kysely<PricingDatabase>;
  /** An onRequest hook: 401 without a valid access token, 403 without the admin role. */
  requireAdmin: (request: FastifyRequest) => Promise<void>;
  clock: () => Date;
}

/** How admin routes are tagged and secured in the OpenAPI document. */
export const ADMIN_SECURITY = [{ bearer: [] }];
