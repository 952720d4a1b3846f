/**
 * The gateway's composition root: registry and discovery, upstream pools and policies, the
 * token verifier, rate-limit store, TLS material, and the two listeners built on them.
 */
import type { AddressInfo } from 'node:net';
import { ConfigError } from '@emporium/platform/config';
import { connectRegistry, createDiscoveryClient, type ServiceRegistry } from '@emporium/platform/discovery';
import { createLogger, type Logger } from '@emporium/platform/log';
import { createResilience } from '@emporium/platform/resilience';
import { isRetryable, isTargetFailure, RpcClients } from '@emporium/platform/rpc';
import { createTokenVerifier, type TokenVerifier } from '@emporium/platform/security';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import packageJson from '../package.json' with { type: 'json' };
import { cachedTokenVerifier } from './auth/cached-token-verifier.ts';
import { orderPageParts } from './composition/order-page.ts';
import type { GatewayConfig } from './config.ts';
import { combinedOpenApi } from './docs/combined-openapi.ts';
import { buildGatewayApp, type GatewayCore } from './gateway-app.ts';
import { createUpstreams } from './proxy/upstreams.ts';
import { parseRateLimits } from './rate-limit/rate-limits.ts';
import { ROUTES } from './routes/route-table.ts';
import { loadCertificate, loadOrCreateDevCertificate, type TlsMaterial } from './tls/dev-certificate.ts';

export { GatewayConfig } from './config.ts';

export interface StartGatewayOptions {
  logger?: Logger;
  /** A registry to use instead of the one configuration names (tests share theirs). */
  registry?: ServiceRegistry;
  /** Verifies access tokens; default: against IDENTITY_JWKS_URL. */
  verifyToken?: TokenVerifier;
}

export interface RunningGateway {
  /** http://host:port */
  url: string;
  /** https://host:port, when TLS is on. */
  tlsUrl: string | undefined;
  /** The development CA to trust, when the certificate is the generated one. */
  caPath: string | undefined;
  ca: string | undefined;
  logger: Logger;
  apps: FastifyInstance[];
  stop(): Promise<void>;
}

export async function startGateway(
  config: GatewayConfig,
  options: StartGatewayOptions = {},
): Promise<RunningGateway> {
  const logger =
    options.logger ??
    createLogger({ service: 'gateway', level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
  const rateLimits = parseRateLimits(config.RATE_LIMITS);
  const ownedRegistry = options.registry ? undefined : connectRegistry(config, logger);
  const registry = options.registry ?? ownedRegistry;
  if (!registry) {
    throw new ConfigError('gateway', [
      'DISCOVERY: the gateway finds services through a registry; set REGISTRY_DATABASE_URL, NATS_URL or STATIC_SERVICES',
    ]);
  }
  const cleanups: Array<() => Promise<unknown>> = [];
  if (ownedRegistry) cleanups.push(() => ownedRegistry.close());
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  };
  try {
    const discovery = createDiscoveryClient(registry, { balancing: 'least-pending', logger });
    cleanups.push(() => discovery.close());
    const slowRoutes = new Map(
      ROUTES.filter((route) => route.timeoutMs !== undefined).map((route) => [
        route.service + route.path,
        route.timeoutMs,
      ]),
    );
    const upstreams = createUpstreams({
      discovery,
      logger,
      connectionsPerInstance: config.UPSTREAM_CONNECTIONS,
      timeoutFor: (target) => slowRoutes.get(target),
      policy: {
        timeoutMs: config.UPSTREAM_TIMEOUT_MS,
        retry: { maxAttempts: config.UPSTREAM_RETRY_MAX_ATTEMPTS, initialDelayMs: 25, maxDelayMs: 500 },
        breaker: {
          consecutiveFailures: config.UPSTREAM_BREAKER_FAILURES,
          halfOpenAfterMs: config.UPSTREAM_BREAKER_HALF_OPEN_MS,
        },
        bulkhead: { limit: config.UPSTREAM_CONCURRENCY, queue: config.UPSTREAM_QUEUE },
      },
    });
    cleanups.push(() => upstreams.close());
    const rpc = new RpcClients({
      discovery,
      resilience: createResilience({ isFailure: isTargetFailure, isRetryable }),
    });
    cleanups.push(() => rpc.close());

    const verifyToken =
      options.verifyToken ??
      cachedTokenVerifier(
        createTokenVerifier(new URL(config.IDENTITY_JWKS_URL), {
          refetchCooldownMs: config.JWKS_REFETCH_COOLDOWN_MS,
        }),
      );
    const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
    if (redis) cleanups.push(() => redis.quit());

    const core: GatewayCore = {
      config,
      logger,
      registry,
      discovery,
      upstreams,
      verifyToken,
      orderParts: orderPageParts(rpc, config.COMPOSITION_PART_TIMEOUT_MS),
      openApi: combinedOpenApi(upstreams, { version: packageJson.version, logger }),
      rateLimits,
      redis,
    };

    const plain = await buildGatewayApp(core);
    cleanups.push(() => plain.close());
    await plain.listen({ host: config.GATEWAY_HOST, port: config.GATEWAY_PORT });
    const apps = [plain];
    let tls: TlsMaterial | undefined;
    let tlsUrl: string | undefined;
    if (config.GATEWAY_TLS) {
      tls =
        config.TLS_CERT_FILE && config.TLS_KEY_FILE
          ? await loadCertificate(config.TLS_CERT_FILE, config.TLS_KEY_FILE)
          : await loadOrCreateDevCertificate(config.TLS_DEV_DIR);
      const secure = await buildGatewayApp(core, tls);
      cleanups.push(() => secure.close());
      await secure.listen({ host: config.GATEWAY_HOST, port: config.GATEWAY_TLS_PORT });
      apps.push(secure);
      tlsUrl = `https://${displayHost(config.GATEWAY_HOST)}:${portOf(secure)}`;
    }
    const url = `http://${displayHost(config.GATEWAY_HOST)}:${portOf(plain)}`;
    logger.info(
      { url, tlsUrl, registry: registry.kind, rateLimits: redis ? 'redis' : 'in-process' },
      'gateway listening',
    );

    let stopping: Promise<void> | undefined;
    return {
      url,
      tlsUrl,
      caPath: tls?.caPath,
      ca: tls?.ca,
      logger,
      apps,
      stop: () => {
        stopping ??= cleanUp();
        return stopping;
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** Fails fast when REDIS_URL names a server that does not answer. */
async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 5_000, lazyConnect: true });
  redis.on('error', (error: Error) => logger.warn({ err: error }, 'redis connection trouble'));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new ConfigError('gateway', [
      `REDIS_URL: the Redis server does not answer (${(error as Error).message})`,
    ]);
  }
  return redis;
}

function portOf(app: FastifyInstance): number {
  return (app.server.address() as AddressInfo).port;
}

function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host;
}
