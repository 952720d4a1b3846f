import { randomUUID } from 'node:crypto';
import { UserService } from '@emporium/contracts/proto/identity/v1/user_service';
import type { ServiceModule } from '@emporium/platform/host';
import {
  createEventPublisher,
  type EventTransport,
  registerDeadLetterRoutes,
  startEventBus,
} from '@emporium/platform/messaging';
import { Code, ConnectError } from '@emporium/platform/rpc';
import { authenticate, createTokenVerifier, type TokenVerifier } from '@emporium/platform/security';
import packageJson from '../package.json' with { type: 'json' };
import { adminDeliveryRoutes } from './api/admin-delivery-routes.ts';
import { adminMailboxRoutes } from './api/admin-mailbox-routes.ts';
import { notificationRoutes } from './api/notification-routes.ts';
import type { NotificationsConfig } from './config.ts';
import type { ChannelProvider } from './delivery/channel-provider.ts';
import { createDeliveryLogProvider } from './delivery/delivery-log-provider.ts';
import { type DeliveryWorker, startDeliveryWorker } from './delivery/delivery-worker.ts';
import type { LookUpUser, NotificationDeps } from './delivery/notification-deps.ts';
import { createSmtpEmailProvider } from './delivery/smtp-email-provider.ts';
import type { Channel } from './domain/channel.ts';
import { createDeliveryEvents } from './events/delivery-events.ts';
import { NOTIFICATIONS_GROUP, notificationHandlers } from './events/notification-consumer.ts';
import { startSmtpSink } from './sink/smtp-sink.ts';
import type { NotificationsDatabase } from './store/database.ts';
import { notificationsMigrations } from './store/migrations/index.ts';

/** The part of the configuration the module itself reads (the host reads the rest). */
export type NotificationsModuleConfig = Pick<
  NotificationsConfig,
  | 'IDENTITY_JWKS_URL'
  | 'SMTP_URL'
  | 'SMTP_SINK_PORT'
  | 'SMTP_TIMEOUT_MS'
  | 'MAIL_FROM'
  | 'DELIVERY_MAX_ATTEMPTS'
  | 'DELIVERY_RETRY_BASE_MS'
  | 'DELIVERY_POLL_MS'
  | 'NATS_URL'
  | 'BUS_DATABASE_URL'
>;

export interface NotificationsDependencies {
  /** Verifies access tokens; default: against identity's key set at IDENTITY_JWKS_URL. */
  verifyToken?: TokenVerifier;
  /** Finds a user's address when no user event brought it; default: identity's GetUser over gRPC. */
  lookUpUser?: LookUpUser;
  clock?: () => Date;
  /** An event bus to use (and leave open) instead of connecting to the configured one. */
  eventTransport?: EventTransport;
  /** Jitter of the retry backoff, in [0, 1); default Math.random. */
  random?: () => number;
}

/**
 * The notifications bounded context. Composition root: starts the embedded SMTP sink when
 * SMTP_URL names no mail server, builds the channels (email over SMTP with nodemailer; SMS and
 * push through the delivery-log provider), runs the sender, mounts the user's and the
 * operator's routes, and last consumes identity, order, payment and shipment events (and
 * relays its own delivery events) on the bus of NATS_URL or BUS_DATABASE_URL.
 */
export function createNotificationsModule(
  config: NotificationsModuleConfig,
  dependencies: NotificationsDependencies = {},
): ServiceModule<NotificationsDatabase> {
  const verifyToken = dependencies.verifyToken ?? createTokenVerifier(new URL(config.IDENTITY_JWKS_URL));
  const requireAdmin = authenticate(verifyToken, 'admin');
  const requireUser = authenticate(verifyToken);
  const clock = dependencies.clock ?? (() => new Date());

  return {
    name: 'notifications',
    version: packageJson.version,
    description: packageJson.description,
    migrations: notificationsMigrations,
    async mount({ app, database, logger, metrics, rpc }) {
      const { db, pool } = database;
      const deps: NotificationDeps = {
        db,
        events: createDeliveryEvents(createEventPublisher('notifications', clock)),
        clock,
        newId: randomUUID,
      };

      let smtpUrl = config.SMTP_URL;
      if (!smtpUrl) {
        const sink = await startSmtpSink(db, { port: config.SMTP_SINK_PORT, logger, clock });
        // Closes last (onClose hooks run last-added first): the sender may still be handing it a mail.
        app.addHook('onClose', () => sink.close());
        smtpUrl = sink.url;
        logger.info({ smtp: sink.url }, 'embedded SMTP sink listening; mails are kept in the mailbox');
      }
      const providers = new Map<Channel, ChannelProvider>([
        [
          'email',
          createSmtpEmailProvider({
            url: smtpUrl,
            from: config.MAIL_FROM,
            timeoutMs: config.SMTP_TIMEOUT_MS,
          }),
        ],
        ['sms', createDeliveryLogProvider('sms', logger)],
        ['push', createDeliveryLogProvider('push', logger)],
      ]);
      app.addHook('onClose', async () => {
        for (const provider of providers.values()) await provider.close();
      });

      const users = rpc.client(UserService, 'identity');
      const lookUpUser: LookUpUser =
        dependencies.lookUpUser ??
        (async (userId) => {
          try {
            const { user } = await users.getUser({ id: userId });
            return user ? { email: user.email, name: user.name } : undefined;
          } catch (error) {
            if (error instanceof ConnectError && error.code === Code.NotFound) return undefined;
            throw error;
          }
        });

      let worker: DeliveryWorker | undefined;
      notificationRoutes(app, { db, requireUser });
      adminDeliveryRoutes(app, { deps, worker: () => worker, requireAdmin });
      adminMailboxRoutes(app, { db, sinkRuns: !config.SMTP_URL, requireAdmin });

      worker = await startDeliveryWorker({ pool, logger }, deps, {
        providers,
        lookUpUser,
        maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
        retryBaseMs: config.DELIVERY_RETRY_BASE_MS,
        pollMs: config.DELIVERY_POLL_MS,
        logger,
        random: dependencies.random,
      });
      const started = worker;
      app.addHook('onClose', () => started.stop());

      // Last: one bus connection for the consumer and the relay of the delivery events.
      const { consumers } = await startEventBus({ app, database, logger, metrics }, config, {
        transport: dependencies.eventTransport,
        consumers: [{ group: NOTIFICATIONS_GROUP, handlers: notificationHandlers(deps) }],
      });
      registerDeadLetterRoutes(app, { db, consumers, requireAdmin });
    },
  };
}
