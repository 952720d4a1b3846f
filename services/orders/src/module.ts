import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ServiceModule } from '@emporium/platform/host';
import { startIdempotencyPruner } from '@emporium/platform/idempotency';
import {
  createEventPublisher,
  type EventTransport,
  registerDeadLetterRoutes,
  startEventBus,
} from '@emporium/platform/messaging';
import { createSagaEngine, registerSagaRoutes, type SagaTables } from '@emporium/platform/saga';
import { authenticate, createTokenVerifier, type TokenVerifier } from '@emporium/platform/security';
import type { Kysely } from 'kysely';
import packageJson from '../package.json' with { type: 'json' };
import { adminOrderRoutes } from './api/admin-order-routes.ts';
import { cartRoutes } from './api/cart-routes.ts';
import { checkoutRoutes } from './api/checkout-routes.ts';
import { orderRoutes } from './api/order-routes.ts';
import { startGuestCartPruner } from './carts/guest-cart-pruner.ts';
import { checkoutSaga } from './checkout/checkout-saga.ts';
import { checkoutDriver } from './checkout/checkout-style.ts';
import type { ChoreographyDeps } from './choreography/advance-checkout.ts';
import { createCheckoutMessages } from './choreography/checkout-messages.ts';
import { CHECKOUT_CHOREOGRAPHY_GROUP, checkoutReactionHandlers } from './choreography/checkout-reactions.ts';
import { startCheckoutTimeoutJob } from './choreography/checkout-timeout-job.ts';
import { choreographyDriver } from './choreography/choreography-driver.ts';
import { choreographyRoutes } from './choreography/choreography-routes.ts';
import type { OrdersConfig } from './config.ts';
import { createOrderEvents } from './events/order-events.ts';
import { SHIPMENTS_GROUP, shipmentEventHandlers } from './events/shipment-events-consumer.ts';
import { cancellationSaga } from './orders/cancellation-saga.ts';
import type { OrderDeps } from './orders/order-deps.ts';
import { refundSaga } from './orders/refund-saga.ts';
import { participantsOf } from './participants/participants.ts';
import type { OrdersDatabase } from './store/database.ts';
import { ordersMigrations } from './store/migrations/index.ts';

/** The part of the configuration the module itself reads (the host reads the rest). */
export type OrdersModuleConfig = Pick<
  OrdersConfig,
  | 'IDENTITY_JWKS_URL'
  | 'CHECKOUT_STYLE'
  | 'DEFAULT_CURRENCY'
  | 'CART_PRICING_COUNTRY'
  | 'DEFAULT_SERVICE_LEVEL'
  | 'PARCEL_GRAMS_PER_ITEM'
  | 'RESERVATION_TTL_SECONDS'
  | 'GUEST_CART_TTL_DAYS'
  | 'SAGA_TIMEOUT_MS'
  | 'SAGA_STEP_TIMEOUT_MS'
  | 'SAGA_MAX_ATTEMPTS'
  | 'SAGA_COMPENSATION_MAX_ATTEMPTS'
  | 'SAGA_RETRY_INITIAL_MS'
  | 'SAGA_RETRY_MAX_MS'
  | 'SAGA_LEASE_MS'
  | 'SAGA_POLL_MS'
  | 'NATS_URL'
  | 'BUS_DATABASE_URL'
  | 'INSTANCE_ID'
> &
  Partial<Pick<OrdersConfig, 'FAULT_CRASH_AFTER_STEPS'>>;

export interface OrdersDependencies {
  /** Verifies access tokens; default: against identity's key set at IDENTITY_JWKS_URL. */
  verifyToken?: TokenVerifier;
  clock?: () => Date;
  /** An event bus to use (and leave open) instead of connecting to the configured one. */
  eventTransport?: EventTransport;
}

/** Cancellations and refunds go forward past their pivot until done: they get a day, not minutes. */
const AFTER_SALES_TIMEOUT_MS = 24 * 3_600_000;

/**
 * The orders bounded context: carts, checkout, orders and their history. Composition root:
 * builds the participants' clients (catalog, inventory, pricing, payments, shipping, by name
 * through discovery), the saga engine that runs checkout, cancellation and refund sagas
 * (owned by this instance, shared with the other replicas through leases), the routes, and,
 * with an event bus, the consumer of shipping's events and the outbox relay.
 */
