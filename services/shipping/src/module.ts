import { randomUUID } from 'node:crypto';
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
import { adminCarrierRoutes } from './api/admin-carrier-routes.ts';
import { adminShipmentRoutes } from './api/admin-shipment-routes.ts';
import { rateRoutes } from './api/rate-routes.ts';
import { trackingRoutes } from './api/tracking-routes.ts';
import type { ShippingConfig } from './config.ts';
import { CHECKOUT_GROUP, checkoutHandlers } from './events/checkout-consumer.ts';
import { createShipmentEvents } from './events/shipment-events.ts';
import { serveShippingService } from './rpc/shipping-service.ts';
import type { ShipmentDeps } from './shipments/shipment-deps.ts';
import { startTrackingJob } from './shipments/tracking-job.ts';
import type { ShippingDatabase } from './store/database.ts';
import { shippingMigrations } from './store/migrations/index.ts';

/** The part of the configuration the module itself reads (the host reads the rest). */
export type ShippingModuleConfig = Pick<
  ShippingConfig,
  | 'IDENTITY_JWKS_URL'
  | 'TRACKING_SIMULATION'
  | 'TRACKING_TICK_MS'
  | 'TRACKING_EXCEPTION_PERCENT'
  | 'NATS_URL'
  | 'BUS_DATABASE_URL'
>;

export interface ShippingDependencies {
  /** Verifies access tokens; default: against identity's key set at IDENTITY_JWKS_URL. */
  verifyToken?: TokenVerifier;
  clock?: () => Date;
  /** Shipment ids; default: random UUIDs. */
  newId?: () => string;
  /** An event bus to use (and leave open) instead of connecting to the configured one. */
  eventTransport?: EventTransport;
}

/**
 * The shipping bounded context: carriers and rate tables (seeded by migration), rate quotes,
 * shipments with PDF labels, and their tracking timeline advanced by simulated carriers.
 * Composition root: builds the token check, mounts the routes and ShippingService, starts the
 * tracking job and the idempotency pruner, and runs the outbox relay that sends the shipment
 * events to the bus of NATS_URL or BUS_DATABASE_URL (with neither, events wait in the outbox).
 */
export function createShippingModule(
  config: ShippingModuleConfig,
  dependencies: ShippingDependencies = {},
): ServiceModule<ShippingDatabase> {
  const verifyToken = dependencies.verifyToken ?? createTokenVerifier(new URL(config.IDENTITY_JWKS_URL));
  const requireAdmin = authenticate(verifyToken, 'admin');
  const clock = dependencies.clock ?? (() => new Date());

  return {
    name: 'shipping',
    version: packageJson.version,
    description: packageJson.description,
    migrations: shippingMigrations,
    async mount({ app, database, logger, metrics, rpc }) {
      const { db } = database;
      const deps: ShipmentDeps = {
        db,
        events: createShipmentEvents(createEventPublisher('shipping', clock)),
        clock,
        tickMs: config.TRACKING_TICK_MS,
        exceptionPercent: config.TRACKING_EXCEPTION_PERCENT,
        newId: dependencies.newId ?? randomUUID,
      };
      rateRoutes(app, { deps });
      trackingRoutes(app, { deps });
      adminShipmentRoutes(app, { deps, requireAdmin });
      adminCarrierRoutes(app, { deps, requireAdmin });
      serveShippingService(rpc, deps);

      startIdempotencyPruner({ app, db, logger });
      if (config.TRACKING_SIMULATION) startTrackingJob({ app, logger }, deps);
      // Last, so nothing above can fail after the bus connection is open and leave it so.
      // One bus connection for the checkout consumer (checkout by choreography) and the relay.
      const { consumers } = await startEventBus({ app, database, logger, metrics }, config, {
        transport: dependencies.eventTransport,
        consumers: [
          {
            group: CHECKOUT_GROUP,
            handlers: checkoutHandlers(deps, createEventPublisher('shipping', clock)),
          },
        ],
      });
      registerDeadLetterRoutes(app, { db, consumers, requireAdmin });
    },
  };
}
