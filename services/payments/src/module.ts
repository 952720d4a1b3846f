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
import { adminLedgerRoutes } from './api/admin-ledger-routes.ts';
import { adminPaymentRoutes } from './api/admin-payment-routes.ts';
import { cardTokenRoutes } from './api/card-token-routes.ts';
import { createCardFingerprints } from './cards/card-fingerprint.ts';
import { type PaymentsModuleConfig, readPaymentsSettings } from './config.ts';
import { type Clock, systemClock } from './domain/clock.ts';
import { CHECKOUT_GROUP, checkoutHandlers } from './events/checkout-consumer.ts';
import { createPaymentEvents } from './events/payment-events.ts';
import type { CardNetwork } from './network/card-network.ts';
import { createSimulatedCardNetwork } from './network/simulated-card-network.ts';
import { testCardsThat } from './network/test-cards.ts';
import type { PaymentDeps } from './payments/payment-deps.ts';
import { servePaymentService } from './rpc/payment-service.ts';
import { deleteExpiredCardTokens } from './store/card-tokens-store.ts';
import type { PaymentsDatabase } from './store/database.ts';
import { paymentsMigrations } from './store/migrations/index.ts';

export type { PaymentsConfig, PaymentsModuleConfig } from './config.ts';
export type { PaymentsDatabase } from './store/database.ts';

export interface PaymentsDependencies {
  /** Verifies access tokens; default: against identity's key set at IDENTITY_JWKS_URL. */
  verifyToken?: TokenVerifier;
  clock?: Clock;
  /** The card network; default: the simulated one, with NETWORK_LATENCY_MS. */
  network?: CardNetwork;
  /** How often expired card tokens are deleted. */
  tokenPruneIntervalMs?: number;
  /** An event bus to use (and leave open) instead of connecting to the configured one. */
  eventTransport?: EventTransport;
}

const HOUR_MS = 3_600_000;

/**
 * The payments context as a hostable module: card tokenisation, the payment state machine
 * (authorise, capture, void, refund) over gRPC, fraud rules, the double-entry ledger, and
 * admin routes. It publishes payment.authorized/captured/voided/refunded/failed through its
 * outbox, which a relay sends to the event bus of NATS_URL or BUS_DATABASE_URL (with neither,
 * events wait in the outbox). Nothing is seeded: payments only exist for real orders.
 */
export function createPaymentsModule(
  config: PaymentsModuleConfig,
  dependencies: PaymentsDependencies = {},
): ServiceModule<PaymentsDatabase> {
  const settings = readPaymentsSettings(config);
  const clock = dependencies.clock ?? systemClock;
  const verifyToken = dependencies.verifyToken ?? createTokenVerifier(new URL(config.IDENTITY_JWKS_URL));
  const fingerprints = createCardFingerprints(config.CARD_FINGERPRINT_SECRET);
  const network =
    dependencies.network ??
    createSimulatedCardNetwork({ latency: settings.latency, fingerprintOf: fingerprints.ofNumber, clock });
  const pruneIntervalMs = dependencies.tokenPruneIntervalMs ?? HOUR_MS;

  return {
    name: 'payments',
    version: packageJson.version,
    description: packageJson.description,
    migrations: paymentsMigrations,
    async mount({ app, database, logger, metrics, rpc }) {
      const { db } = database;
      const deps: PaymentDeps = {
        network,
        events: createPaymentEvents(createEventPublisher('payments', clock)),
        fraudRules: settings.fraudRules,
        velocityWindowMs: config.FRAUD_VELOCITY_WINDOW_SECONDS * 1000,
        // The block list holds the fraud test card; a real shop would add the cards of chargebacks.
        blockedCards: new Set(testCardsThat('fraudulent').map(fingerprints.ofNumber)),
        clock,
      };
      const requireAdmin = authenticate(verifyToken, 'admin');
      const tokenise = { fingerprints, tokenTtlMs: config.CARD_TOKEN_TTL_SECONDS * 1000, clock };

      cardTokenRoutes(app, { db, tokenise, verifyToken });
      adminPaymentRoutes(app, { db, deps, requireAdmin });
      adminLedgerRoutes(app, { db, requireAdmin });
      servePaymentService(rpc, db, deps);

      startIdempotencyPruner({ app, db, logger });
      const prune = () => {
        deleteExpiredCardTokens(db, new Date(clock().getTime() - HOUR_MS)).then(
          (deleted) => deleted > 0 && logger.info({ deleted }, 'expired card tokens deleted'),
          (error: unknown) => logger.warn({ err: error }, 'deleting expired card tokens failed'),
        );
      };
      const pruning = setInterval(prune, pruneIntervalMs);
      pruning.unref();
      app.addHook('onClose', async () => clearInterval(pruning));

      // Last, so nothing above can fail after the bus connection is open and leave it so.
      // One bus connection for the checkout consumer (checkout by choreography) and the relay.
      const { consumers } = await startEventBus({ app, database, logger, metrics }, config, {
        transport: dependencies.eventTransport,
        consumers: [
          {
            group: CHECKOUT_GROUP,
            handlers: checkoutHandlers(deps, createEventPublisher('payments', clock)),
          },
        ],
      });
      registerDeadLetterRoutes(app, { db, consumers, requireAdmin });
    },
  };
}