export function createOrdersModule(
  config: OrdersModuleConfig,
  dependencies: OrdersDependencies = {},
): ServiceModule<OrdersDatabase> {
  const verifyToken = dependencies.verifyToken ?? createTokenVerifier(new URL(config.IDENTITY_JWKS_URL));
  const requireUser = authenticate(verifyToken);
  const requireAdmin = authenticate(verifyToken, 'admin');
  const clock = dependencies.clock ?? (() => new Date());
  // The module context does not carry the host's instance id; the engine needs one of its own.
  const owner = config.INSTANCE_ID ?? `orders-${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;

  return {
    name: 'orders',
    version: packageJson.version,
    description: packageJson.description,
    migrations: ordersMigrations,
    async mount({ app, database, logger, metrics, rpc }) {
      if (
        config.CHECKOUT_STYLE === 'choreography' &&
        !dependencies.eventTransport &&
        !config.NATS_URL &&
        !config.BUS_DATABASE_URL
      ) {
        throw new Error(
          'CHECKOUT_STYLE=choreography runs checkout through the event bus: set NATS_URL or BUS_DATABASE_URL',
        );
      }
      const { db } = database;
      const participants = participantsOf(rpc);
      const deps: OrderDeps = {
        db,
        participants,
        events: createOrderEvents(createEventPublisher('orders', clock)),
        clock,
      };
      const checkout = checkoutSaga(deps, config.SAGA_TIMEOUT_MS);
      // Checkout by choreography: its consumer and deadline run whatever CHECKOUT_STYLE says,
      // so checkouts begun before a switch back to orchestration still finish.
      const choreography: ChoreographyDeps = {
        db,
        events: deps.events,
        messages: createCheckoutMessages(createEventPublisher('orders', clock), clock),
        clock,
      };
      const cancellation = cancellationSaga(deps, AFTER_SALES_TIMEOUT_MS);
      const refund = refundSaga(deps, AFTER_SALES_TIMEOUT_MS);
      const engine = createSagaEngine({
        db: db as unknown as Kysely<SagaTables>,
        logger,
        owner,
        definitions: [checkout, cancellation, refund],
        leaseMs: config.SAGA_LEASE_MS,
        pollMs: config.SAGA_POLL_MS,
        stepTimeoutMs: config.SAGA_STEP_TIMEOUT_MS,
        maxAttempts: config.SAGA_MAX_ATTEMPTS,
        compensationMaxAttempts: config.SAGA_COMPENSATION_MAX_ATTEMPTS,
        retryDelayMs: { initial: config.SAGA_RETRY_INITIAL_MS, max: config.SAGA_RETRY_MAX_MS },
        crashAfterSteps: (config.FAULT_CRASH_AFTER_STEPS ?? '').split(',').filter(Boolean),
      });

      cartRoutes(app, {
        deps,
        verifyToken,
        logger,
        pricing: { currency: config.DEFAULT_CURRENCY, country: config.CART_PRICING_COUNTRY },
      });
      checkoutRoutes(app, {
        requireUser,
        deps: {
          ...deps,
          checkout: checkoutDriver(
            config.CHECKOUT_STYLE,
            { engine, saga: checkout },
            choreographyDriver({ ...choreography, timeoutMs: config.SAGA_TIMEOUT_MS }),
          ),
          settings: {
            defaultCurrency: config.DEFAULT_CURRENCY,
            defaultServiceLevel: config.DEFAULT_SERVICE_LEVEL,
            gramsPerItem: config.PARCEL_GRAMS_PER_ITEM,
            reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
          },
        },
      });
      orderRoutes(app, { requireUser, deps: { db, engine, clock, cancellation } });
      adminOrderRoutes(app, { requireAdmin, deps: { db, engine, clock, refund } });
      registerSagaRoutes(app, { engine, requireAdmin });
      choreographyRoutes(app, { db, requireAdmin });
      startIdempotencyPruner({ app, db, logger });
      startGuestCartPruner({ app, db, logger, clock }, { ttlDays: config.GUEST_CART_TTL_DAYS });

      // Stops after the bus (onClose hooks run last-added first): running sagas hand their
      // leases back, and what they write waits in the outbox.
      app.addHook('onClose', () => engine.stop());
      engine.start();
      startCheckoutTimeoutJob({ app, logger }, choreography, {
        intervalMs: config.SAGA_POLL_MS,
        timeoutMs: config.SAGA_TIMEOUT_MS,
      });
      // Last: one bus connection for the shipment-event consumer and the outbox relay.
      const { consumers } = await startEventBus({ app, database, logger, metrics }, config, {
        transport: dependencies.eventTransport,
        consumers: [
          { group: SHIPMENTS_GROUP, handlers: shipmentEventHandlers(deps, logger) },
          { group: CHECKOUT_CHOREOGRAPHY_GROUP, handlers: checkoutReactionHandlers(choreography) },
        ],
      });
      registerDeadLetterRoutes(app, { db, consumers, requireAdmin });
    },
  };
}
