import { type SeedCatalogue, seedCatalogue } from '@emporium/demo-data';
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
import { adminPromotionRoutes } from './api/admin-promotion-routes.ts';
import { adminTaxRuleRoutes } from './api/admin-tax-rule-routes.ts';
import { priceRoutes } from './api/price-routes.ts';
import { quoteRoutes } from './api/quote-routes.ts';
import type { PricingConfig } from './config.ts';
import { CATALOG_PRODUCTS_GROUP, catalogProductHandlers } from './events/catalog-product-consumer.ts';
import { CHECKOUT_GROUP, checkoutHandlers } from './events/checkout-consumer.ts';
import { createPriceEvents } from './events/price-events.ts';
import { servePricingService } from './rpc/pricing-service.ts';
import type { PricingDatabase } from './store/database.ts';
import { loadSeedData } from './store/load-seed-data.ts';
import { pricingMigrations } from './store/migrations/index.ts';

/** The part of the configuration the module itself reads (the host reads the rest). */
export type PricingModuleConfig = Pick<
  PricingConfig,
  'IDENTITY_JWKS_URL' | 'SEED_PRICING' | 'NATS_URL' | 'BUS_DATABASE_URL'
>;

export interface PricingDependencies {
  /** Verifies access tokens; default: against identity's key set at IDENTITY_JWKS_URL. */
  verifyToken?: TokenVerifier;
  /** The catalogue whose products are priced on first start; default: the demo catalogue. */
  seed?: () => SeedCatalogue;
  /** What "now" is for quotes, promotion windows and price changes. */
  clock?: () => Date;
  /** An event bus to use (and leave open) instead of connecting to the configured one. */
  eventTransport?: EventTransport;
}

/**
 * The pricing bounded context: price lists, promotions and coupons, tax rules, and quotes.
 * Composition root: builds the token check, seeds empty tables, mounts the REST routes and
 * the gRPC PricingService, consumes the catalog's product events (for SKU categories), and
 * runs the outbox relay that sends PriceChanged to the event bus of NATS_URL or
 * BUS_DATABASE_URL (with neither, events wait in the outbox and nothing is consumed).
 */
export function createPricingModule(
  config: PricingModuleConfig,
  dependencies: PricingDependencies = {},
): ServiceModule<PricingDatabase> {
  const verifyToken = dependencies.verifyToken ?? createTokenVerifier(new URL(config.IDENTITY_JWKS_URL));
  const requireAdmin = authenticate(verifyToken, 'admin');
  const clock = dependencies.clock ?? (() => new Date());

  return {
    name: 'pricing',
    version: packageJson.version,
    description: packageJson.description,
    migrations: pricingMigrations,
    async mount({ app, database, logger, metrics, rpc }) {
      const { db } = database;
      if (config.SEED_PRICING) {
        const started = performance.now();
        const outcome = await loadSeedData(db, (dependencies.seed ?? seedCatalogue)(), clock());
        logger.info({ ...outcome, ms: Math.round(performance.now() - started) }, 'seed data checked');
      }
      const routeOptions = { db, requireAdmin, clock };
      quoteRoutes(app, routeOptions);
      priceRoutes(app, {
        ...routeOptions,
        events: createPriceEvents(createEventPublisher('pricing', clock)),
      });
      adminPromotionRoutes(app, routeOptions);
      adminTaxRuleRoutes(app, routeOptions);
      servePricingService(rpc, { db, clock });
      startIdempotencyPruner({ app, db, logger });

      // Last: one bus connection for the catalog-product consumer and the outbox relay.
      const { consumers } = await startEventBus({ app, database, logger, metrics }, config, {
        transport: dependencies.eventTransport,
        consumers: [
          { group: CATALOG_PRODUCTS_GROUP, handlers: catalogProductHandlers() },
          // Checkout by choreography (orders' CHECKOUT_STYLE): quote on request, redeem the coupon.
          {
            group: CHECKOUT_GROUP,
            handlers: checkoutHandlers(createEventPublisher('pricing', clock), clock),
          },
        ],
      });
      registerDeadLetterRoutes(app, { db, consumers, requireAdmin });
    },
  };
}
