import { resolve } from 'node:path';
import type { ServiceModule } from '@emporium/platform/host';
import { createEventPublisher, startEventRelay } from '@emporium/platform/messaging';
import { createTokenVerifier } from '@emporium/platform/security';
import { createLocalJWKSet } from 'jose';
import packageJson from '../package.json' with { type: 'json' };
import type { AccountDeps } from './accounts/account-deps.ts';
import { bootstrapAdmin } from './accounts/bootstrap-admin.ts';
import { registerAddressRoutes } from './api/address-routes.ts';
import { registerAdminRoutes } from './api/admin-routes.ts';
import { registerAuthRoutes } from './api/auth-routes.ts';
import { registerJwksRoute } from './api/jwks-route.ts';
import { registerMeRoutes } from './api/me-routes.ts';
import { registerPreferencesRoutes } from './api/preferences-routes.ts';
import type { IdentitySettings } from './config.ts';
import { createPasswordHasher } from './credentials/password-hasher.ts';
import { type Clock, systemClock } from './domain/clock.ts';
import { createUserEvents } from './events/user-events.ts';
import { createAccessTokenSigner } from './keys/access-token-signer.ts';
import { loadOrCreateSigningKeys } from './keys/signing-key-set.ts';
import { serveUserService } from './rpc/user-service.ts';
import { createSessionIssuer } from './sessions/session-issuer.ts';
import type { IdentityDatabase } from './store/database.ts';
import { migrations } from './store/migrations/index.ts';
import { pruneExpiredRefreshTokens } from './store/refresh-tokens-store.ts';

export type { IdentityConfig, IdentitySettings } from './config.ts';
export type { IdentityDatabase } from './store/database.ts';

export interface IdentityModuleOptions {
  clock?: Clock;
  /** How often expired refresh tokens are deleted. */
  pruneIntervalMs?: number;
}

const HOUR_MS = 3_600_000;

/**
 * The identity context as a hostable module: users and credentials, sessions (short-lived
 * EdDSA access tokens, rotating refresh tokens), the JWKS, addresses, preferences, roles.
 * It publishes UserRegistered and UserUpdated through its outbox, which a relay sends to the
 * event bus of NATS_URL or BUS_DATABASE_URL (with neither, events wait in the outbox), and
 * serves the gRPC UserService (GetUser, BatchGetUsers) to other services.
 */
export function createIdentityModule(
  settings: IdentitySettings,
  { clock = systemClock, pruneIntervalMs = HOUR_MS }: IdentityModuleOptions = {},
): ServiceModule<IdentityDatabase> {
  return {
    name: 'identity',
    version: packageJson.version,
    description: 'Users, credentials, tokens, addresses, preferences and roles',
    migrations,
    async mount({ app, database, logger, metrics, rpc }) {
      const { db } = database;
      const keys = await loadOrCreateSigningKeys(resolve(settings.SIGNING_KEYS_PATH));
      if (keys.created) logger.info({ path: keys.path }, 'generated a new signing key file');
      if ((keys.mode & 0o077) !== 0) {
        logger.warn(
          { path: keys.path, mode: keys.mode.toString(8) },
          'signing key file is readable by others; chmod 600 it',
        );
      }
      logger.info(
        { kid: keys.keySet.signing.kid, published: keys.keySet.publicKeys.length },
        'signing keys loaded',
      );

      const passwords = await createPasswordHasher();
      const signer = createAccessTokenSigner(keys.keySet, settings.ACCESS_TOKEN_TTL_SECONDS);
      const sessions = createSessionIssuer({
        db,
        signer,
        refreshTokenTtlDays: settings.REFRESH_TOKEN_TTL_DAYS,
        clock,
      });
      // Identity checks its own tokens with its own keys: no HTTP round trip to itself.
      const verifier = createTokenVerifier(createLocalJWKSet({ keys: keys.keySet.publicKeys }));
      const events = createUserEvents(createEventPublisher('identity', clock));
      const accounts: AccountDeps = { db, passwords, sessions, events, clock };

      if (settings.ADMIN_EMAIL !== undefined && settings.ADMIN_PASSWORD !== undefined) {
        await bootstrapAdmin(
          accounts,
          { email: settings.ADMIN_EMAIL, password: settings.ADMIN_PASSWORD },
          logger,
        );
      }

      registerJwksRoute(app, keys.keySet);
      registerAuthRoutes(app, accounts);
      registerMeRoutes(app, accounts, verifier);
      registerAddressRoutes(app, db, verifier);
      registerPreferencesRoutes(app, db, verifier, { events, clock });
      registerAdminRoutes(app, accounts, verifier);
      serveUserService(rpc, db);

      const prune = () => {
        pruneExpiredRefreshTokens(db, clock()).then(
          (deleted) => deleted > 0 && logger.info({ deleted }, 'expired refresh tokens deleted'),
          (error: unknown) => logger.warn({ err: error }, 'pruning expired refresh tokens failed'),
        );
      };
      const pruning = setInterval(prune, pruneIntervalMs);
      pruning.unref();
      app.addHook('onClose', async () => clearInterval(pruning));

      // Last, so nothing above can fail after the bus connection is open and leave it so.
      await startEventRelay({ app, database, logger, metrics }, settings);
    },
  };
}
