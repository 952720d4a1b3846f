import type { ServiceModule } from '@emporium/platform/host';
import { type EventTransport, registerDeadLetterRoutes, startEventBus } from '@emporium/platform/messaging';
import { authenticate, createTokenVerifier, type TokenVerifier } from '@emporium/platform/security';
import packageJson from '../package.json' with { type: 'json' };
import { adminFactRoutes } from './api/admin-fact-routes.ts';
import { reportRoutes } from './api/report-routes.ts';
import type { AnalyticsConfig } from './config.ts';
import { FACTS_GROUP, factHandlers } from './events/fact-consumer.ts';
import type { AnalyticsDatabase } from './store/database.ts';
import { analyticsMigrations } from './store/migrations/index.ts';

/** The part of the configuration the module itself reads (the host reads the rest). */
export type AnalyticsModuleConfig = Pick<
  AnalyticsConfig,
  'IDENTITY_JWKS_URL' | 'NATS_URL' | 'BUS_DATABASE_URL'
>;

export interface AnalyticsDependencies {
  /** Verifies access tokens; default: against identity's key set at IDENTITY_JWKS_URL. */
  verifyToken?: TokenVerifier;
  clock?: () => Date;
  /** An event bus to use (and leave open) instead of connecting to the configured one. */
  eventTransport?: EventTransport;
}

/**
 * The analytics bounded context: every integration event of the platform, appended to its own
 * fact store, and the reports projected from it. Composition root: mounts the admin report and
 * fact routes, and last consumes every event type on the bus of NATS_URL or BUS_DATABASE_URL
 * (with neither, nothing arrives and the reports stay as they are).
 */
export function createAnalyticsModule(
  config: AnalyticsModuleConfig,
  dependencies: AnalyticsDependencies = {},
): ServiceModule<AnalyticsDatabase> {
  const verifyToken = dependencies.verifyToken ?? createTokenVerifier(new URL(config.IDENTITY_JWKS_URL));
  const requireAdmin = authenticate(verifyToken, 'admin');
  const clock = dependencies.clock ?? (() => new Date());

  return {
    name: 'analytics',
    version: packageJson.version,
    description: packageJson.description,
    migrations: analyticsMigrations,
    async mount({ app, database, logger, metrics }) {
      const { db } = database;
      reportRoutes(app, { db, requireAdmin });
      adminFactRoutes(app, { db, clock, requireAdmin });
      // Last: the consumer of every event (analytics publishes none; its outbox stays empty).
      const { consumers } = await startEventBus({ app, database, logger, metrics }, config, {
        transport: dependencies.eventTransport,
        consumers: [{ group: FACTS_GROUP, handlers: factHandlers(clock) }],
      });
      registerDeadLetterRoutes(app, { db, consumers, requireAdmin });
    },
  };
}
