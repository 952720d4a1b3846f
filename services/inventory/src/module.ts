import { seedCatalogue } from '@emporium/demo-data';
import type { ServiceModule } from '@emporium/platform/host';
import { startIdempotencyPruner } from '@emporium/platform/idempotency';
import {
  createEventPublisher,
  type EventTransport,
  registerDeadLetterRoutes,
  startEventBus,
} from '@emporium/platform/messaging';
import { authenticate, createTokenVerifier, type TokenVerifier } from '@emporium/platform/security';
import packageJson from '../package.json' with { type: 'json' };
import { adminAuditRoutes } from './api/admin-audit-routes.ts';
import { adminReservationRoutes } from './api/admin-reservation-routes.ts';
import { adminStockRoutes } from './api/admin-stock-routes.ts';
import { stockRoutes } from './api/stock-routes.ts';
import type { InventoryConfig } from './config.ts';
import { SEED_WAREHOUSES } from './domain/seed-stock.ts';
import { CATALOG_PRODUCTS_GROUP, catalogProductHandlers } from './events/catalog-product-consumer.ts';
import { CHECKOUT_GROUP, checkoutHandlers } from './events/checkout-consumer.ts';
import { createStockEvents } from './events/stock-events.ts';
import { startReservationExpiryJob } from './reservations/reservation-expiry-job.ts';
import { serveInventoryService } from './rpc/inventory-service.ts';
import type { InventoryDeps } from './stock/inventory-deps.ts';
import type { InventoryDatabase } from './store/database.ts';
import { loadSeedStock } from './store/load-seed-stock.ts';
import { inventoryMigrations } from './store/migrations/index.ts';

/** The part of the configuration the module itself reads (the host reads the rest). */
export type InventoryModuleConfig = Pick<
  InventoryConfig,
  | 'IDENTITY_JWKS_URL'
  | 'SEED_STOCK'
  | 'RESERVATION_TTL_SECONDS'
  | 'RESERVATION_EXPIRY_INTERVAL_MS'
  | 'RESERVATION_EXPIRY_BATCH'
  | 'LOW_STOCK_THRESHOLD'
  | 'NATS_URL'
  | 'BUS_DATABASE_URL'
>;

export interface InventoryDependencies {
  /** Verifies access tokens; default: against identity's key set at IDENTITY_JWKS_URL. */
  verifyToken?: TokenVerifier;
  /** The SKUs stocked on first start; default: the demo catalogue's. */
  seedSkus?: () => string[];
  /** The time reservations are made and expire by; tests move it forward. */
  clock?: () => Date;
  /** An event bus to use (and leave open) instead of connecting to the configured one. */
  eventTransport?: EventTransport;
}

/**
 * The inventory bounded context: stock per SKU and warehouse, and reservations of it for
 * orders. Composition root: seeds the warehouses (and the demo stock on first start), mounts
 * the REST routes and InventoryService, runs the reservation expiry job, and, with an event
 * bus (NATS_URL or BUS_DATABASE_URL), consumes the catalog's ProductCreated and relays the
 * outbox (without one, events wait in the outbox and new products get no stock rows).
 */
export function createInventoryModule(
  config: InventoryModuleConfig,
  dependencies: InventoryDependencies = {},
): ServiceModule<InventoryDatabase> {
  const verifyToken = dependencies.verifyToken ?? createTokenVerifier(new URL(config.IDENTITY_JWKS_URL));
  const requireAdmin = authenticate(verifyToken, 'admin');
  const clock = dependencies.clock ?? (() => new Date());

  return {
    name: 'inventory',
    version: packageJson.version,
    description: packageJson.description,
    migrations: inventoryMigrations,
    async mount({ app, database, logger, metrics, rpc }) {
      const { db } = database;
      const seedSkus =
        dependencies.seedSkus ?? (() => seedCatalogue().products.map((product) => product.sku));
      const seeded = await loadSeedStock(
        db,
        { warehouses: SEED_WAREHOUSES, skus: config.SEED_STOCK ? seedSkus() : undefined },
        clock(),
      );
      if (seeded.seeded) logger.info(seeded, 'seed stock loaded');
      else logger.info({ reason: seeded.reason }, 'seed stock not loaded');

      const deps: InventoryDeps = {
        db,
        events: createStockEvents(createEventPublisher('inventory', clock), config.LOW_STOCK_THRESHOLD),
        clock,
        lowStockThreshold: config.LOW_STOCK_THRESHOLD,
      };
      stockRoutes(app, { deps });
      adminStockRoutes(app, { deps, requireAdmin });
      adminReservationRoutes(app, { deps, requireAdmin });
      adminAuditRoutes(app, { deps, requireAdmin });
      serveInventoryService(rpc, deps, { defaultTtlSeconds: config.RESERVATION_TTL_SECONDS });
      startIdempotencyPruner({ app, db, logger });

      const expiry = startReservationExpiryJob(deps, {
        intervalMs: config.RESERVATION_EXPIRY_INTERVAL_MS,
        batchSize: config.RESERVATION_EXPIRY_BATCH,
        logger,
      });
      // Closes after the bus (onClose hooks run last-added first), so events it writes wait in the outbox.
      app.addHook('onClose', () => expiry.stop());
      // Last: one bus connection for the catalog-product consumer and the outbox relay.
      const { consumers } = await startEventBus({ app, database, logger, metrics }, config, {
        transport: dependencies.eventTransport,
        consumers: [
          { group: CATALOG_PRODUCTS_GROUP, handlers: catalogProductHandlers(clock) },
          // Checkout by choreography (orders' CHECKOUT_STYLE): reserve on request, release on abandon.
          {
            group: CHECKOUT_GROUP,
            handlers: checkoutHandlers(deps, createEventPublisher('inventory', clock)),
          },
        ],
      });
      registerDeadLetterRoutes(app, { db, consumers, requireAdmin });
    },
  };
}
