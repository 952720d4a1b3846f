import type { ServiceModule } from '@emporium/platform/host';
import { createEventPublisher, startEventRelay } from '@emporium/platform/messaging';
import { authenticate, createTokenVerifier, type TokenVerifier } from '@emporium/platform/security';
import packageJson from '../package.json' with { type: 'json' };
import { adminCategoryRoutes } from './api/admin-category-routes.ts';
import { adminProductRoutes } from './api/admin-product-routes.ts';
import { categoryRoutes } from './api/category-routes.ts';
import { productRoutes } from './api/product-routes.ts';
import type { CatalogConfig } from './config.ts';
import { createProductEvents } from './events/product-events.ts';
import { serveProductService } from './rpc/product-service.ts';
import type { CatalogDatabase } from './store/database.ts';
import { loadSeedCatalogue } from './store/load-seed-catalogue.ts';
import { catalogMigrations } from './store/migrations/index.ts';
import { type SeedCatalogue, seedCatalogue } from './store/seed/seed-catalogue.ts';

/** The part of the configuration the module itself reads (the host reads the rest). */
export type CatalogModuleConfig = Pick<
  CatalogConfig,
  'IDENTITY_JWKS_URL' | 'SEED_CATALOGUE' | 'NATS_URL' | 'BUS_DATABASE_URL'
>;

export interface CatalogDependencies {
  /** Verifies access tokens; default: against identity's key set at IDENTITY_JWKS_URL. */
  verifyToken?: TokenVerifier;
  /** The catalogue loaded into an empty database; default: the demo catalogue. */
  seed?: () => SeedCatalogue;
  clock?: () => Date;
}

/**
 * The catalog bounded context: products, the category tree and product search. Composition
 * root: builds the token check, seeds an empty catalogue, mounts the routes, and runs the
 * outbox relay that sends ProductCreated, ProductUpdated and ProductDiscontinued to the event
 * bus of NATS_URL or BUS_DATABASE_URL (with neither, events wait in the outbox).
 */
export function createCatalogModule(
  config: CatalogModuleConfig,
  dependencies: CatalogDependencies = {},
): ServiceModule<CatalogDatabase> {
  const verifyToken = dependencies.verifyToken ?? createTokenVerifier(new URL(config.IDENTITY_JWKS_URL));
  const requireAdmin = authenticate(verifyToken, 'admin');
  const clock = dependencies.clock ?? (() => new Date());

  return {
    name: 'catalog',
    version: packageJson.version,
    description: packageJson.description,
    migrations: catalogMigrations,
    async mount({ app, database, logger, metrics, rpc }) {
      const { db } = database;
      // The demo catalogue publishes no events (see loadSeedCatalogue): it is demo data,
      // loaded into an empty database before any consumer group exists to receive them.
      if (config.SEED_CATALOGUE) {
        const started = performance.now();
        const outcome = await loadSeedCatalogue(db, (dependencies.seed ?? seedCatalogue)(), clock());
        const ms = Math.round(performance.now() - started);
        if (outcome.seeded) logger.info({ ...outcome, ms }, 'seed catalogue loaded');
        else logger.info({ reason: outcome.reason }, 'seed catalogue not loaded');
      }
      productRoutes(app, { db, requireAdmin });
      const events = createProductEvents(createEventPublisher('catalog', clock));
      adminProductRoutes(app, { db, requireAdmin, events });
      categoryRoutes(app, { db });
      adminCategoryRoutes(app, { db, requireAdmin });
      serveProductService(rpc, db);

      // Last, so nothing above can fail after the bus connection is open and leave it so.
      await startEventRelay({ app, database, logger, metrics }, config);
    },
  };
}
