import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { CatalogDatabase } from '../store/database.ts';

/** What the catalog's routes are given by the composition root. */
export interface RouteOptions {
  db: Kysely<CatalogDatabase>;
  /** An onRequest hook: 401 without a valid access token, 403 without the admin role. */
  requireAdmin: (request: FastifyRequest) => Promise<void>;
}
